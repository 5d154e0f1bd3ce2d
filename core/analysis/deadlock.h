#pragma once
// Deadlocks through every blocking primitive the threads and processes of a run use: mutexes,
// reader-writer locks, semaphores and condition variables, at the end of what a store holds.
//
// Each blocked actor waits for others, in one of two ways:
//  - for all of them (a mutex's holder; a rwlock's holders, or for a reader the writers ahead of
//    it): it is stuck as soon as one of them is;
//  - for any one of them (a semaphore: whoever holds a unit or has raised it before; a condition
//    variable: every other actor of the run, since any running thread may be about to notify
//    it, whether or not it has touched it yet): it is stuck only when every one of them is.
// A thread joining another waits for it (all). So a condition waiter is stuck only when every
// other actor is blocked too, main's join included: a run stopped while its consumers wait for
// producers that are still working is not a deadlock.
// The deadlocked actors are the largest set in which each blocked actor is stuck by those rules
// (a fixed point, from "every blocked actor" downwards); a running, ended or unknown-waiting actor
// is never in it. So a wait that may still be answered from outside what was recorded (a
// semaphore nobody has touched yet) is never called a deadlock.
//
// The store is read once, in store order (each actor's events are in time order there), with no
// sort: cheap enough for tens of millions of events, and incremental (update() takes what was
// appended since the last call).

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

struct DeadlockCycle {
    std::vector<std::uint32_t> actors;   // a waits for b waits for ... for a; empty: none
    std::vector<std::uint32_t> objects;  // what actors[i] is blocked on
    bool empty() const { return actors.empty(); }
};

class DeadlockWatch {
  public:
    // Takes the store's events appended since the last call, at most `limit` of them (a caller
    // with a deadline reads in slices); events stamped after `until` (ns) are left out for good
    // (the supervisor's own rows about processes it reaped after a stop).
    void update(const EventStore& store,
                std::int64_t until = std::numeric_limits<std::int64_t>::max(),
                std::size_t limit = std::numeric_limits<std::size_t>::max());
    // One cycle among the deadlocked actors, from the lowest actor id; empty when there is none.
    DeadlockCycle cycle() const;
    // Every deadlocked actor.
    std::set<std::uint32_t> deadlocked() const;

  private:
    enum class Wait : std::uint8_t { None, Mutex, RwRead, RwWrite, Sem, Cond, Join };
    struct ActorState {
        Wait wait = Wait::None;
        std::uint32_t object = kNoObject;     // what it waits on (Join: the actor)
        std::uint32_t condMutex = kNoObject;  // Cond: the mutex it gave up
        std::int64_t since = 0;               // Cond: when it began to wait (ticks)
        bool gone = false;
    };
    struct Edges {
        std::vector<std::uint32_t> to;
        bool any = false;  // stuck only if every one of `to` is (else: if one of them is)
        // Of `to`, those it most plausibly waits for, to name in a cycle (a condition's
        // notifiers and its mutex's users, over every other actor).
        std::vector<std::uint32_t> likely;
    };
    ActorState& state(std::uint32_t actor);
    Edges edgesOf(std::uint32_t actor) const;
    bool woken(std::uint32_t actor) const;  // a Cond waiter notified since it began to wait
    // [object][actor], grown on demand: the store's object and actor ids are small and dense,
    // and a lock-heavy run passes tens of millions of events through these.
    struct Table {
        std::vector<std::vector<std::int64_t>> cells;
        std::int64_t& at(std::uint32_t object, std::uint32_t actor);
        std::int64_t get(std::uint32_t object, std::uint32_t actor) const;
        // Actors whose cell for `object` is above zero (or, with `any`, was ever set).
        std::vector<std::uint32_t> actorsOf(std::uint32_t object, bool everSet = false) const;
    };

    std::size_t m_next = 0;
    std::vector<ActorState> m_actors;
    std::map<int, std::vector<std::uint32_t>> m_pidActors;
    // How many times each actor holds each object (units, for a semaphore; below zero for an
    // actor that raises a semaphore others take).
    Table m_mutexHeld, m_readHeld, m_writeHeld, m_semHeld;
    // Ever done (1): raised a semaphore, took a mutex, notified a condition variable.
    Table m_semRaisers, m_mutexUsers, m_notifiers;
    Table m_notified;  // condvar, actor -> when it was last woken, +1 (0: never)
};

// The cycle at the end of what the store holds, through any primitive.
DeadlockCycle findDeadlock(const EventStore& store,
                           std::int64_t until = std::numeric_limits<std::int64_t>::max());

}  // namespace interleave
