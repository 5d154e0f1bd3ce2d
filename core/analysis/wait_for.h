#pragma once
// Who waits for whom: each actor blocked in a lock request waits for the lock's holder. A cycle
// in that graph is a deadlock (each actor waits for at most one lock, so the graph is a set of
// chains and at most a few cycles).

#include <cstdint>
#include <limits>
#include <map>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

struct WaitForGraph {
    std::map<std::uint32_t, std::uint32_t> holder;   // lock -> the actor holding it
    std::map<std::uint32_t, std::uint32_t> waiting;  // actor -> the lock it asked for
    bool operator==(const WaitForGraph&) const = default;
    // The actors of one wait-for cycle, in order (a waits for b waits for ... for a); empty when
    // there is none.
    std::vector<std::uint32_t> cycle() const;
};

// The graph after every event stamped at or before `t`, by replaying the store in time order.
// The reference: WaitForTracker must always agree with it.
WaitForGraph waitForGraphAt(const EventStore& store,
                            std::int64_t t = std::numeric_limits<std::int64_t>::max());

// The same graph at a moving time, at the cost of the events it passes: each actor's own events
// are in time order and only ever appended, so each actor's state moves forward on its own, and
// events that arrive late (another actor's ring drained later) are picked up on the next call.
// Going back in time replays from the start.
class WaitForTracker {
  public:
    void reset(const EventStore* store);
    const WaitForGraph& at(std::int64_t t);

  private:
    struct Held {
        std::uint32_t lock;
        std::int64_t since;
    };
    struct ActorState {
        std::size_t next = 0;  // this actor's events already applied
        std::vector<Held> held;
        std::uint32_t waiting = kNoObject;
    };
    void rebuild();

    const EventStore* m_store = nullptr;
    std::vector<ActorState> m_actors;
    std::int64_t m_at = std::numeric_limits<std::int64_t>::min();
    WaitForGraph m_graph;
};

// The cycle at the end of what the store holds. Only meaningful for a store with no lost events.
std::vector<std::uint32_t> findDeadlockCycle(const EventStore& store);

// Who held `lock` just before `t`, `asking` aside: the actor whose latest step on it before then
// was taking it. Looks back a few steps per actor only (a holder took its lock a few steps ago:
// it is working with it or blocked on its next one); kNoActor when that does not tell.
std::uint32_t lockHolderBefore(const EventStore& store, std::uint32_t lock, std::int64_t t,
                               std::uint32_t asking);

}  // namespace interleave
