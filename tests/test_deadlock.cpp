// Real runs of deadlock (real threads on real mutexes), checked from the recorded events: the
// table deadlocks without a fix, never with one, and the wait-for graph followed through time
// always equals the one replayed from the start.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "core/analysis/wait_for.h"
#include "core/schema/event_kinds.h"
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
    for (const auto& [lock, actor] : g.holder)
        out += "lock " + std::to_string(lock) + " held by " + std::to_string(actor) + "; ";
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
        EXPECT_EQ(g.holder.size(), static_cast<std::size_t>(threads));
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
             {"producer-consumer", {"items=200", "produce_ms=0", "consume_ms=0"}}}) {
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
            if (kindInfo(s.kind(i)).group == KindGroup::Mutex) times.push_back(s.ns(i));
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
