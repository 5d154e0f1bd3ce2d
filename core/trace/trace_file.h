#pragma once
// Writing a trace file safely: the format follows the name (.json is Chrome Trace Event format,
// .csv one row per event, .pftrace Perfetto's protobuf format, anything else the native format),
// the bytes go to a temporary file beside the target, and only a complete trace is renamed into
// place. A failed or cancelled write leaves nothing behind, and an existing file at the path is
// untouched.

#include <cstdint>
#include <string>

#include "core/channel/event_store.h"
#include "core/trace/trace_native.h"

namespace interleave {

struct TraceWriteResult {
    bool cancelled = false;
    std::string error;  // empty on success (and when cancelled)
    std::uint64_t bytes = 0;
};

// Checks before a run that `path` can be written: a non-empty name, not a directory, and a
// directory that takes a new file. Returns what is wrong, or an empty string. `what` and
// `example` name the file in the message (the lab's log file is checked the same way).
std::string checkTracePath(const std::string& path, const std::string& what = "trace",
                           const std::string& example = "--trace run.json");

// `description` goes into the file with the events (both formats).
TraceWriteResult writeTraceFile(const EventStore& store, const std::string& path,
                                const CancelCheck& cancelled = {},
                                const RunDescription& description = {});

// The size of the trace `path` would get, for warning before a long write: a sample of the
// store's events is written by the same writer into a counter, and scaled to the whole store
// (exact for a store of up to 8192 events).
std::uint64_t estimateTraceBytes(const EventStore& store, const std::string& path,
                                 const RunDescription& description = {});

}  // namespace interleave
