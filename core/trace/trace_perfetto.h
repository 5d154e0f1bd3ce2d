#pragma once
// Perfetto's own trace format (protobuf; ".pftrace"), far smaller than the JSON trace and quicker
// for Perfetto to open on long runs. Written by hand on the wire format (no protobuf library):
// a track per process and one per thread under it (real pids, tids and names), each actor state
// as a slice (name: the state, with the object waited on), every synchronisation step as an
// instant named by its kind with its object and value as debug annotations. Field numbers are
// Perfetto's (protos/perfetto/trace/...), stable by the protobuf contract.

#include <ostream>

#include "core/channel/event_store.h"
#include "core/trace/trace_native.h"

namespace interleave {

// Returns false when `cancelled` said stop (out is then partial).
bool writePerfettoTrace(const EventStore& store, std::ostream& out,
                        const CancelCheck& cancelled = {});

// The track uuids the writer gives a process and an actor (tests read them back).
constexpr std::uint64_t perfettoProcessTrack(int pid) {
    return (std::uint64_t{1} << 32) | static_cast<std::uint32_t>(pid);
}
constexpr std::uint64_t perfettoActorTrack(std::uint32_t actor) {
    return (std::uint64_t{2} << 32) | actor;
}

}  // namespace interleave
