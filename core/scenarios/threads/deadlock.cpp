// Two threads take two locks in opposite order (C14).

#include <chrono>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const std::chrono::milliseconds hold(p.integer("hold_ms"));
    const auto rounds = p.integer("rounds");
    const bool ordered = p.choice("fix") == "lock-order";
    TracedMutex a("lock A");
    TracedMutex b("lock B");

    auto worker = [&](TracedMutex& first, TracedMutex& second) {
        for (std::int64_t r = 0; (rounds == 0 || r < rounds) && !Runtime::stopRequested(); ++r) {
            first.lock();
            Runtime::work(hold);  // widens the window in which the other thread takes its lock
            second.lock();
            Runtime::work(hold);
            second.unlock();
            first.unlock();
        }
    };
    // With the fix, both threads agree on one global order, so no cycle can form.
    TracedThread t1("thread 1", [&] { worker(a, b); });
    TracedThread t2("thread 2", [&] { ordered ? worker(a, b) : worker(b, a); });
    t1.join();
    t2.join();
    return 0;
}

}  // namespace

Scenario makeDeadlock() {
    return Scenario{
        "deadlock",
        "threads",
        "Two threads take two locks in opposite order and end up waiting for each other forever.",
        {
            ParamSpec::integer("hold_ms", 0, 5000, 100, "ms",
                               "Simulated work while holding each lock."),
            ParamSpec::integer("rounds", 0, 100000, 0, "",
                               "Times each thread takes both locks; 0 means until stopped."),
            ParamSpec::choice("fix", {"none", "lock-order"},
                              "none: opposite order (deadlocks); lock-order: both threads take A "
                              "before B."),
        },
        run,
    };
}

}  // namespace interleave
