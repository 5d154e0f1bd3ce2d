// The reader: draining rings into the columnar event store, against a plain memcpy of the same
// bytes. As in a run, the rings are written by a thread on another core than the reader's: the
// reader pays for bringing every line over, and so does the memcpy it is compared with.

#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "core/channel/channel_reader.h"
#include "core/channel/ring.h"
#include "core/sys/cpu_affinity.h"

using namespace interleave;

namespace {
constexpr std::uint32_t kActors = 8;
constexpr std::uint32_t kSlots = 1 << 14;  // per ring: 16384 events, 512 KiB
// A ring keeps a few slots free for the markers a loss or a wait may need.
constexpr std::uint32_t kFill = kSlots - 8;
constexpr std::size_t kPerRound = std::size_t{kActors} * kFill;
// The store is replaced after this many rounds, so the benchmark's memory stays bounded while
// appends still land in fresh memory as they do during a real run.
constexpr int kRoundsPerStore = 64;

// The reader (this thread) on the first CPU, the writer on the second, when there are two.
struct Cores {
    int reader = usableCpu(0);
    int writer = usableCpuCount() > 1 ? usableCpu(1) : usableCpu(0);
    Cores() { pinThisThreadTo(reader); }
    ~Cores() { unpinThisThread(); }
};

// Fills every ring from a thread pinned to the writer's core; returns when it is done.
void fillFromWriterCore(const Cores& cores, std::vector<RingWriter>& writers) {
    std::thread t([&] {
        pinThisThreadTo(cores.writer);
        for (std::uint32_t a = 0; a < kActors; ++a)
            for (std::uint32_t i = 0; i < kFill; ++i)
                writers[a].push(
                    Event{1000u + i, static_cast<std::uint16_t>(a), EventKind::QueuePut, 1, i, i});
    });
    t.join();
}

// Rewrites the slots the memcpy baselines read, from the writer's core, as a ring push would.
void touchFromWriterCore(const Cores& cores, const Channel& ch) {
    std::thread t([&] {
        pinThisThreadTo(cores.writer);
        for (std::uint32_t a = 0; a < kActors; ++a) {
            Event* slots = ch.ringSlots(a);
            for (std::uint32_t i = 0; i < kFill; ++i)
                slots[i] =
                    Event{1000u + i, static_cast<std::uint16_t>(a), EventKind::QueuePut, 1, i, i};
        }
    });
    t.join();
}
}  // namespace

static void BM_ReaderDrainIntoStore(benchmark::State& state) {
    ChannelConfig cfg;
    cfg.maxActors = kActors;
    cfg.ringSlots = kSlots;
    cfg.capture = CaptureMode::Drop;  // one thread fills and drains: a lossless writer would wait
    auto ch = Channel::create(cfg);
    std::vector<RingWriter> writers;
    for (std::uint32_t a = 0; a < kActors; ++a) {
        ch.publishActor(ch.claimActor(), "w", ActorRole::Thread, kNoActor, 1, 1, 1);
        writers.push_back(writerFor(ch, a));
    }
    auto store = std::make_unique<EventStore>(kActors);
    store->setTimeBase(ch.header().timeBase);
    auto reader = std::make_unique<ChannelReader>(ch, *store);
    const Cores cores;
    state.counters["writer_cpu"] = cores.writer;
    state.counters["reader_cpu"] = cores.reader;
    int rounds = 0;
    for (auto _ : state) {
        state.PauseTiming();
        if (++rounds % kRoundsPerStore == 0) {
            reader.reset();
            store = std::make_unique<EventStore>(kActors);
            store->setTimeBase(ch.header().timeBase);
            reader = std::make_unique<ChannelReader>(ch, *store);
        }
        fillFromWriterCore(cores, writers);
        store->prepare(kPerRound);  // what the supervisor's reader does while it waits
        state.ResumeTiming();
        benchmark::DoNotOptimize(reader->drainOnce());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPerRound));
    state.SetBytesProcessed(
        static_cast<std::int64_t>(state.iterations() * kPerRound * sizeof(Event)));
}
BENCHMARK(BM_ReaderDrainIntoStore)->Unit(benchmark::kMicrosecond);

// Baseline: a plain memcpy of the same bytes (every ring's slots) into one reused, warm
// destination: the strict comparison.
static void BM_MemcpySameBytes(benchmark::State& state) {
    ChannelConfig cfg;
    cfg.maxActors = kActors;
    cfg.ringSlots = kSlots;
    auto ch = Channel::create(cfg);
    std::vector<char> dst(kPerRound * sizeof(Event));
    const Cores cores;
    for (auto _ : state) {
        state.PauseTiming();
        touchFromWriterCore(cores, ch);
        state.ResumeTiming();
        char* out = dst.data();
        for (std::uint32_t a = 0; a < kActors; ++a) {
            std::memcpy(out, ch.ringSlots(a), kFill * sizeof(Event));
            out += kFill * sizeof(Event);
        }
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPerRound));
    state.SetBytesProcessed(
        static_cast<std::int64_t>(state.iterations() * kPerRound * sizeof(Event)));
}
BENCHMARK(BM_MemcpySameBytes)->Unit(benchmark::kMicrosecond);

// For context: the same copy into memory that, like the store, is fresh and replaced as often.
static void BM_MemcpyIntoFreshMemory(benchmark::State& state) {
    ChannelConfig cfg;
    cfg.maxActors = kActors;
    cfg.ringSlots = kSlots;
    auto ch = Channel::create(cfg);
    const std::size_t roundBytes = kPerRound * sizeof(Event);
    std::unique_ptr<char[]> dst;
    const Cores cores;
    int rounds = 0;
    for (auto _ : state) {
        state.PauseTiming();
        touchFromWriterCore(cores, ch);
        if (rounds % kRoundsPerStore == 0) dst.reset(new char[roundBytes * kRoundsPerStore]);
        char* out = dst.get() + roundBytes * (rounds++ % kRoundsPerStore);
        state.ResumeTiming();
        for (std::uint32_t a = 0; a < kActors; ++a) {
            std::memcpy(out, ch.ringSlots(a), kFill * sizeof(Event));
            out += kFill * sizeof(Event);
        }
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPerRound));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * roundBytes));
}
BENCHMARK(BM_MemcpyIntoFreshMemory)->Unit(benchmark::kMicrosecond);
