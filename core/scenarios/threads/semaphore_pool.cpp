// A counting semaphore as a pool of K permits (C10, C9 for its semaphore): N workers each want one
// of K places (a database connection, a licence, a seat); at most K are inside at once, the others
// block on the semaphore until someone leaves. With K = 1 it is a mutex.

#include <chrono>
#include <deque>
#include <string>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_semaphore.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto workers = p.integer("workers");
    const auto permits = p.integer("permits");
    const auto rounds = p.integer("rounds");
    const std::chrono::milliseconds inside(p.integer("work_ms"));
    const std::chrono::milliseconds outside(p.integer("rest_ms"));
    TracedSemaphore pool("pool", static_cast<std::uint32_t>(permits));

    std::deque<TracedThread> threads;
    for (std::int64_t i = 1; i <= workers; ++i) {
        threads.emplace_back("worker " + std::to_string(i), [&, i] {
            // Staggered within the first visit, so the first round does not read as one block.
            Runtime::work(inside * (i - 1) / (2 * workers));
            for (std::int64_t r = 0; (rounds == 0 || r < rounds) && !Runtime::stopRequested();
                 ++r) {
                if (!pool.acquire()) return;
                Runtime::work(inside);
                pool.release();
                Runtime::work(outside);
            }
        });
    }
    for (auto& t : threads)
        t.join();
    return 0;
}

}  // namespace

Scenario makeSemaphorePool() {
    return Scenario{
        "semaphore-pool",
        "threads",
        "A counting semaphore lets at most K of N workers in at once; the others wait at the "
        "door.",
        {
            ParamSpec::integer("workers", 1, 16, 6, "", "Threads that want a place."),
            ParamSpec::integer("permits", 1, 8, 2, "",
                               "Places: the semaphore's starting value (1 makes it a mutex)."),
            ParamSpec::integer("work_ms", 0, 5000, 400, "ms", "Simulated work while inside."),
            ParamSpec::integer("rest_ms", 0, 5000, 100, "ms",
                               "Simulated work between visits (drawn as work too)."),
            ParamSpec::integer("rounds", 0, 100000, 0, "",
                               "Visits per worker; 0 means until stopped."),
        },
        run,
    };
}

}  // namespace interleave
