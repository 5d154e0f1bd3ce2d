// Daemon threads (C1): the main thread starts two workers, waits for one (joined) and not for
// the other (a daemon), and returns. The joined worker finishes all its steps; the daemon is
// still at work when the process ends, and is cut off in the middle of a step: nothing tells
// it, and whatever it had not finished is simply never done.

#include <chrono>
#include <string>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto steps = p.integer("steps");
    auto worker = [steps](std::chrono::milliseconds total) {
        return [steps, total] {
            for (std::int64_t s = 0; s < steps && !Runtime::stopRequested(); ++s)
                Runtime::work(total / steps);
        };
    };
    TracedThread joined("joined worker", worker(std::chrono::milliseconds(p.integer("joined_ms"))));
    TracedThread daemon("daemon worker", worker(std::chrono::milliseconds(p.integer("daemon_ms"))));
    daemon.detach();
    joined.join();
    return 0;  // the daemon may still be running: the process ends under it
}

}  // namespace

Scenario makeDaemonThreads() {
    return Scenario{
        "daemon-threads",
        "threads",
        "The main thread returns while a daemon worker is still busy: the joined worker "
        "finishes, the daemon is cut off mid-work.",
        {
            ParamSpec::integer("joined_ms", 0, 60000, 2000, "ms",
                               "Simulated work of the worker that main waits for."),
            ParamSpec::integer("daemon_ms", 0, 60000, 4000, "ms",
                               "Simulated work of the daemon worker, which nobody waits for."),
            ParamSpec::integer("steps", 1, 100, 8, "", "Steps each worker's work is cut into."),
        },
        run,
    };
}

}  // namespace interleave
