// The articles' own example (C16, C3, C5): the same task run twice as two threads, then twice
// as two processes. Each task adds one to a counter a few times. The threads share their
// process's pid and its one counter: it ends at twice the steps. The processes have pids of
// their own and each a copy of the counter made when it was forked: they count on in their own
// copies, and the parent's counter does not move.

#include <chrono>

#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_counter.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto steps = p.integer("steps");
    const std::chrono::milliseconds step(p.integer("work_ms") / steps);
    TracedCounter counter("counter");
    auto task = [&] {
        for (std::int64_t s = 0; s < steps && !Runtime::stopRequested(); ++s) {
            Runtime::work(step);
            counter.add();
        }
    };
    {
        // Thread(target=task).start() twice, then join() both.
        TracedThread a("thread A", task);
        TracedThread b("thread B", task);
        a.join();
        b.join();
    }
    counter.read();  // both threads counted in the one counter
    // Process(target=task).start() twice, then join() both. Forked only now, with no thread
    // running: a fork copies just the thread that calls it.
    const auto pa = forkTraced("process A", [&] {
        task();
        return 0;
    });
    const auto pb = forkTraced("process B", [&] {
        task();
        return 0;
    });
    waitTraced(pa);
    waitTraced(pb);
    counter.read();  // unchanged: each child counted in its own copy
    return 0;
}

}  // namespace

Scenario makeHelloThreadsAndProcesses() {
    return Scenario{
        "hello-threads-and-processes",
        "threads",
        "One task, run as two threads and then as two processes: same pid or their own, one "
        "counter or a copy each.",
        {
            ParamSpec::integer("work_ms", 1, 60000, 1600, "ms", "Simulated work of each task."),
            ParamSpec::integer("steps", 1, 100, 4, "",
                               "Times each task adds one to the counter along the way."),
        },
        run,
    };
}

}  // namespace interleave
