// The cost of recording one event, against an uncontended std::mutex lock+unlock pair.

#include <benchmark/benchmark.h>

#include <time.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "core/channel/channel_reader.h"
#include "core/primitives/runtime.h"
#include "live_capture.h"

using namespace interleave;

static void BM_MutexLockUnlock(benchmark::State& state) {
    std::mutex m;
    for (auto _ : state) {
        m.lock();
        m.unlock();
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_MutexLockUnlock);

static void BM_Timestamp_ticks(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(ticks());
}
BENCHMARK(BM_Timestamp_ticks);

static void BM_Timestamp_clock_gettime(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(monotonicNs());
}
BENCHMARK(BM_Timestamp_clock_gettime);

// Runtime::emit exactly as a traced primitive calls it: thread-local actor, timestamp, slot
// write, release store. The ring is drained outside the timed region whenever it is half full,
// so every timed push takes the normal (not the drop) path. `Ordered` is the fenced stamp that
// acquire/release/wake events use.
template <bool Ordered>
static void BM_Record(benchmark::State& state) {
    ChannelConfig cfg;
    cfg.maxActors = 2;
    cfg.ringSlots = 1 << 16;
    auto ch = Channel::create(cfg);
    Runtime::install(&ch);
    const auto actor = Runtime::registerThread("bench", kNoActor);
    auto reader = readerFor(ch, actor);
    std::uint64_t n = 0;
    for (auto _ : state) {
        if constexpr (Ordered)
            Runtime::emitOrdered(EventKind::LockAcquired, 1, 2, 3);
        else
            Runtime::emit(EventKind::LockAcquired, 1, 2, 3);
        if ((++n & ((1 << 15) - 1)) == 0) {
            state.PauseTiming();
            reader.drain([](const Event*, std::uint64_t) {});
            state.ResumeTiming();
        }
    }
    if (reader.dropped() != 0) state.SkipWithError("events were dropped");
    Runtime::detachThread();
    Runtime::install(nullptr);
}
BENCHMARK(BM_Record<false>)->Name("BM_RecordEvent");
BENCHMARK(BM_Record<true>)->Name("BM_RecordEventOrdered");

// What a run does: two writer threads, each with its own ring, recording as fast as they can
// while a reader thread drains them into the store. Each writer's cost per event is its own
// CPU time (CLOCK_THREAD_CPUTIME_ID), so three threads sharing two cores do not inflate it.
// The limit is the same loop with nothing but the stamp and a 32-byte store into a private
// ring: what no recorder can beat.
namespace {

double threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

constexpr int kLiveWriters = 2;
constexpr std::int64_t kPerWriter = 4'000'000;

template <bool Ordered>
double recordLive() {
    std::vector<double> perEvent(kLiveWriters);
    const auto result = bench::runLiveCapture(kLiveWriters, [&](std::uint32_t w) {
        const double t0 = threadCpuNs();
        for (std::int64_t i = 0; i < kPerWriter; ++i) {
            if constexpr (Ordered)
                Runtime::emitOrdered(EventKind::LockAcquired, 1, i, 3);
            else
                Runtime::emit(EventKind::LockAcquired, 1, i, 3);
        }
        perEvent[w] = (threadCpuNs() - t0) / kPerWriter;
    });
    if (result.lost != 0) return -1;
    return (perEvent[0] + perEvent[1]) / 2;
}

template <bool Ordered>
double stampAndStoreLimit() {
    std::vector<double> perEvent(kLiveWriters);
    std::vector<std::thread> writers;
    for (int w = 0; w < kLiveWriters; ++w) {
        writers.emplace_back([&, w] {
            std::vector<Event> ring(8192);
            const double t0 = threadCpuNs();
            for (std::int64_t i = 0; i < kPerWriter; ++i) {
                const auto stamp = Ordered ? orderedTicks() : ticks();
                ring[static_cast<std::size_t>(i) & 8191] =
                    Event{stamp, 0, EventKind::LockAcquired, 1, i, 3};
                benchmark::ClobberMemory();
            }
            perEvent[static_cast<std::size_t>(w)] = (threadCpuNs() - t0) / kPerWriter;
        });
    }
    for (auto& w : writers)
        w.join();
    return (perEvent[0] + perEvent[1]) / 2;
}

template <bool Ordered, bool Limit>
void BM_RecordWithLiveReader(benchmark::State& state) {
    for (auto _ : state) {
        const double ns = Limit ? stampAndStoreLimit<Ordered>() : recordLive<Ordered>();
        if (ns < 0) {
            state.SkipWithError("a lossless capture lost events");
            return;
        }
        state.SetIterationTime(ns * 1e-9);  // reported as ns per event
        state.counters["ns_per_event"] = ns;
    }
}

}  // namespace

BENCHMARK(BM_RecordWithLiveReader<false, false>)
    ->Name("BM_RecordLive")
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RecordWithLiveReader<false, true>)
    ->Name("BM_RecordLimit")
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RecordWithLiveReader<true, false>)
    ->Name("BM_RecordOrderedLive")
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_RecordWithLiveReader<true, true>)
    ->Name("BM_RecordOrderedLimit")
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);
