// N threads each add one to a shared counter K times (C5, C10). Without a lock, `counter =
// counter + 1` is a read and a write with time in between, and two threads that read the same
// value both write the same next value: one update is lost. With a mutex the read-modify-write
// is one thread's at a time; with an atomic add it is one indivisible step.

#include <chrono>
#include <deque>
#include <string>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_counter.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto threads = p.integer("threads");
    const auto increments = p.integer("increments");
    // The time between reading the counter and writing it back: in real code, computing the
    // new value; here simulated, so that the interleaving can be watched at 1x.
    const std::chrono::milliseconds think(p.integer("think_ms"));
    const auto variant = p.choice("variant");
    TracedCounter counter("counter");
    TracedMutex lock("counter.lock");

    std::deque<TracedThread> workers;
    for (std::int64_t i = 1; i <= threads; ++i) {
        workers.emplace_back("thread " + std::to_string(i), [&] {
            for (std::int64_t k = 0; k < increments && !Runtime::stopRequested(); ++k) {
                if (variant == "atomic") {
                    counter.add();
                    Runtime::work(think);
                } else if (variant == "mutex") {
                    lock.lock();
                    const auto v = counter.read();
                    Runtime::work(think);
                    counter.write(v + 1);
                    lock.unlock();
                } else {
                    const auto v = counter.read();
                    Runtime::work(think);
                    counter.write(v + 1);
                }
            }
        });
    }
    for (auto& t : workers)
        t.join();
    return 0;
}

}  // namespace

Scenario makeRaceCondition() {
    return Scenario{
        "race-condition",
        "threads",
        "Threads add one to a shared counter, each with a read and a write: without a lock, "
        "updates are lost.",
        {
            ParamSpec::integer("threads", 2, 16, 2, "", "Threads adding to the counter."),
            ParamSpec::integer("increments", 1, 1'000'000, 10, "",
                               "How many times each thread adds one."),
            ParamSpec::integer("think_ms", 0, 1000, 100, "ms",
                               "Time between reading the counter and writing it back (at speed "
                               "1x); 0: as fast as the machine goes."),
            ParamSpec::choice("variant", {"none", "mutex", "atomic"},
                              "none: read, then write, unprotected; mutex: a lock around the "
                              "read and the write; atomic: one indivisible add."),
        },
        run,
        {ObjectKind::Variable},
    };
}

}  // namespace interleave
