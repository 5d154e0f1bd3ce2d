// Real runs of deadlock (real threads on real mutexes), checked from the recorded events: the
// table deadlocks without a fix, never with one, and the wait-for graph followed through time
// always equals the one replayed from the start.

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "core/analysis/deadlock.h"
#include "core/analysis/wait_for.h"
#include "core/schema/event_kinds.h"
#include "made_store.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// Never two holders of one lock at once, in time order.
bool exclusive(const EventStore& s) {
    std::map<std::uint32_t, int> holders;
    for (const auto i : s.timeOrder()) {
        if (s.kind(i) == EventKind::LockAcquired && ++holders[s.objectOf(i)] > 1) return false;
        if (s.kind(i) == EventKind::LockReleased) --holders[s.objectOf(i)];
    }
    return true;
}

std::size_t count(const EventStore& s, EventKind k) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        n += s.kind(i) == k ? 1 : 0;
    return n;
}

std::string text(const WaitForGraph& g) {
    std::string out;
    for (const auto& [lock, holders] : g.holders)
        for (const auto& h : holders)
            out += "lock " + std::to_string(lock) + " held by " + std::to_string(h.actor) + "; ";
    for (const auto& [actor, lock] : g.waiting)
        out += std::to_string(actor) + " waits for " + std::to_string(lock) + "; ";
    return out;
}

}  // namespace

TEST(Deadlock, WithoutAFixEveryThreadAtTheTableEndsInOneCycle) {
    for (const int threads : {2, 5}) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "deadlock";
        o.assignments = {"threads=" + std::to_string(threads), "hold_ms=20"};
        Supervisor sup(o);
        sup.start();
        // Waits on the events, not on a time: the cycle closes when the last thread asks.
        std::vector<std::uint32_t> cycle;
        for (int k = 0; k < 1000 && cycle.size() < static_cast<std::size_t>(threads); ++k) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            cycle = findDeadlockCycle(sup.store());
        }
        EXPECT_FALSE(sup.finished()) << "a deadlocked run cannot end by itself";
        sup.stop();
        const auto& s = sup.store();
        ASSERT_EQ(cycle.size(), static_cast<std::size_t>(threads)) << text(waitForGraphAt(s));
        EXPECT_EQ(findDeadlockCycle(s), cycle) << "nothing moved once the cycle had closed";
        // Each holds its left lock and waits for its right one, held by its neighbour.
        const auto g = waitForGraphAt(s);
        EXPECT_EQ(g.holders.size(), static_cast<std::size_t>(threads));
        EXPECT_EQ(g.waiting.size(), static_cast<std::size_t>(threads));
        EXPECT_EQ(std::set<std::uint32_t>(cycle.begin(), cycle.end()).size(), cycle.size());
        EXPECT_TRUE(exclusive(s));
    }
}

// Each fix, 200 runs of the table at random sizes with the locks held 0 or 1 ms: every run
// ends by itself, every thread took both its locks every round, and no cycle ever formed.
class DeadlockFix : public ::testing::TestWithParam<const char*> {};

