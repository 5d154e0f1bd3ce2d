// What handing the CPU from one thread to another costs, against handing it from one process to
// another (C13): a ping-pong in which each side wakes the other and sleeps until woken back. One
// round trip is two switches. Between two threads with a condition variable (what most programs
// use); then like for like, so that the mechanism cannot decide: a bare futex (what a condition
// variable is built on) between two threads and between two processes (the word in a shared
// mapping), and a pair of pipes between two threads and between two processes. Within each pair
// the calls are the same; only the switch of address space differs.
//
// The partners are not traced: recording each switch would be most of what is measured. Only
// the samples are recorded, after each round trip.

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <new>
#include <thread>

#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"
#include "core/sys/cpu_affinity.h"
#include "core/sys/futex.h"

namespace interleave {
namespace {

constexpr int kWarmUp = 50;  // round trips not recorded

void condvarPingPong(std::uint32_t series, std::int64_t trips) {
    std::mutex m;
    std::condition_variable cv;
    int turn = 0;  // 1: the partner's move; 0: main's; -1: the partner leaves
    std::thread partner([&] {
        std::unique_lock lock(m);
        while (true) {
            cv.wait(lock, [&] { return turn != 0; });
            if (turn < 0) return;
            turn = 0;
            cv.notify_one();
        }
    });
    for (std::int64_t k = -kWarmUp; k < trips && !Runtime::stopRequested(); ++k) {
        const auto t0 = monotonicNs();
        {
            std::unique_lock lock(m);
            turn = 1;
            cv.notify_one();
            cv.wait(lock, [&] { return turn == 0; });
        }
        const auto rtt = monotonicNs() - t0;
        if (k >= 0) Runtime::emit(EventKind::MeasureSample, series, rtt);
    }
    {
        std::lock_guard lock(m);
        turn = -1;
    }
    cv.notify_one();
    partner.join();
}

// The futex ping-pong's two sides, on a word both see: in one process's memory for two
// threads, in a shared mapping for two processes. The same calls either way.
void futexAnswer(std::atomic<std::uint32_t>& word) {
    while (true) {
        std::uint32_t v;
        while ((v = word.load(std::memory_order_acquire)) == 0)
            futexWait(word, 0, -1);
        if (v == 2) return;
        word.store(0, std::memory_order_release);
        futexWakeAll(word);
    }
}

void futexAsk(std::atomic<std::uint32_t>& word, std::uint32_t series, std::int64_t trips) {
    for (std::int64_t k = -kWarmUp; k < trips && !Runtime::stopRequested(); ++k) {
        const auto t0 = monotonicNs();
        word.store(1, std::memory_order_release);
        futexWakeAll(word);
        while (word.load(std::memory_order_acquire) == 1)
            futexWait(word, 1, -1);
        const auto rtt = monotonicNs() - t0;
        if (k >= 0) Runtime::emit(EventKind::MeasureSample, series, rtt);
    }
    word.store(2, std::memory_order_release);
    futexWakeAll(word);
}

void waitFor(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

// 1: the partner's move; 0: main's; 2: leave. Between two threads, or two processes: the only
// difference is the address space the kernel switches between them.
void futexPingPong(std::uint32_t series, std::int64_t trips, bool processes) {
    if (!processes) {
        std::atomic<std::uint32_t> word{0};
        std::thread partner([&] { futexAnswer(word); });
        futexAsk(word, series, trips);
        partner.join();
        return;
    }
    void* p = mmap(nullptr, sizeof(std::atomic<std::uint32_t>), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    auto* word = new (p) std::atomic<std::uint32_t>{0};
    const pid_t pid = fork();
    if (pid == 0) {
        futexAnswer(*word);
        _exit(0);
    }
    if (pid > 0) {
        futexAsk(*word, series, trips);
        waitFor(pid);
    }
    munmap(p, sizeof(std::atomic<std::uint32_t>));
}

// The pipe ping-pong's partner: answers every byte until end of file.
void pipeAnswer(int in, int out) {
    char c;
    while (read(in, &c, 1) == 1)
        if (write(out, &c, 1) != 1) break;
}

void pipeAsk(int out, int in, std::uint32_t series, std::int64_t trips) {
    char c = 'x';
    for (std::int64_t k = -kWarmUp; k < trips && !Runtime::stopRequested(); ++k) {
        const auto t0 = monotonicNs();
        if (write(out, &c, 1) != 1 || read(in, &c, 1) != 1) break;
        const auto rtt = monotonicNs() - t0;
        if (k >= 0) Runtime::emit(EventKind::MeasureSample, series, rtt);
    }
}

// One byte each way through a pair of pipes, between two threads or two processes: the same
// system calls either way.
void pipePingPong(std::uint32_t series, std::int64_t trips, bool processes) {
    int there[2], back[2];
    if (pipe(there) != 0) return;
    if (pipe(back) != 0) {
        close(there[0]);
        close(there[1]);
        return;
    }
    if (!processes) {
        std::thread partner(pipeAnswer, there[0], back[1]);
        pipeAsk(there[1], back[0], series, trips);
        close(there[1]);  // end of file: the partner leaves
        partner.join();
        close(there[0]);
        close(back[0]);
        close(back[1]);
        return;
    }
    const pid_t pid = fork();
    if (pid == 0) {
        close(there[1]);
        close(back[0]);
        pipeAnswer(there[0], back[1]);
        _exit(0);
    }
    close(there[0]);
    close(back[1]);
    if (pid > 0) pipeAsk(there[1], back[0], series, trips);
    close(there[1]);  // end of file: the partner leaves
    close(back[0]);
    if (pid > 0) waitFor(pid);
}

int run(const ParamValues& p) {
    const auto trips = p.integer("round_trips");
    // On one core, every hand-off is a context switch; on any, it may be a wake-up of a partner
    // already waiting on another core. Threads started and children forked from here inherit it.
    const PinnedToFirstCpu pinned(p.choice("cores") == "one");
    // Like for like in pairs: the same futex, and the same pipes, between two threads and
    // between two processes; only the address-space switch tells each pair apart.
    const auto condvar = Runtime::registerObject(ObjectKind::Series, "threads: condvar");
    const auto futexThreads = Runtime::registerObject(ObjectKind::Series, "threads: futex");
    const auto futexProcesses = Runtime::registerObject(ObjectKind::Series, "processes: futex");
    const auto pipedThreads = Runtime::registerObject(ObjectKind::Series, "threads: pipes");
    const auto piped = Runtime::registerObject(ObjectKind::Series, "processes: pipes");
    condvarPingPong(condvar, trips);
    futexPingPong(futexThreads, trips, false);
    futexPingPong(futexProcesses, trips, true);
    pipePingPong(pipedThreads, trips, false);
    pipePingPong(piped, trips, true);
    return 0;
}

}  // namespace

Scenario makeContextSwitch() {
    return Scenario{
        "context-switch",
        "measurements",
        "Two threads, then two processes, hand the CPU back and forth the same ways (a futex, a "
        "pair of pipes): what a round trip costs.",
        {
            ParamSpec::integer("round_trips", 100, 100'000, 3000, "",
                               "Round trips measured for each pair (after 50 unrecorded)."),
            ParamSpec::choice("cores", {"one", "any"},
                              "one: both partners on one core, so each hand-off is a context "
                              "switch; any: where the scheduler puts them."),
        },
        run,
        {ObjectKind::Series},
    };
}

}  // namespace interleave
