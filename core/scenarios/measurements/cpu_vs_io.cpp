// The source articles' central lesson (C12, C15), measured on the machine in front of the
// class: the same N tasks done sequentially, by N threads, by N threads under the GIL model
// (a real lock a "Python" thread must hold to compute, see gil_model.h) and by N processes.
// CPU-bound work: threads and processes use several cores, threads under a GIL take turns on
// one. I/O-bound work (a blocking wait in the kernel): everyone overlaps, the GIL included,
// since it is dropped around every blocking wait.
//
// Workers are made once for each executor and N, like a pool, and each repetition hands each
// worker one task: what is measured is the work, not creating threads or processes. Beside it,
// what a worker costs is recorded (see WorkerCost): the time to start one, and the memory one
// takes, read from /proc once it has done a task. Where the work is waiting, threads and
// processes finish together: what threads save is this. Each configuration runs once unmeasured to
// warm up (recorded as repetition 0), then `repetitions` times. The main thread times each
// repetition on its wall clock and records it as a measure_result event; the compute loop itself
// records nothing, so tracing does not slow what it measures.

#include <time.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/primitives/ipc/traced_pipe.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/gil_model.h"
#include "core/primitives/threads/traced_semaphore.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"
#include "core/sys/proc_stat.h"

namespace interleave {
namespace {

// A pure compute loop (xorshift): nothing a compiler can skip, nothing that touches memory.
std::uint64_t g_sink = 0;
constexpr std::uint64_t kChunk = 4096;  // iterations between two checks (a few microseconds)

std::uint64_t spin(std::uint64_t iterations, std::uint64_t x) {
    for (std::uint64_t i = 0; i < iterations; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

// Iterations one core does in a millisecond here: the fastest of a few trials (the least
// disturbed by whatever else runs).
std::uint64_t calibrate() {
    constexpr std::uint64_t trial = 1u << 21;
    double best = 1e18;
    for (int k = 0; k < 5; ++k) {
        const auto t0 = monotonicNs();
        g_sink += spin(trial, 88172645463325252ull + static_cast<std::uint64_t>(k));
        best = std::min(best, static_cast<double>(monotonicNs() - t0));
    }
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(trial * 1e6 / best));
}

enum class Workload { Cpu, Io, Mixed };

struct Shape {
    Workload workload;
    std::chrono::milliseconds task;
    std::uint64_t itersPerMs;
};

// Computes `iterations` in chunks; a GIL holder offers the lock between chunks when asked.
void compute(std::uint64_t iterations, GilModel* gil) {
    std::uint64_t x = 0x9E3779B97F4A7C15ull ^ iterations;
    while (iterations > 0 && !Runtime::stopRequested()) {
        const auto n = std::min(iterations, kChunk);
        x = spin(n, x);
        iterations -= n;
        if (gil) gil->yieldIfAsked();
    }
    g_sink += x;
}

// A blocking wait in the kernel for `d` (a stand-in for a slow read): the thread is off the
// CPU. A GIL holder drops the lock first, as CPython does around blocking calls.
void ioWait(std::chrono::nanoseconds d, GilModel* gil) {
    if (gil) gil->drop(GilDropReason::Blocking);
    Runtime::emit(EventKind::IoWaitBegin, kNoObject, d.count());
    timespec left{static_cast<time_t>(d.count() / 1'000'000'000),
                  static_cast<long>(d.count() % 1'000'000'000)};
    while (nanosleep(&left, &left) != 0 && !Runtime::stopRequested()) {
    }
    Runtime::emit(EventKind::IoWaitEnd);
    if (gil) gil->take();
}

void task(const Shape& s, GilModel* gil) {
    const auto iters = s.itersPerMs * static_cast<std::uint64_t>(s.task.count());
    if (gil) gil->take();
    switch (s.workload) {
        case Workload::Cpu:
            compute(iters, gil);
            break;
        case Workload::Io:
            ioWait(s.task, gil);
            break;
        case Workload::Mixed:  // half computing, half waiting, in four rounds
            for (int k = 0; k < 4 && !Runtime::stopRequested(); ++k) {
                compute(iters / 8, gil);
                ioWait(s.task / 8, gil);
            }
            break;
    }
    if (gil) gil->drop(GilDropReason::Done);
}

// "1 thread", "2 threads", "2 processes".
std::string counted(std::int64_t n, const std::string& what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : what.back() == 's' ? "es" : "s");
}

void record(Executor e, std::int64_t workers, int repetition, std::int64_t ns) {
    Runtime::emit(EventKind::MeasureResult, kNoObject, ns,
                  packMeasure(static_cast<std::int64_t>(e), workers, repetition));
}

// What one worker of a pool of `workers` cost (see WorkerCost): where threads win even when
// the work itself runs no faster.
void recordCost(WorkerCost what, Executor e, std::int64_t workers, std::int64_t value) {
    Runtime::emit(EventKind::MeasureResult, kNoObject, value,
                  packWorkerCost(what, static_cast<std::int64_t>(e), workers));
}

// A thread's memory is its process's: what the lab's resident memory grew by since `before`
// (its stack's pages, its bookkeeping), shared out among the pool's threads.
void recordThreadMemory(Executor e, std::int64_t workers,
                        const std::optional<MappingPages>& before) {
    const auto now = readProcessPages(0);
    if (!before || !now) return;
    const auto grew = (now->sharedKiB + now->privateKiB) - (before->sharedKiB + before->privateKiB);
    recordCost(WorkerCost::OwnKiB, e, workers, std::max<std::int64_t>(0, grew) / workers);
}

// N threads that each do one task per repetition: started by `go`, reported on `done`.
class ThreadPool {
  public:
    ThreadPool(const std::string& kind, std::int64_t n, const Shape& s, GilModel* gil)
        : m_go("go (" + counted(n, kind) + ")", 0),
          m_done("done (" + counted(n, kind) + ")", 0),
          m_n(n) {
        for (std::int64_t i = 1; i <= n; ++i)
            m_threads.emplace_back(kind + " " + std::to_string(i) + " of " + std::to_string(n),
                                   [this, &s, gil] {
                                       // Always answered, even when stopping: the main thread
                                       // counts the answers.
                                       while (m_go.acquire()) {
                                           if (!Runtime::stopRequested()) task(s, gil);
                                           m_done.release();
                                       }
                                   });
    }
    ~ThreadPool() {
        m_go.close();
        m_done.close();
        for (auto& t : m_threads)
            t.join();
    }
    // One task for each thread; returns the wall time until all are done.
    std::int64_t round() {
        const auto t0 = monotonicNs();
        for (std::int64_t i = 0; i < m_n; ++i)
            m_go.release();
        for (std::int64_t i = 0; i < m_n; ++i)
            if (!m_done.acquire()) break;
        return monotonicNs() - t0;
    }

  private:
    TracedSemaphore m_go, m_done;
    std::int64_t m_n;
    std::deque<TracedThread> m_threads;
};

// N forked processes that each do one task per message on `go` and answer on `done`.
class ProcessPool {
  public:
    static constexpr std::size_t kMessage = TracedPipe::kMinMessage;
    ProcessPool(std::int64_t n, const Shape& s)
        : m_go("go (" + counted(n, "process") + ")", 4096),
          m_done("done (" + counted(n, "process") + ")", 4096),
          m_n(n) {
        for (std::int64_t i = 1; i <= n; ++i)
            m_kids.push_back(
                forkTraced("process " + std::to_string(i) + " of " + std::to_string(n), [this, &s] {
                    m_go.keepReadEnd();
                    m_done.keepWriteEnd();
                    while (const auto number = m_go.receive(kMessage)) {
                        if (!Runtime::stopRequested()) task(s, nullptr);
                        if (!m_done.send(*number, kMessage)) break;
                    }
                    return 0;
                }));
        m_go.keepWriteEnd();
        m_done.keepReadEnd();
    }
    ~ProcessPool() {
        m_go.closeWriteEnd();  // end of file: every child leaves its loop
        for (const auto& kid : m_kids)
            waitTraced(kid);
    }
    // A forked worker's memory: what it has of its own (copied on write, its stack) and what it
    // still shares with the lab, each worker's on average.
    void recordMemory() const {
        MappingPages sum;
        std::int64_t read = 0;
        for (const auto& kid : m_kids)
            if (const auto pages = readProcessPages(kid.pid)) {
                sum.sharedKiB += pages->sharedKiB;
                sum.privateKiB += pages->privateKiB;
                ++read;
            }
        if (read == 0) return;
        recordCost(WorkerCost::OwnKiB, Executor::Processes, m_n, sum.privateKiB / read);
        recordCost(WorkerCost::SharedKiB, Executor::Processes, m_n, sum.sharedKiB / read);
    }
    std::int64_t round() {
        const auto t0 = monotonicNs();
        for (std::int64_t i = 0; i < m_n; ++i)
            if (!m_go.send(++m_sent, kMessage)) break;
        for (std::int64_t i = 0; i < m_n; ++i)
            if (!m_done.receive(kMessage)) break;
        return monotonicNs() - t0;
    }

  private:
    TracedPipe m_go, m_done;
    std::int64_t m_n;
    std::int64_t m_sent = 0;
    std::vector<ChildProcess> m_kids;
};

// 1, 2, 4, ... up to `most`, and `most` itself.
std::vector<std::int64_t> workerCounts(std::int64_t most) {
    std::vector<std::int64_t> out;
    for (std::int64_t n = 1; n < most; n *= 2)
        out.push_back(n);
    out.push_back(most);
    return out;
}

int run(const ParamValues& p) {
    const auto name = p.choice("workload");
    const Shape s{name == "io"      ? Workload::Io
                  : name == "mixed" ? Workload::Mixed
                                    : Workload::Cpu,
                  std::chrono::milliseconds(p.integer("task_ms")), calibrate()};
    const auto repetitions = static_cast<int>(p.integer("repetitions"));
    GilModel gil("GIL", std::chrono::milliseconds(p.integer("switch_ms")));
    std::signal(SIGPIPE, SIG_IGN);  // a child gone early must not kill the lab with SIGPIPE

    for (const auto n : workerCounts(p.integer("max_workers"))) {
        // The pools' workers wait between repetitions; each configuration's own warm-up first.
        for (int rep = 0; rep <= repetitions && !Runtime::stopRequested(); ++rep) {
            const auto t0 = monotonicNs();
            for (std::int64_t i = 0; i < n && !Runtime::stopRequested(); ++i)
                task(s, nullptr);
            record(Executor::Sequential, n, rep, monotonicNs() - t0);
        }
        // Each pool's start is timed, and its workers' memory read once each has done a task
        // (after the warm-up): what a worker costs before any work is shared out.
        {
            const auto before = readProcessPages(0);
            const auto t0 = monotonicNs();
            ThreadPool threads("thread", n, s, nullptr);
            recordCost(WorkerCost::StartNs, Executor::Threads, n, (monotonicNs() - t0) / n);
            for (int rep = 0; rep <= repetitions && !Runtime::stopRequested(); ++rep) {
                record(Executor::Threads, n, rep, threads.round());
                if (rep == 0) recordThreadMemory(Executor::Threads, n, before);
            }
        }
        {
            ThreadPool python("python thread", n, s, &gil);
            for (int rep = 0; rep <= repetitions && !Runtime::stopRequested(); ++rep)
                record(Executor::GilThreads, n, rep, python.round());
        }
        {
            const auto t0 = monotonicNs();
            ProcessPool processes(n, s);
            recordCost(WorkerCost::StartNs, Executor::Processes, n, (monotonicNs() - t0) / n);
            for (int rep = 0; rep <= repetitions && !Runtime::stopRequested(); ++rep) {
                record(Executor::Processes, n, rep, processes.round());
                if (rep == 0) processes.recordMemory();
            }
        }
        if (Runtime::stopRequested()) break;
    }
    return 0;
}

}  // namespace

Scenario makeCpuVsIo() {
    return Scenario{
        "cpu-vs-io",
        "measurements",
        "The same tasks done sequentially, by threads, by threads under a GIL and by processes: "
        "who wins CPU-bound work, and who wins waiting.",
        {
            ParamSpec::choice("workload", {"cpu", "io", "mixed"},
                              "cpu: a pure compute loop; io: a blocking wait in the kernel; "
                              "mixed: half of each, in four rounds."),
            ParamSpec::integer("max_workers", 1, 16, 4, "",
                               "Workers measured: 1, 2, 4, ... up to this many."),
            ParamSpec::integer("task_ms", 1, 1000, 40, "ms",
                               "One task: this long computing on one core here (calibrated at "
                               "the start), or waiting."),
            ParamSpec::integer("repetitions", 1, 20, 3, "",
                               "Measured repetitions of each, after one warm-up."),
            ParamSpec::integer("switch_ms", 1, 100, 5, "ms",
                               "The GIL model's switch interval (CPython's default: 5 ms)."),
        },
        run,
        {ObjectKind::Gil},
    };
}

}  // namespace interleave
