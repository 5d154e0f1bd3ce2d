#pragma once
// The native binary trace: everything the GUI needs to replay a run. Layout (little-endian):
// header · loss record · actor records · object records · string bytes · run description
// (from version 9: its length, u64, then JSON) · event records · trailer (FNV-1a hash of
// everything before it, then an end magic). See docs/trace-format.md.

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "core/channel/event_store.h"
#include "core/trace/run_description.h"

namespace interleave {

// Polled while a trace is written; true stops the write (Ctrl-C).
using CancelCheck = std::function<bool()>;

// Streams the trace to `out`. Returns false when `cancelled` said stop (out is then partial).
bool writeNativeTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled,
                      const RunDescription& description = {});

struct NativeTraceLoad {
    std::unique_ptr<EventStore> store;
    RunDescription description;  // empty scenario: a trace from before version 9
    std::string error;           // what is wrong with the file, when store is null
};
// Refuses anything that is not a regular file (directories, devices, FIFOs) before reading it,
// and checks every size and offset against the file without overflow. The header, trailer and
// the sizes they declare are checked against the file's size before anything else is read; the
// rest is read in pieces, so memory is bounded by what the trace really holds (a huge sparse
// file is refused at once, in a few KiB).
NativeTraceLoad loadNativeTrace(const std::string& path);
// The same checks on bytes in memory (the fuzz target's entry point); `name` heads messages.
NativeTraceLoad parseNativeTrace(const std::string& bytes, const std::string& name);

}  // namespace interleave
