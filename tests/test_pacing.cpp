// Checkpoints honour pause, single step and speed, in a real lab process.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include "core/primitives/runtime.h"
#include "eventually.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<Supervisor> start(std::vector<std::string> params, double speed = 1.0) {
    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = "producer-consumer";
    o.assignments = std::move(params);
    auto sup = std::make_unique<Supervisor>(o);
    sup->start();
    sup->setSpeed(speed);
    return sup;
}

}  // namespace

TEST(Pacing, PauseFreezesEveryThreadWithinAFewMillisecondsAndStepLetsOneStepThrough) {
    auto sup = start({"producers=2", "consumers=2", "produce_ms=2", "consume_ms=3"});
    ASSERT_TRUE(eventually([&] { return sup->store().size() > 50; })) << "the run never got going";
    const auto pausedAt = sup->store().timeBase().toNs(sup->store().timeBase().now());
    sup->pause();
    std::this_thread::sleep_for(100ms);
    const auto& s = sup->store();
    // Counts, not times: after the pause each thread finishes at most the step it was in (a
    // work slice ends, a lock is released), then stops at its next checkpoint.
    std::map<std::uint32_t, int> afterPause;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.ns(i) > pausedAt) ++afterPause[s.actorOf(i)];
    for (const auto& [actor, n] : afterPause)
        EXPECT_LE(n, 8) << "actor " << actor << " kept going after the pause";
    const auto frozen = s.size();
    std::this_thread::sleep_for(150ms);
    EXPECT_EQ(s.size(), frozen) << "events while paused";

    sup->step();
    EXPECT_TRUE(eventually([&] { return s.size() > frozen; })) << "a step let nothing through";
    std::this_thread::sleep_for(100ms);  // nothing more moves: a step is one step
    const auto afterStep = s.size();
    EXPECT_LE(afterStep - frozen, 12u) << "a step let a whole stretch of the run through";

    sup->resume();
    EXPECT_TRUE(eventually([&] { return s.size() > afterStep + 20; })) << "resume did not resume";
    sup->stop();
}

TEST(Pacing, SpeedScalesSimulatedWork) {
    // The recorded length of each 40 ms piece of work (work_begin to work_end), at speed 1 and
    // at speed 4: a ratio from the run's own events, not a count in a wall-clock window.
    auto medianWorkNs = [](double speed) {
        auto sup = start(
            {"producers=1", "consumers=1", "capacity=64", "produce_ms=40", "consume_ms=0"}, speed);
        // Until five pieces of work have ended (about 200 ms at speed 1).
        eventually([&] {
            const auto& s = sup->store();
            int ends = 0;
            for (std::size_t i = 0; i < s.size(); ++i)
                ends += s.kind(i) == EventKind::WorkEnd;
            return ends >= 5;
        });
        sup->stop();
        const auto& s = sup->store();
        std::vector<std::int64_t> lengths;
        for (const auto& a : s.actors()) {
            std::int64_t begin = -1;
            for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
                const auto i = s.actorEvent(a.id, k);
                if (s.kind(i) == EventKind::WorkBegin && s.row(i).a == 40'000'000) begin = s.ns(i);
                if (s.kind(i) == EventKind::WorkEnd && begin >= 0) {
                    lengths.push_back(s.ns(i) - begin);
                    begin = -1;
                }
            }
        }
        if (lengths.size() < 3) return std::int64_t{-1};
        std::sort(lengths.begin(), lengths.end());
        return lengths[lengths.size() / 2];
    };
    const auto slow = medianWorkNs(1.0);
    const auto fast = medianWorkNs(4.0);
    ASSERT_GT(slow, 0) << "too few pieces of work at speed 1";
    ASSERT_GT(fast, 0) << "too few pieces of work at speed 4";
    EXPECT_GT(static_cast<double>(slow), 2.5 * static_cast<double>(fast)) << slow << " vs " << fast;
}

// A busy-waiting thread records nothing while it polls, so it passes no checkpoint; a paused
// run still holds it, or it would use a core under a still picture. Its CPU time, read here from
// /proc as the run goes: growing while it polls, all but still while paused (a ratio, not a time).
TEST(Pacing, PauseHoldsBusyWaitingThreadsStillToo) {
    auto sup = start(
        {"variant=busy-wait", "producers=1", "consumers=2", "produce_ms=5000", "consume_ms=0"});
    ASSERT_TRUE(eventually([&] {
        int consumers = 0;
        for (const auto& a : sup->store().actors())
            consumers += a.name.rfind("consumer", 0) == 0;
        return consumers == 2;
    }));
    std::vector<std::string> files;
    for (const auto& a : sup->store().actors())
        if (a.name.rfind("consumer", 0) == 0)
            files.push_back("/proc/" + std::to_string(a.pid) + "/task/" + std::to_string(a.tid) +
                            "/schedstat");
    ASSERT_EQ(files.size(), 2u);
    auto cpu = [&] {
        std::int64_t sum = 0;
        for (const auto& f : files) {
            std::ifstream in(f);
            std::int64_t ns = 0;
            in >> ns;
            sum += ns;
        }
        return sum;
    };
    const auto a = cpu();
    std::this_thread::sleep_for(300ms);
    const auto spinning = cpu() - a;
    sup->pause();
    std::this_thread::sleep_for(100ms);  // the loop looks at the pause every 65536 polls
    const auto b = cpu();
    std::this_thread::sleep_for(300ms);
    const auto paused = cpu() - b;
    EXPECT_GT(spinning, 0) << "the consumers were not polling";
    EXPECT_LT(paused * 10, spinning)
        << "polled " << spinning << " ns, then " << paused << " ns while paused";
    sup->resume();
    sup->stop();
}