TEST_P(DeadlockFix, TwoHundredRunsNeverDeadlock) {
    std::mt19937 rng(7);
    std::size_t tries = 0;
    for (int run = 0; run < 200; ++run) {
        const int threads = std::uniform_int_distribution<int>(2, 8)(rng);
        const int hold = std::uniform_int_distribution<int>(0, 1)(rng);
        constexpr int kRounds = 5;
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "deadlock";
        o.assignments = {"threads=" + std::to_string(threads), "hold_ms=" + std::to_string(hold),
                         "rounds=" + std::to_string(kRounds), std::string("fix=") + GetParam()};
        Supervisor sup(o);
        sup.start();
        const bool ended = sup.waitFinished(std::chrono::seconds(30));
        sup.stop();
        const auto& s = sup.store();
        ASSERT_TRUE(ended) << "run " << run << " (" << threads
                           << " threads) did not end: " << text(waitForGraphAt(s));
        ASSERT_EQ(s.totalDropped(), 0u);
        EXPECT_TRUE(findDeadlockCycle(s).empty());
        EXPECT_TRUE(exclusive(s)) << "run " << run;
        // Both locks, every round, every thread: acquisitions less releases given back early.
        std::map<std::uint32_t, std::size_t> rounds;
        for (const auto i : s.timeOrder())
            if (s.kind(i) == EventKind::LockAcquired) ++rounds[s.actorOf(i)];
        const auto backoffs = count(s, EventKind::LockTryFailed);
        tries += backoffs;
        EXPECT_GE(count(s, EventKind::LockAcquired),
                  static_cast<std::size_t>(threads * kRounds * 2));
        EXPECT_EQ(count(s, EventKind::LockAcquired), count(s, EventKind::LockReleased));
        if (::testing::Test::HasFailure()) break;
    }
    // The fixes that try and back off did so (else the runs never tested them).
    if (std::string(GetParam()) != "lock-order") {
        EXPECT_GT(tries, 0u);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixes, DeadlockFix,
                         ::testing::Values("lock-order", "try-lock", "scoped-lock"),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// The tracker, moved forward (as a live view does, while the run is still being recorded and
// events arrive late) and then back and forth at random, always equals the replay.
TEST(WaitForGraph, TheTrackerAtAnyTimeEqualsAReplayUpToThatTime) {
    for (const auto& [scenario, assignments] :
         std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"deadlock", {"threads=3", "hold_ms=0", "rounds=200", "fix=try-lock"}},
             {"deadlock", {"threads=4", "hold_ms=5"}},
             {"producer-consumer", {"items=200", "produce_ms=0", "consume_ms=0"}},
             {"reader-writer", {"rounds=30", "read_ms=1", "write_ms=1", "rest_ms=0"}}}) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = scenario;
        o.assignments = assignments;
        Supervisor sup(o);
        WaitForTracker tracker;
        tracker.reset(&sup.store());
        sup.start();
        // Live: the view asks at "now" while the store grows.
        std::int64_t last = 0;
        for (int k = 0; k < 200 && !sup.waitFinished(std::chrono::milliseconds(2)); ++k) {
            const auto n = sup.store().size();
            if (n) last = std::max(last, sup.store().ns(n - 1));
            tracker.at(last);
        }
        sup.waitFinished(std::chrono::milliseconds(300));
        sup.stop();  // a deadlocked run is ended here
        const auto& s = sup.store();
        ASSERT_GT(s.size(), 0u) << scenario;
        const auto end = s.ns(s.timeOrder().back());
        EXPECT_EQ(tracker.at(end), waitForGraphAt(s, end)) << scenario;
        std::mt19937 rng(3);
        std::vector<std::int64_t> times;
        for (const auto i : s.timeOrder())
            if (kindInfo(s.kind(i)).hold.lock()) times.push_back(s.ns(i));
        for (int k = 0; k < 300; ++k) {
            // Exactly at an event (ties matter), a nanosecond either side, or anywhere.
            auto t = times[std::uniform_int_distribution<std::size_t>(0, times.size() - 1)(rng)];
            t += std::uniform_int_distribution<int>(-1, 1)(rng);
            if (k % 10 == 0) t = std::uniform_int_distribution<std::int64_t>(-5, end + 5)(rng);
            const auto expected = waitForGraphAt(s, t);
            const auto& got = tracker.at(t);
            ASSERT_EQ(got, expected)
                << scenario << " at " << t << ": " << text(got) << " vs " << text(expected);
        }
    }
}

// --- Deadlocks through every primitive (DeadlockWatch) ---

namespace {

// A made-up store (made_store.h) with the steps these cases repeat.
struct MadeRun : MadeStore {
    using MadeStore::MadeStore;
    void take(std::uint32_t actor, std::uint32_t mutex) {
        add(actor, EventKind::LockRequest, mutex);
        add(actor, EventKind::LockAcquired, mutex);
    }
    std::vector<std::uint32_t> cycle(
        std::int64_t until = std::numeric_limits<std::int64_t>::max()) {
        store.publish();
        return findDeadlock(store, until).actors;
    }
};

using Actors = std::vector<std::uint32_t>;

}  // namespace

TEST(DeadlockWatch, AReaderThatAsksToWriteWaitsForItself) {
    MadeRun r(2);
    r.add(0, EventKind::RwReadRequest, 1);
    r.add(0, EventKind::RwReadAcquired, 1, 1);
    EXPECT_EQ(r.cycle(), Actors{});
    r.add(0, EventKind::RwWriteRequest, 1);
    EXPECT_EQ(r.cycle(), Actors{0});
    EXPECT_EQ(findDeadlockCycle(r.store), Actors{0}) << "the wait-for graph sees it too";
}

