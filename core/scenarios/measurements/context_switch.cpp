// What handing the CPU from one thread to another costs, against handing it from one process to
// another (C13): a ping-pong in which each side wakes the other and sleeps until woken back. One
// round trip is two switches. Between two threads with a condition variable (what most programs
// use), between two threads with a bare futex (what a condition variable is built on), and
// between two processes through a pair of pipes.
//
// The partners are not traced: recording each switch would be most of what is measured. Only
// the samples are recorded, after each round trip.

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
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

void futexPingPong(std::uint32_t series, std::int64_t trips) {
    std::atomic<std::uint32_t> word{0};  // 1: the partner's move; 0: main's; 2: leave
    std::thread partner([&] {
        while (true) {
            std::uint32_t v;
            while ((v = word.load(std::memory_order_acquire)) == 0)
                futexWait(word, 0, -1);
            if (v == 2) return;
            word.store(0, std::memory_order_release);
            futexWakeAll(word);
        }
    });
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
    partner.join();
}

void pipePingPong(std::uint32_t series, std::int64_t trips) {
    int there[2], back[2];
    if (pipe(there) != 0) return;
    if (pipe(back) != 0) {
        close(there[0]);
        close(there[1]);
        return;
    }
    const pid_t pid = fork();
    if (pid == 0) {  // the partner: answers every byte until end of file
        close(there[1]);
        close(back[0]);
        char c;
        while (read(there[0], &c, 1) == 1)
            if (write(back[1], &c, 1) != 1) break;
        _exit(0);
    }
    close(there[0]);
    close(back[1]);
    if (pid > 0) {
        char c = 'x';
        for (std::int64_t k = -kWarmUp; k < trips && !Runtime::stopRequested(); ++k) {
            const auto t0 = monotonicNs();
            if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1) break;
            const auto rtt = monotonicNs() - t0;
            if (k >= 0) Runtime::emit(EventKind::MeasureSample, series, rtt);
        }
    }
    close(there[1]);  // end of file: the partner leaves
    close(back[0]);
    if (pid > 0) {
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

int run(const ParamValues& p) {
    const auto trips = p.integer("round_trips");
    // On one core, every hand-off is a context switch; on any, it may be a wake-up of a partner
    // already waiting on another core. Threads started and children forked from here inherit it.
    const PinnedToFirstCpu pinned(p.choice("cores") == "one");
    const auto condvar = Runtime::registerObject(ObjectKind::Series, "threads: condvar");
    const auto futex = Runtime::registerObject(ObjectKind::Series, "threads: futex");
    const auto piped = Runtime::registerObject(ObjectKind::Series, "processes: pipes");
    condvarPingPong(condvar, trips);
    futexPingPong(futex, trips);
    pipePingPong(piped, trips);
    return 0;
}

}  // namespace

Scenario makeContextSwitch() {
    return Scenario{
        "context-switch",
        "measurements",
        "Two threads, then two processes, hand the CPU back and forth: what a round trip costs.",
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
