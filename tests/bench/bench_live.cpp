// The cases users hit: several writer threads racing a live reader with full rings, a real
// unpaced run in each capture mode, and what a paused run costs.

#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/channel/channel_reader.h"
#include "core/primitives/runtime.h"
#include "core/supervise/scheduler.h"
#include "core/supervise/supervisor.h"
#include "core/sys/proc_stat.h"
#include "live_capture.h"

using namespace interleave;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

// CPU seconds (user + system) a whole process has used, from /proc/PID/stat.
double processCpuSeconds(pid_t pid) {
    const auto st = readProcStat(pid);
    if (!st) return 0;
    return static_cast<double>(st->utimeTicks + st->stimeTicks) /
           static_cast<double>(sysconf(_SC_CLK_TCK));
}

double selfCpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

// Four writer threads push as fast as they can into lossless rings while one reader thread
// drains them into the store, as the supervisor does: the rate the capture can sustain.
static void BM_ReaderWithLiveWriters(benchmark::State& state) {
    constexpr std::uint32_t kWriters = 4;
    constexpr std::uint64_t kPerWriter = 4'000'000;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        const auto result = bench::runLiveCapture(kWriters, [](std::uint32_t) {
            for (std::uint64_t i = 1; i < kPerWriter; ++i)
                Runtime::emit(EventKind::Note, kNoObject, static_cast<std::int64_t>(i));
        });
        const double s = seconds(Clock::now() - t0);
        state.SetIterationTime(s);
        if (result.lost != 0) state.SkipWithError("a lossless capture lost events");
        state.counters["events_per_s"] = static_cast<double>(result.delivered) / s;
    }
}
BENCHMARK(BM_ReaderWithLiveWriters)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// Unpaced producer-consumer, 2 producers and 2 consumers, capacity 64, for one second, in
// each capture mode (arg 0: lossless, 1: drop): events delivered per second and the share lost.
static void BM_LiveProducerConsumer(benchmark::State& state) {
    const auto mode = state.range(0) == 0 ? CaptureMode::Lossless : CaptureMode::Drop;
    for (auto _ : state) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "producer-consumer";
        o.assignments = {"producers=2", "consumers=2", "capacity=64", "produce_ms=0",
                         "consume_ms=0"};
        o.channel.capture = mode;
        o.channel.ringSlots = mode == CaptureMode::Drop ? kDropRingSlots : kLosslessRingSlots;
        Supervisor sup(o);
        sup.start();
        const auto t0 = Clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(1));
        sup.stop();
        const double s = seconds(Clock::now() - t0);
        state.SetIterationTime(s);
        const auto delivered = static_cast<double>(sup.store().size());
        const auto lost = static_cast<double>(sup.store().totalDropped());
        state.counters["events_per_s"] = delivered / s;
        state.counters["generated_per_s"] = (delivered + lost) / s;
        state.counters["lost_share"] = lost / std::max(1.0, delivered + lost);
        state.counters["waits"] = static_cast<double>(sup.store().losses().ringWaits);
    }
}
BENCHMARK(BM_LiveProducerConsumer)
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// A paused run for 10 s: CPU used by the lab (all its threads) and by this process (the
// supervisor's reader), as a share of one core.
static void BM_PausedRunCpu(benchmark::State& state) {
    for (auto _ : state) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "producer-consumer";
        o.assignments = {"producers=4", "consumers=4", "produce_ms=5", "consume_ms=5"};
        Supervisor sup(o);
        sup.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        sup.pause();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // settle into the pause
        const auto lab0 = processCpuSeconds(sup.labPid());
        const auto self0 = selfCpuSeconds();
        const auto t0 = Clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(10));
        const double s = seconds(Clock::now() - t0);
        const double cpu = (processCpuSeconds(sup.labPid()) - lab0) + (selfCpuSeconds() - self0);
        sup.stop();
        state.SetIterationTime(s);
        state.counters["cpu_share_of_core"] = cpu / s;
    }
}
BENCHMARK(BM_PausedRunCpu)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// Stop on a deadlocked run (two threads each waiting for the other's lock): SIGTERM, then
// SIGKILL after the grace, and every process reaped. The time a person waits after pressing Stop.
static void BM_StopDeadlockedRun(benchmark::State& state) {
    for (auto _ : state) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "deadlock";
        o.assignments = {"hold_ms=5"};
        Supervisor sup(o);
        sup.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the deadlock has formed
        const auto t0 = Clock::now();
        sup.stop();
        state.SetIterationTime(seconds(Clock::now() - t0));
    }
}
BENCHMARK(BM_StopDeadlockedRun)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// Stop on a run scheduled by hand, every thread waiting for a grant on its own futex: the time
// from asking the run to stop to its last process reaped, with no SIGTERM needed (the waiting
// threads are woken, see the stop and wind down). Issue 15 asks for under 500 ms.
static void BM_StopManualRun(benchmark::State& state) {
    for (auto _ : state) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "race-condition";
        o.assignments = {"threads=8", "increments=1000"};
        o.schedule = ScheduleMode::Manual;
        Supervisor sup(o);
        sup.start();
        Scheduler scheduler(sup.channel());
        scheduler.waitQuiescent(std::chrono::seconds(10));  // all 9 stand at a checkpoint
        const auto t0 = Clock::now();
        sup.requestStop();
        sup.waitFinished(std::chrono::seconds(10));
        state.SetIterationTime(seconds(Clock::now() - t0));
        sup.stop();
    }
}
BENCHMARK(BM_StopManualRun)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond);

// One step by hand: a grant to a thread waiting at a checkpoint, until it waits at its next
// one (it reads or writes the counter in between). What a click costs the machine.
static void BM_GrantOneStep(benchmark::State& state) {
    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = "race-condition";
    o.assignments = {"threads=2", "increments=1000000"};  // only thread 1 is given steps
    o.schedule = ScheduleMode::Manual;
    Supervisor sup(o);
    sup.start();
    Scheduler scheduler(sup.channel());
    scheduler.waitQuiescent(std::chrono::seconds(10));
    const auto actor = scheduler.findActor("thread 1");
    for (auto _ : state) {
        if (!scheduler.grant(actor)) {
            state.SkipWithError("thread 1 was not waiting for a grant");
            break;
        }
        scheduler.waitAtCheckpoint(actor, std::chrono::seconds(10));
    }
    sup.stop();
}
BENCHMARK(BM_GrantOneStep)->Unit(benchmark::kMicrosecond);
