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

#include "core/chunked_column.h"
#include "core/clock.h"
#include "core/event.h"

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
    static constexpr unsigned kActorChunkBits = 12;

    explicit EventStore(std::uint32_t maxActors = 4096);

    // --- writer side (one thread) ---
    void append(const Event* events, std::size_t n, const TimeBase& base);
    void appendRow(const Row& row);
    void publish();  // makes rows appended so far visible to readers
    void setActors(std::vector<ActorInfo> actors);
    void setObjects(std::vector<ObjectInfo> objects);
    void setDropped(std::uint32_t actor, std::uint64_t dropped);
    void setTimeBase(const TimeBase& base) { m_timeBase = base; }

    // --- reader side (any thread) ---
    std::size_t size() const { return m_published.load(std::memory_order_acquire); }
    Row row(std::size_t i) const;
    std::int64_t ns(std::size_t i) const { return m_ns[i]; }
    EventKind kind(std::size_t i) const { return m_kind[i]; }
    std::uint32_t actorOf(std::size_t i) const { return m_actor[i]; }

    // Events of one actor, oldest first: indexes into the store.
    std::size_t actorEventCount(std::uint32_t actor) const;
    std::size_t actorEvent(std::uint32_t actor, std::size_t k) const;
    // First k with ns(actorEvent(actor, k)) >= t.
    std::size_t actorLowerBound(std::uint32_t actor, std::int64_t t) const;

    std::vector<ActorInfo> actors() const;
    std::vector<ObjectInfo> objects() const;
    std::uint32_t maxActors() const { return m_maxActors; }
    std::uint64_t totalDropped() const;
    std::string objectName(std::uint32_t id) const;
    const TimeBase& timeBase() const { return m_timeBase; }

    // All published events ordered by time (ties keep store order).
    std::vector<std::uint32_t> timeOrder() const;

private:
    struct ActorIndex {
        explicit ActorIndex(std::size_t maxChunks) : rows(maxChunks) {}
        ChunkedColumn<std::uint32_t, kActorChunkBits> rows;
        std::size_t written = 0;                 // writer's count
        std::atomic<std::size_t> published{0};  // readers' count
    };
    void indexRow(std::size_t i, std::uint32_t actor);

    std::uint32_t m_maxActors;
    ChunkedColumn<std::int64_t, kChunkBits> m_ns;
    ChunkedColumn<std::uint32_t, kChunkBits> m_actor;
    ChunkedColumn<EventKind, kChunkBits> m_kind;
    ChunkedColumn<std::uint32_t, kChunkBits> m_object;
    ChunkedColumn<std::int64_t, kChunkBits> m_a;
    ChunkedColumn<std::int64_t, kChunkBits> m_b;
    std::size_t m_written = 0;
    std::atomic<std::size_t> m_published{0};
    std::vector<std::unique_ptr<ActorIndex>> m_index;  // sized once; entries created on demand
    std::vector<ActorIndex*> m_touched;                // indexes with unpublished rows

    mutable std::mutex m_metaMutex;  // guards the metadata below, which changes rarely
    std::vector<ActorInfo> m_actors;
    std::vector<ObjectInfo> m_objects;
    TimeBase m_timeBase{};
};

}  // namespace interleave
