#pragma once
// Who holds which lock and who waits for whom. Locks are the objects with owners: mutexes and
// both sides of reader-writer locks (the kind table's `hold` column says which events take,
// give up and ask for them). A waiter waits for the lock's holders: a writer for every one of
// them, a reader for the writer alone. A cycle in that graph is a deadlock.
//
// One record of holdings serves every reader of it: WaitForReplay applies events in time order
// (the reference, and the deadlock goal), LockHolders answers "who held it at t" for any t, at
// the cost of a binary search per actor and lock (the cursor, captions, tooltips).

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

struct WaitForGraph {
    struct Holder {
        std::uint32_t actor;
        bool reading;  // holds the shared side of a reader-writer lock
        bool operator==(const Holder&) const = default;
    };
    std::map<std::uint32_t, std::vector<Holder>> holders;  // lock -> its holders, by actor id
    std::map<std::uint32_t, std::uint32_t> waiting;        // actor -> the lock it asked for
    std::set<std::uint32_t> reading;                       // waiters that asked to read
    bool operator==(const WaitForGraph&) const = default;

    // The actors `actor` waits for: the holders of its lock that keep it out.
    std::vector<std::uint32_t> waitsFor(std::uint32_t actor) const;
    // The actors of one wait-for cycle, in order (a waits for b waits for ... for a); empty when
    // there is none.
    std::vector<std::uint32_t> cycle() const;
};

// Applies events one at a time, in time order.
class WaitForReplay {
  public:
    // Returns whether the graph changed.
    bool apply(const Row& r);
    const WaitForGraph& graph() const { return m_graph; }

  private:
    // How many times each actor holds each lock (a recursive or re-entered lock), per side.
    std::map<std::tuple<std::uint32_t, std::uint32_t, bool>, int> m_depth;
    WaitForGraph m_graph;
};

// The graph after every event stamped at or before `t`, replayed from the start.
WaitForGraph waitForGraphAt(const EventStore& store,
                            std::int64_t t = std::numeric_limits<std::int64_t>::max());

// Every stretch each actor held each lock or waited for one, kept as the store grows: each
// actor's own events are in time order and only ever appended, so each actor is read on its own
// and events that arrive late (another actor's ring drained later) are taken on the next update.
class LockHolders {
  public:
    void reset(const EventStore* store);
    void update();  // takes the events appended since the last call
    // The actors holding `lock` at `t` (an event stamped at t has happened), `except` aside.
    std::vector<std::uint32_t> holdersAt(std::uint32_t lock, std::int64_t t,
                                         std::uint32_t except = kNoActor) const;
    WaitForGraph graphAt(std::int64_t t) const;

  private:
    struct Span {
        std::int64_t from;
        std::int64_t to;  // open: max
    };
    struct Held {
        std::uint32_t lock;
        bool reading;
        int depth = 0;
        std::vector<Span> spans;
    };
    struct Waited {
        Span span;
        std::uint32_t lock;
        bool reading;
    };
    struct PerActor {
        std::size_t next = 0;  // this actor's events already read
        std::vector<Held> held;
        std::vector<Waited> waits;
    };
    static bool within(const std::vector<Span>& spans, std::int64_t t);
    const EventStore* m_store = nullptr;
    std::vector<PerActor> m_actors;
};

// The wait-for graph at a moving cursor, for views: LockHolders brought up to date, then read.
class WaitForTracker {
  public:
    void reset(const EventStore* store);
    const WaitForGraph& at(std::int64_t t);
    const LockHolders& holders() const { return m_holders; }

  private:
    LockHolders m_holders;
    WaitForGraph m_graph;
};

// The cycle at the end of what the store holds. Only meaningful for a store with no lost events.
std::vector<std::uint32_t> findDeadlockCycle(const EventStore& store);

}  // namespace interleave
