// Real runs of semaphore-pool and daemon-threads, checked from the recorded events.

#include <gtest/gtest.h>

#include <string>

#include "core/schema/event.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// The last event an actor recorded itself (the lab's reports of its process aside).
EventKind lastOwnEvent(const EventStore& s, std::uint32_t actor) {
    for (auto k = s.actorEventCount(actor); k > 0; --k) {
        const auto i = s.actorEvent(actor, k - 1);
        if (s.kind(i) != EventKind::ProcessExit) return s.kind(i);
    }
    return EventKind::None;
}

std::uint32_t actorNamed(const EventStore& s, const std::string& name) {
    for (const auto& a : s.actors())
        if (a.name == name) return a.id;
    return kNoActor;
}

}  // namespace

TEST(SemaphorePool, NeverMoreThanKInsideAndTheOthersWaitAtTheDoor) {
    for (const auto& [workers, permits] : {std::pair{6, 2}, std::pair{8, 3}, std::pair{3, 1}}) {
        auto sup =
            runFor("semaphore-pool",
                   {"workers=" + std::to_string(workers), "permits=" + std::to_string(permits),
                    "work_ms=5", "rest_ms=1", "rounds=6"},
                   20'000);
        const auto& s = sup->store();
        ASSERT_TRUE(sup->finished());
        const auto pool = objectId(s, "pool");
        int inside = 0, most = 0;
        std::int64_t value = permits;
        std::size_t blocks = 0, visits = 0;
        for (const auto i : s.timeOrder()) {
            const auto r = s.row(i);
            if (r.object != pool) continue;
            if (r.kind == EventKind::SemAcquired) {
                most = std::max(most, ++inside);
                EXPECT_EQ(r.a, --value);
                ++visits;
            }
            if (r.kind == EventKind::SemReleased) {
                --inside;
                EXPECT_EQ(r.a, ++value);
            }
            if (r.kind == EventKind::SemBlock) {
                EXPECT_EQ(value, 0) << "blocked with a place free";
                ++blocks;
            }
            ASSERT_LE(inside, permits);
            ASSERT_GE(value, 0);
        }
        EXPECT_EQ(visits, static_cast<std::size_t>(workers * 6));
        EXPECT_EQ(inside, 0);
        // More workers than places, all arriving within a few ms: someone had to wait.
        if (workers > permits) {
            EXPECT_GT(blocks, 0u);
        }
        // The pool was used to the full, not one at a time.
        EXPECT_EQ(most, permits);
    }
}

TEST(DaemonThreads, TheJoinedWorkerFinishesTheDaemonIsCutOffMidWork) {
    auto sup = runFor("daemon-threads", {"joined_ms=100", "daemon_ms=3000", "steps=10"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->finished());
    ASSERT_TRUE(sup->labStatus());
    // Ended by returning, not by a crash: the daemon's rings stayed mapped under it.
    EXPECT_EQ(*sup->labStatus(), exitStatusExited(0));
    const auto joined = actorNamed(s, "joined worker");
    const auto daemon = actorNamed(s, "daemon worker");
    ASSERT_NE(joined, kNoActor);
    ASSERT_NE(daemon, kNoActor);
    EXPECT_EQ(lastOwnEvent(s, joined), EventKind::ActorExit);
    EXPECT_EQ(lastOwnEvent(s, daemon), EventKind::WorkBegin) << "cut off inside a step";
    std::size_t daemonSteps = 0;
    for (auto k = s.actorEventCount(daemon); k > 0; --k)
        daemonSteps += s.kind(s.actorEvent(daemon, k - 1)) == EventKind::WorkEnd ? 1 : 0;
    EXPECT_LT(daemonSteps, 10u);
    EXPECT_EQ(s.totalDropped(), 0u);
}