TEST(DeadlockWatch, TwoReadersThatBothAskToWrite) {
    MadeRun r(3);
    for (std::uint32_t a : {0u, 1u}) {
        r.add(a, EventKind::RwReadRequest, 1);
        r.add(a, EventKind::RwReadAcquired, 1, 1);
    }
    r.add(2, EventKind::RwReadRequest, 1);  // held back by the writers waiting: stuck with them
    r.add(1, EventKind::RwWriteRequest, 1);
    const auto before = r.t;
    r.add(0, EventKind::RwWriteRequest, 1);
    // Each waits for both readers, itself included: named from the first, waiting for itself.
    EXPECT_EQ(r.cycle(), Actors{0});
    DeadlockWatch watch;
    watch.update(r.store);
    EXPECT_EQ(watch.deadlocked(), (std::set<std::uint32_t>{0, 1, 2}));
    // As it stood before thread 0 asked: thread 1 waits for itself already.
    EXPECT_EQ(findDeadlock(r.store, before).actors, Actors{1});
}

TEST(DeadlockWatch, AReaderHeldBackByAWaitingWriterThatWaitsForIt) {
    // Writers preferred: thread 0 reads, thread 1 asks to write (waits for 0), thread 0 asks to
    // read again and is held back by the waiting writer.
    MadeRun r(2);
    r.add(0, EventKind::RwReadRequest, 1);
    r.add(0, EventKind::RwReadAcquired, 1, 1);
    r.add(1, EventKind::RwWriteRequest, 1);
    r.add(0, EventKind::RwReadRequest, 1);
    EXPECT_EQ(r.cycle(), (Actors{0, 1}));
}

TEST(DeadlockWatch, SemaphoresWaitForAnyoneWhoCouldRaiseThem) {
    MadeRun r(3);
    r.add(0, EventKind::SemAcquired, 1);
    r.add(1, EventKind::SemAcquired, 2);
    r.add(0, EventKind::SemBlock, 2);
    r.add(1, EventKind::SemBlock, 1);
    EXPECT_EQ(r.cycle(), (Actors{0, 1}));

    // The same, but a third thread has raised semaphore 2 before and still runs: it may again.
    MadeRun q(3);
    q.add(2, EventKind::SemReleased, 2, 1);
    q.add(0, EventKind::SemAcquired, 1);
    q.add(1, EventKind::SemAcquired, 2);
    q.add(0, EventKind::SemBlock, 2);
    q.add(1, EventKind::SemBlock, 1);
    EXPECT_EQ(q.cycle(), Actors{});
}

TEST(DeadlockWatch, ConditionWaitersWaitForWhoeverCouldNotify) {
    // Two locks, each a flag under a mutex (10, 11) with a condition (20, 21): each thread holds
    // one flag and waits on the other's condition.
    MadeRun r(2);
    for (std::uint32_t a : {0u, 1u})
        for (std::uint32_t m : {10u, 11u}) {
            r.take(a, m);
            r.add(a, EventKind::LockReleased, m);
        }
    r.take(0, 11);
    r.add(0, EventKind::CondWait, 21, 11);
    r.add(0, EventKind::LockReleased, 11);
    EXPECT_EQ(r.cycle(), Actors{}) << "thread 1 runs and may notify";
    r.take(1, 10);
    r.add(1, EventKind::CondWait, 20, 10);
    r.add(1, EventKind::LockReleased, 10);
    EXPECT_EQ(r.cycle(), (Actors{0, 1}));
}

TEST(DeadlockWatch, AWokenWaiterWaitsForItsMutex) {
    // Thread 0 holds mutex 12 and waits on condition 20 (mutex 10); thread 1 takes 10, wakes 0,
    // and asks for 12 while still holding 10: 0 needs 10 back, 1 needs 12.
    MadeRun r(2);
    r.take(0, 12);
    r.take(0, 10);
    r.add(0, EventKind::CondWait, 20, 10);
    r.add(0, EventKind::LockReleased, 10);
    r.take(1, 10);
    r.add(1, EventKind::CondNotifyOne, 20, 1, 0);
    EXPECT_EQ(r.cycle(), Actors{});
    r.add(1, EventKind::LockRequest, 12);
    EXPECT_EQ(r.cycle(), (Actors{0, 1}));
}

// The run loop reads in slices (so as not to pass its deadline): one event at a time ends where
// one pass does.
TEST(DeadlockWatch, ReadInSlicesItEndsWhereOnePassDoes) {
    MadeRun r(2);
    r.take(0, 12);
    r.take(0, 10);
    r.add(0, EventKind::CondWait, 20, 10);
    r.add(0, EventKind::LockReleased, 10);
    r.take(1, 10);
    r.add(1, EventKind::CondNotifyOne, 20, 1, 0);
    r.add(1, EventKind::LockRequest, 12);
    r.store.publish();
    DeadlockWatch sliced;
    for (std::size_t k = 0; k < r.store.size(); ++k)
        sliced.update(r.store, std::numeric_limits<std::int64_t>::max(), 1);
    EXPECT_EQ(sliced.cycle().actors, (Actors{0, 1}));
    // Thread 0, woken, waits for mutex 10 back, no longer on condition 20.
    EXPECT_EQ(sliced.cycle().objects, (Actors{10, 12}));
}

