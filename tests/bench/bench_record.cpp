// The cost of recording one event, against an uncontended std::mutex lock+unlock pair.

#include <benchmark/benchmark.h>

#include <mutex>

#include "core/channel_reader.h"
#include "core/runtime.h"

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
