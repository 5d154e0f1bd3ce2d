#pragma once
// What the trace writers show of each actor's states: every state segment up to the actor's
// end (the time after it is not a state it was in), actor by actor, in time order for each.

#include <cstdint>
#include <vector>

#include "core/analysis/actor_states.h"
#include "core/trace/trace_native.h"

namespace interleave {

// Calls `slice(actor, segment)` for each; false when `cancelled` said stop first.
template <class Slice>
bool forEachStateSlice(const EventStore& store, const std::vector<ActorInfo>& actors,
                       std::int64_t lastNs, const CancelCheck& cancelled, Slice&& slice) {
    const auto ends = processEnds(store);
    for (const auto& a : actors) {
        if (cancelled && cancelled()) return false;
        for (const auto& seg : stateSegments(store, a, ends, lastNs))
            if (seg.state != ActorState::Exited) slice(a, seg);
    }
    return true;
}

}  // namespace interleave
