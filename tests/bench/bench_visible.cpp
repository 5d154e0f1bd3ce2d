// How soon a record becomes visible to the reader, now that writers publish in batches
// (issue 32): from the record's stamp to the moment a reader that polls every ~20 us first
// sees it. This is the writer's share of what a person waits for; the supervisor's reader adds
// its own poll interval (up to a frame) on top, batched or not.
//
// Three threads a person watches: one that records once and then blocks, one that records
// once every 2 ms and runs on in between (only the time bound can publish it), and one that is
// paused while it records as fast as it can (its last record before the pause).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include "core/channel/ring.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_semaphore.h"
#include "core/sys/futex.h"

using namespace interleave;

namespace {

// One writer thread (actor 0) and one reader thread polling its ring every ~20 us; the
// reader calls onNote(record, nanoseconds from the record's stamp to now) for each note.
class VisibleProbe {
  public:
    using OnNote = std::function<void(const Event&, std::int64_t)>;

    VisibleProbe() {
        ChannelConfig cfg;
        cfg.maxActors = 2;
        m_channel = Channel::create(cfg);
        Runtime::install(&m_channel);
    }
    ~VisibleProbe() { Runtime::install(nullptr); }

    Channel& channel() { return m_channel; }

    void run(const std::function<void()>& writerBody, const OnNote& onNote,
             const std::function<void()>& control = {}) {
        std::atomic<bool> done{false};
        std::thread writer([&] {
            Runtime::registerThread("writer", kNoActor);
            writerBody();
            Runtime::detachThread();
            done = true;
        });
        std::thread reader([&] {
            while (!m_channel.actor(0).ready.load(std::memory_order_acquire))
                std::this_thread::yield();
            auto ring = readerFor(m_channel, 0);
            const auto& base = m_channel.header().timeBase;
            auto take = [&] {
                return ring.drain([&](const Event* e, std::uint64_t n) {
                    const auto now = base.toNs(base.now());
                    for (std::uint64_t i = 0; i < n; ++i)
                        if (e[i].kind == EventKind::Note) onNote(e[i], now - base.toNs(e[i].ticks));
                });
            };
            // Polls every ~20 us (plus the kernel's timer slack) rather than spinning: a
            // spinning reader on a busy machine is the first thread the scheduler takes off the
            // CPU, and its absence, not the writer, would be measured.
            while (!done.load())
                if (take() == 0) std::this_thread::sleep_for(std::chrono::microseconds(20));
            take();
        });
        if (control) control();
        writer.join();
        reader.join();
    }

  private:
    Channel m_channel;
};

double median(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void report(benchmark::State& state, const std::vector<double>& us, std::size_t expected) {
    if (us.size() != expected) {
        state.SkipWithError("a record never became visible");
        return;
    }
    const double med = median(us);
    state.SetIterationTime(med * 1e-6);
    state.counters["median_us"] = med;
    state.counters["max_us"] = *std::max_element(us.begin(), us.end());
}

constexpr int kRecords = 200;

}  // namespace

// Records one note, then blocks on a semaphore that the reader raises once it has seen it.
static void BM_VisibleThenBlocks(benchmark::State& state) {
    for (auto _ : state) {
        VisibleProbe probe;
        TracedSemaphore sem("gate", 0);
        std::vector<double> us;
        probe.run(
            [&] {
                for (int i = 0; i < kRecords; ++i) {
                    Runtime::emit(EventKind::Note, kNoObject, i);
                    sem.acquire();
                }
            },
            [&](const Event&, std::int64_t ns) {
                us.push_back(static_cast<double>(ns) / 1e3);
                sem.release();  // the reader is untraced: it records nothing
            });
        report(state, us, kRecords);
    }
}
BENCHMARK(BM_VisibleThenBlocks)->UseManualTime()->Iterations(1)->Unit(benchmark::kMicrosecond);

// Records one note every 2 ms and does something untraced in between (here it sleeps, which
// Runtime does not see: no blocking point publishes for it). On a busy machine the latency is
// mostly the polling reader's own wait for a CPU, so the writer's share is counted apart:
// held_back, the notes not yet published when emit() returned (goal 0).
static void BM_VisibleSlowThread(benchmark::State& state) {
    for (auto _ : state) {
        VisibleProbe probe;
        std::vector<double> us;
        int heldBack = 0;
        probe.run(
            [&] {
                const auto& head = probe.channel().ring(0).head;
                for (int i = 0; i < kRecords / 2; ++i) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    const auto before = head.load(std::memory_order_relaxed);
                    Runtime::emit(EventKind::Note, kNoObject, i);
                    heldBack += head.load(std::memory_order_relaxed) == before ? 1 : 0;
                }
            },
            [&](const Event&, std::int64_t ns) { us.push_back(static_cast<double>(ns) / 1e3); });
        report(state, us, kRecords / 2);
        state.counters["held_back"] = heldBack;
    }
}
BENCHMARK(BM_VisibleSlowThread)->UseManualTime()->Iterations(1)->Unit(benchmark::kMicrosecond);

// Records as fast as it can, a checkpoint before each note, while the run is paused and
// resumed 50 times: for each pause, the thread's last note before it stopped.
static void BM_VisibleWhenPaused(benchmark::State& state) {
    constexpr int kPauses = 50;
    for (auto _ : state) {
        VisibleProbe probe;
        auto& c = probe.channel().control();
        std::atomic<bool> stop{false};
        std::atomic<std::int64_t> written{0};
        std::atomic<std::int64_t> lastSeen{-1};
        std::atomic<std::int64_t> lastSeenNs{0};
        std::vector<double> us;
        bool stale = false;
        probe.run(
            [&] {
                for (std::int64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
                    Runtime::checkpoint();
                    // Counted first: a thread taken off the CPU between the two must not make
                    // its note look like the last one.
                    written.store(i + 1, std::memory_order_relaxed);
                    Runtime::emit(EventKind::Note, kNoObject, i);
                }
            },
            [&](const Event& e, std::int64_t ns) {
                lastSeenNs.store(ns, std::memory_order_relaxed);
                lastSeen.store(e.a, std::memory_order_release);
            },
            [&] {
                for (int p = 0; p < kPauses; ++p) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    c.runState.store(static_cast<std::uint32_t>(RunState::Paused));
                    // Stopped at its checkpoint once its count stands still for 5 ms (a
                    // busy machine may keep it off the CPU a while); then everything it wrote
                    // must become visible.
                    auto count = written.load(std::memory_order_relaxed);
                    for (int i = 0; i < 200; ++i) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                        const auto now = written.load(std::memory_order_relaxed);
                        if (now == count) break;
                        count = now;
                    }
                    bool seen = false;
                    for (int i = 0; i < 1000 && !seen; ++i) {
                        seen = lastSeen.load(std::memory_order_acquire) + 1 == count;
                        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    }
                    if (seen)
                        us.push_back(static_cast<double>(lastSeenNs.load()) / 1e3);
                    else {
                        stale = true;
                        std::fprintf(stderr, "pause %d: written %lld, seen up to %lld\n", p,
                                     static_cast<long long>(count),
                                     static_cast<long long>(lastSeen.load()));
                    }
                    c.runState.store(static_cast<std::uint32_t>(RunState::Running));
                    futexWakeAll(c.runState);
                }
                stop = true;
            });
        if (stale) {
            state.SkipWithError("a paused thread's last record was not visible");
            continue;
        }
        report(state, us, kPauses);
    }
}
BENCHMARK(BM_VisibleWhenPaused)->UseManualTime()->Iterations(1)->Unit(benchmark::kMicrosecond);
