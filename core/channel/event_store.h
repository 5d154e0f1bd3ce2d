#pragma once
// Append-only, columnar store of a run's events, indexed by actor (and, within an actor, by
// time). One writer (the supervisor's reader thread, or a trace loader) appends and publishes;
// readers on other threads see everything below size() without taking a lock.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/channel/chunked_column.h"
#include "core/schema/event.h"
#include "core/sys/clock.h"

namespace interleave {

struct ActorInfo {
    std::uint32_t id = 0;
    int pid = 0;
    int ppid = 0;
    int tid = 0;
    std::string name;
    ActorRole role = ActorRole::Thread;
    std::uint32_t parentActor = kNoActor;
    std::uint64_t dropped = 0;  // records its ring could not take
};

struct ObjectInfo {
    std::uint32_t id = 0;
    ObjectKind kind = ObjectKind::None;
    std::string name;
    std::uint32_t capacity = 0;
    int ownerPid = 0;
    ObjectRole role = ObjectRole::Own;
    std::uint32_t owner = kNoObject;  // the object it serves when role is not Own
};

// What a run lost outside the rings' own drop counters, and how often writers had to wait.
// Every number is counted where the loss happens (channel.h, ring.h); none is estimated.
struct CaptureLosses {
    std::uint64_t eventsUntraced = 0;  // events of threads that got no actor slot
    std::uint32_t actorsRefused = 0;   // actor table full
    std::uint32_t forksFailed = 0;     // fork() failed; its claimed actor slot is wasted
    std::uint32_t objectsRefused = 0;  // object table full
    std::uint32_t stringsRefused = 0;  // string arena full: names shown empty
    std::uint64_t ringWaits = 0;       // lossless mode: times a writer waited for room
    bool operator==(const CaptureLosses&) const = default;
    bool any() const {
        return eventsUntraced || actorsRefused || forksFailed || objectsRefused || stringsRefused;
    }
};

// One event as stored: time in ns since the run's origin.
struct Row {
    std::int64_t ns;
    std::uint32_t actor;
    EventKind kind;
    std::uint32_t object;
    std::int64_t a;
    std::int64_t b;
};

class EventStore {
  public:
    static constexpr unsigned kChunkBits = 16;

    explicit EventStore(std::uint32_t maxActors = 4096);

    // --- writer side (one thread) ---
    // Appends records that all come from `actor`'s ring, which indexes them as one run.
    void appendFromActor(std::uint32_t actor, const Event* events, std::size_t n);
    // Appends one row whose time is already in ns (trace loading, supervisor's own reports).
    void appendRow(const Row& row);
    void publish();  // makes rows appended so far visible to readers
    // Gets memory for the next `rows` appends ready (allocated and faulted in), so a burst of
    // events is copied at memory speed. Meant for the writer's idle moments.
    void prepare(std::size_t rows);
    void setActors(std::vector<ActorInfo> actors);
    void setObjects(std::vector<ObjectInfo> objects);
    void setDropped(std::uint32_t actor, std::uint64_t dropped);
    void setLosses(const CaptureLosses& losses);
    // Set once, before the first append: how raw ticks become ns.
    void setTimeBase(const TimeBase& base) { m_timeBase = base; }

    // --- reader side (any thread) ---
    std::size_t size() const { return m_published.load(std::memory_order_acquire); }
    Row row(std::size_t i) const;
    std::int64_t ns(std::size_t i) const { return m_timeBase.toNs(m_ticks[i]); }
    // Ticks since the origin, signed: orders like ns() without its multiplication (for passes over
    // tens of millions of events that only compare times).
    std::int64_t tickDelta(std::size_t i) const {
        return static_cast<std::int64_t>(m_ticks[i] - m_timeBase.tick0);
    }
    EventKind kind(std::size_t i) const {
        return static_cast<EventKind>((m_meta[i] >> 16) & 0xffff);
    }
    std::uint32_t actorOf(std::size_t i) const {
        return static_cast<std::uint32_t>(m_meta[i] & 0xffff);
    }
    std::uint32_t objectOf(std::size_t i) const {
        return static_cast<std::uint32_t>(m_meta[i] >> 32);
    }

    // Events of one actor, oldest first: the k-th one's index in the store.
    std::size_t actorEventCount(std::uint32_t actor) const;
    std::size_t actorEvent(std::uint32_t actor, std::size_t k) const;
    // First k with ns(actorEvent(actor, k)) >= t.
    std::size_t actorLowerBound(std::uint32_t actor, std::int64_t t) const;

    std::vector<ActorInfo> actors() const;
    std::vector<ObjectInfo> objects() const;
    // Events lost: every ring's drops plus the events of threads that ran untraced.
    std::uint64_t totalDropped() const;
    CaptureLosses losses() const;
    std::string objectName(std::uint32_t id) const;
    const TimeBase& timeBase() const { return m_timeBase; }
    // ns -> the tick value that maps to it, for rows whose time is given in ns.
    std::uint64_t ticksAt(std::int64_t ns) const;

    // All published events ordered by time (ties keep store order).
    std::vector<std::uint32_t> timeOrder() const;

  private:
    // An actor's events arrive in runs (one drained ring span is one run), so the per-actor
    // index stores runs, not one entry per event: the drain then costs one index write per span.
    struct Run {
        std::uint64_t before;  // this actor's events in earlier runs
        std::uint32_t first;   // store index of the run's first event
        std::uint32_t count;
    };
    struct ActorIndex {
        // Few large chunks rather than many small ones: the chunk table is allocated (and
        // zeroed) up front, 32 KiB per actor; chunks are not zeroed, so only the pages runs are
        // written to become resident. 2^26 runs at most, as many as before.
        ChunkedColumn<Run, 14> runs{1 << 12};
        std::size_t runsWritten = 0;
        std::uint64_t eventsWritten = 0;
        std::atomic<std::size_t> runsPublished{0};
        std::atomic<std::uint64_t> eventsPublished{0};
    };
    void indexSpan(std::uint32_t actor, std::size_t first, std::size_t count);

    std::uint32_t m_maxActors;
    ChunkedColumn<std::uint64_t, kChunkBits> m_ticks;
    // actor (16 bits) | kind (16) | object (32): the middle word of an Event, copied as one.
    ChunkedColumn<std::uint64_t, kChunkBits> m_meta;
    ChunkedColumn<std::int64_t, kChunkBits> m_a;
    ChunkedColumn<std::int64_t, kChunkBits> m_b;
    std::size_t m_written = 0;
    std::atomic<std::size_t> m_published{0};
    // Sized once. Entries appear on demand while readers look, hence atomic pointers; the
    // writer owns the objects through m_indexOwned.
    std::unique_ptr<std::atomic<ActorIndex*>[]> m_index;
    std::vector<std::unique_ptr<ActorIndex>> m_indexOwned;
    std::vector<ActorIndex*> m_touched;  // indexes with unpublished runs

    mutable std::mutex m_metaMutex;  // guards the metadata below, which changes rarely
    std::vector<ActorInfo> m_actors;
    std::vector<ObjectInfo> m_objects;
    CaptureLosses m_losses;
    TimeBase m_timeBase{0, 0, std::uint64_t{1} << 32, 0};  // identity until told otherwise
};

}  // namespace interleave
