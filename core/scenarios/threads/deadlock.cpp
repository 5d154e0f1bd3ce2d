// Threads around a table, one lock between each two of them (C14): each takes the lock on its
// left, then the one on its right. With two threads that is the classic two threads, two locks
// in opposite order; with more it is the dining philosophers. When every thread holds its left
// lock, each waits for its right-hand neighbour forever. Three fixes break the cycle: one global
// order, giving the first lock back when the second is taken (try-lock with back-off), and
// taking both at once (std::scoped_lock, which tries and backs off inside).

#include <chrono>
#include <deque>
#include <mutex>
#include <random>
#include <string>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

std::string lockName(std::int64_t i) {
    std::string name = "lock ";
    name.push_back(static_cast<char>('A' + i));
    return name;
}

int run(const ParamValues& p) {
    const std::chrono::milliseconds hold(p.integer("hold_ms"));
    const auto rounds = p.integer("rounds");
    const auto n = p.integer("threads");
    const auto fix = p.choice("fix");
    std::deque<TracedMutex> locks;
    for (std::int64_t i = 0; i < n; ++i)
        locks.emplace_back(lockName(i));

    auto worker = [&](std::int64_t self) {
        TracedMutex* first = &locks[static_cast<std::size_t>(self)];
        TracedMutex* second = &locks[static_cast<std::size_t>((self + 1) % n)];
        // One global order: every thread takes the lower-lettered lock first, so the last one
        // turns round and no cycle can close.
        if (fix == "lock-order" && first->id() > second->id()) std::swap(first, second);
        std::minstd_rand rng(static_cast<unsigned>(self + 1));
        for (std::int64_t r = 0; (rounds == 0 || r < rounds) && !Runtime::stopRequested(); ++r) {
            if (fix == "scoped-lock") {
                std::scoped_lock both(*first, *second);
                Runtime::work(hold);
                continue;
            }
            first->lock();
            Runtime::work(hold);  // widens the window in which the others take their first lock
            if (fix == "try-lock") {
                while (!second->try_lock()) {
                    // Give the first lock back so its other user can go on, and wait a random
                    // while: threads that backed off together would otherwise retry together.
                    first->unlock();
                    Runtime::work(
                        std::chrono::microseconds(std::uniform_int_distribution<std::int64_t>(
                            100, std::max<std::int64_t>(200, hold.count() * 1000))(rng)));
                    if (Runtime::stopRequested()) return;
                    first->lock();
                }
            } else {
                second->lock();
            }
            Runtime::work(hold);
            second->unlock();
            first->unlock();
        }
    };
    std::deque<TracedThread> threads;
    for (std::int64_t i = 0; i < n; ++i)
        threads.emplace_back("thread " + std::to_string(i + 1), [&worker, i] { worker(i); });
    for (auto& t : threads)
        t.join();
    return 0;
}

}  // namespace

Scenario makeDeadlock() {
    return Scenario{
        "deadlock",
        "threads",
        "Threads that each take two locks, in an order that lets them end up waiting for each "
        "other forever.",
        {
            ParamSpec::integer("threads", 2, 16, 2, "",
                               "Threads around a table, one lock between each two; 2 is two "
                               "threads and two locks, 5 the dining philosophers."),
            ParamSpec::integer("hold_ms", 0, 5000, 100, "ms",
                               "Simulated work while holding each lock."),
            ParamSpec::integer("rounds", 0, 100000, 0, "",
                               "Times each thread takes both locks; 0 means until stopped."),
            ParamSpec::choice("fix", {"none", "lock-order", "try-lock", "scoped-lock"},
                              "none: left lock, then right (deadlocks); lock-order: the "
                              "lower-lettered lock first; try-lock: give the first back when "
                              "the second is taken; scoped-lock: both at once."),
        },
        run,
        {ObjectKind::Mutex},
    };
}

}  // namespace interleave