TEST(DeadlockWatch, AConditionWaiterWhoseNotifiersAreGoneIsNotADeadlock) {
    MadeRun r(3);
    r.take(1, 10);
    r.add(1, EventKind::LockReleased, 10);
    r.add(1, EventKind::ActorExit, kNoObject);
    r.take(0, 10);
    r.add(0, EventKind::CondWait, 20, 10);
    r.add(0, EventKind::LockReleased, 10);
    EXPECT_EQ(r.cycle(), Actors{}) << "a hang, but no cycle: nobody waits for thread 0";
}

// The deadlock scenario through each primitive: the table closes its cycle, the watch names it
// (every thread, each waiting on an object of that kind), and with the lock-order fix the runs
// end by themselves with no cycle.
class DeadlockThrough : public ::testing::TestWithParam<std::pair<const char*, ObjectKind>> {};

TEST_P(DeadlockThrough, TheCycleIsNamedAndTheLockOrderFixAvoidsIt) {
    const auto [through, kind] = GetParam();
    for (const int threads : {2, 4}) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "deadlock";
        o.assignments = {"threads=" + std::to_string(threads), "hold_ms=20",
                         std::string("through=") + through};
        Supervisor sup(o);
        sup.start();
        DeadlockCycle found;
        for (int k = 0; k < 1000 && found.actors.size() < static_cast<std::size_t>(threads); ++k) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            found = findDeadlock(sup.store());
        }
        EXPECT_FALSE(sup.finished());
        const auto& base = sup.store().timeBase();
        const auto stopNs = base.toNs(base.now());
        sup.stop();
        ASSERT_EQ(found.actors.size(), static_cast<std::size_t>(threads)) << through;
        // Stopped, every ring drained: the same cycle as it stood before the stop (after it,
        // the supervisor records every process of the run as ended).
        EXPECT_EQ(findDeadlock(sup.store(), stopNs).actors, found.actors);
        std::map<std::uint32_t, ObjectKind> kinds;
        for (const auto& obj : sup.store().objects())
            kinds[obj.id] = obj.kind;
        for (const auto object : found.objects)
            EXPECT_EQ(kinds[object], kind) << through;
    }
    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = "deadlock";
    o.assignments = {"threads=3", "hold_ms=0", "rounds=200", "fix=lock-order",
                     std::string("through=") + through};
    Supervisor sup(o);
    sup.start();
    const bool ended = sup.waitFinished(std::chrono::seconds(30));
    sup.stop();
    EXPECT_TRUE(ended) << through;
    EXPECT_TRUE(findDeadlock(sup.store()).empty()) << through;
}

INSTANTIATE_TEST_SUITE_P(Primitives, DeadlockThrough,
                         ::testing::Values(std::pair{"mutex", ObjectKind::Mutex},
                                           std::pair{"rwlock", ObjectKind::RwLock},
                                           std::pair{"semaphore", ObjectKind::Semaphore},
                                           std::pair{"condition", ObjectKind::CondVar}),
                         [](const auto& info) { return std::string(info.param.first); });

TEST(DeadlockWatch, ConsumersWaitingForAProducerStillAtWorkAreNotADeadlock) {
    // Producer-consumer stopped at its duration early on: both consumers took the buffer's mutex
    // (10) and wait on not_empty (20); the producer is still making its first item and has not
    // touched either. It may notify at any moment: no deadlock, only waiting.
    MadeRun r(4);
    r.add(0, EventKind::JoinRequest, kNoObject, 1);
    r.add(3, EventKind::WorkBegin, kNoObject, 300'000'000);
    for (std::uint32_t c : {1u, 2u}) {
        r.take(c, 10);
        r.add(c, EventKind::CondWait, 20, 10);
        r.add(c, EventKind::LockReleased, 10);
    }
    EXPECT_EQ(r.cycle(), Actors{}) << "the producer runs";
    // The producer ends without a word: now nobody can notify, and main's join waits for good.
    r.add(3, EventKind::ActorExit, kNoObject);
    EXPECT_EQ(r.cycle(), (Actors{1, 2}));
}
