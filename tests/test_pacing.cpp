// Checkpoints honour pause, single step and speed, in a real lab process.

#include <gtest/gtest.h>

#include <thread>

#include "core/runtime.h"
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

std::size_t puts(const EventStore& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        n += s.kind(i) == EventKind::QueuePut ? 1 : 0;
    return n;
}

}  // namespace

TEST(Pacing, PauseFreezesEveryThreadWithinAFewMillisecondsAndStepLetsOneStepThrough) {
    auto sup = start({"producers=2", "consumers=2", "produce_ms=2", "consume_ms=3"});
    std::this_thread::sleep_for(200ms);
    const auto pausedAt = sup->store().timeBase().toNs(sup->store().timeBase().now());
    sup->pause();
    std::this_thread::sleep_for(100ms);
    const auto& s = sup->store();
    std::int64_t lastBeforePause = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        lastBeforePause = std::max(lastBeforePause, s.ns(i));
    // Work is sliced into 2 ms pieces: nothing happens later than a few ms after the pause.
    EXPECT_LT(lastBeforePause - pausedAt, 15'000'000) << "the run kept going after pause";
    const auto frozen = s.size();
    std::this_thread::sleep_for(150ms);
    EXPECT_EQ(s.size(), frozen) << "events while paused";

    sup->step();
    std::this_thread::sleep_for(100ms);
    const auto afterStep = s.size();
    EXPECT_GT(afterStep, frozen) << "a step let nothing through";
    EXPECT_LE(afterStep - frozen, 12u) << "a step let a whole stretch of the run through";

    sup->resume();
    std::this_thread::sleep_for(150ms);
    EXPECT_GT(s.size(), afterStep + 20) << "resume did not resume";
    sup->stop();
}

TEST(Pacing, SpeedScalesSimulatedWork) {
    auto count = [](double speed) {
        auto sup = start(
            {"producers=1", "consumers=1", "capacity=64", "produce_ms=40", "consume_ms=0"}, speed);
        std::this_thread::sleep_for(600ms);
        sup->stop();
        return puts(sup->store());
    };
    const auto slow = count(1.0);
    const auto fast = count(4.0);
    EXPECT_GE(slow, 8u);
    EXPECT_LE(slow, 16u);  // ~15 at 40 ms each
    EXPECT_GT(static_cast<double>(fast), 2.5 * static_cast<double>(slow)) << slow << " vs " << fast;
}
