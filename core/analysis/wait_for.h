#pragma once
// Who waits for whom at the end of what a store holds: each actor blocked in a lock request
// waits for the lock's holder. A cycle in that graph is a deadlock (each actor waits for at most
// one lock, so the graph is a set of chains and at most a few cycles).

#include <cstdint>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

// The actors of one wait-for cycle, in order (a waits for b waits for ... for a); empty when
// there is none. Only meaningful for a store with no lost events.
std::vector<std::uint32_t> findDeadlockCycle(const EventStore& store);

// Who held `lock` just before `t`, `asking` aside: the actor whose latest step on it before then
// was taking it. Looks back a few steps per actor only (a holder took its lock a few steps ago:
// it is working with it or blocked on its next one); kNoActor when that does not tell.
std::uint32_t lockHolderBefore(const EventStore& store, std::uint32_t lock, std::int64_t t,
                               std::uint32_t asking);

}  // namespace interleave
