#pragma once
// A live producer/consumer run made up in a test: producers put items that consumers take up to
// a second later (so arrows start far left of "now"), under a lock, with work in between: every
// kind of mark the timeline draws. Deterministic (a seeded generator), grown frame by frame.

#include <random>
#include <string>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/timeline/timeline_model.h"

namespace interleave::test {

constexpr std::int64_t kMs = 1'000'000;

class LiveRun {
  public:
    LiveRun() : m_store(4) {
        std::vector<ActorInfo> actors;
        for (std::uint32_t a = 0; a < 4; ++a)
            actors.push_back(ActorInfo{a, 100, 1, 200 + static_cast<int>(a),
                                       (a < 2 ? "producer " : "consumer ") + std::to_string(a),
                                       ActorRole::Thread, kNoActor, 0});
        m_store.setActors(actors);
        m_store.setObjects({ObjectInfo{1, ObjectKind::Mutex, "lock", 0, 4},
                            ObjectInfo{2, ObjectKind::Queue, "buffer", 8, 4}});
        m_model.reset(&m_store);
    }

    // Events up to `until` for every actor, then hands them to the model.
    void runUntil(std::int64_t until) {
        const std::size_t before = m_store.size();
        for (std::uint32_t a = 0; a < 4; ++a) {
            auto& t = m_next[a];
            while (t < until) {
                const bool producer = a < 2;
                add(t, a, EventKind::WorkBegin, 0, 0);
                t += static_cast<std::int64_t>(m_rng() % 90 + 5) * kMs;
                add(t, a, EventKind::WorkEnd, 0, 0);
                add(t, a, EventKind::LockRequest, 1, 0);
                t += static_cast<std::int64_t>(m_rng() % 4) * kMs;
                add(t, a, EventKind::LockAcquired, 1, 1);
                if (producer) {
                    add(t, a, EventKind::QueuePut, 2, m_item++);
                } else if (m_taken < m_item) {
                    add(t, a, EventKind::QueueGet, 2, m_taken++);
                }
                t += kMs;
                add(t, a, EventKind::LockReleased, 1, 0);
                if (!producer) t += static_cast<std::int64_t>(m_rng() % 400) * kMs;
            }
        }
        m_store.publish();
        m_model.append(before, m_store.size());
    }

    ui::TimelineModel& model() { return m_model; }

  private:
    void add(std::int64_t t, std::uint32_t actor, EventKind kind, std::uint32_t object,
             std::int64_t a) {
        m_store.appendRow(Row{t, actor, kind, object, a, 0});
    }

    EventStore m_store;
    ui::TimelineModel m_model;
    std::mt19937 m_rng{7};
    std::int64_t m_next[4] = {0, 3 * kMs, 5 * kMs, 11 * kMs};
    std::int64_t m_item = 0, m_taken = 0;
};

}  // namespace interleave::test
