#pragma once
// The native binary trace: everything the GUI needs to replay a run. Layout (little-endian):
// header · actor records · object records · string bytes · event records · trailer (FNV-1a
// hash of everything before it, then an end magic). See docs/trace-format.md.

#include <memory>
#include <string>

#include "core/event_store.h"

namespace interleave {

// Returns an empty string on success, otherwise what went wrong.
std::string writeNativeTrace(const EventStore& store, const std::string& path);

struct NativeTraceLoad {
    std::unique_ptr<EventStore> store;
    std::string error;  // what is wrong with the file, when store is null
};
NativeTraceLoad loadNativeTrace(const std::string& path);

}  // namespace interleave
