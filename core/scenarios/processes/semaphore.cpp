// A POSIX semaphore shared by processes (C9): N worker processes each want one of K places; at
// most K are inside at once, the others wait in the kernel until one leaves. The semaphore
// lives in memory the workers share (sem_init with pshared = 1), made before they are forked.

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "core/primitives/ipc/shared_mapping.h"
#include "core/primitives/ipc/shared_semaphore.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

// What the workers share: the semaphore, and a count of who is inside, by which each worker
// checks the semaphore's promise for itself.
struct Pool {
    SharedSemaphore places;
    std::atomic<int> inside{0};
};
static_assert(std::atomic<int>::is_always_lock_free);

constexpr int kTooMany = 3;  // a worker's exit status when it found more than K inside

int worker(Pool& pool, int permits, std::int64_t index, std::int64_t workers, std::int64_t rounds,
           std::chrono::milliseconds inside, std::chrono::milliseconds outside) {
    // Staggered within the first visit, so the first round does not read as one block.
    Runtime::work(inside * (index - 1) / (2 * workers));
    for (std::int64_t r = 0; (rounds == 0 || r < rounds) && !Runtime::stopRequested(); ++r) {
        if (!pool.places.acquire()) break;
        const int now = pool.inside.fetch_add(1) + 1;
        Runtime::work(inside);
        pool.inside.fetch_sub(1);
        pool.places.release();
        if (now > permits) return kTooMany;
        Runtime::work(outside);
    }
    return 0;
}

int run(const ParamValues& p) {
    const auto workers = p.integer("workers"), rounds = p.integer("rounds");
    const int permits = static_cast<int>(p.integer("permits"));
    const std::chrono::milliseconds inside(p.integer("work_ms")), outside(p.integer("rest_ms"));
    SharedMapping<Pool> pool;
    pool->places.init("places", static_cast<unsigned>(permits));
    std::vector<ChildProcess> kids;
    for (std::int64_t i = 1; i <= workers; ++i)
        kids.push_back(forkTraced("worker " + std::to_string(i), [&, i] {
            return worker(*pool, permits, i, workers, rounds, inside, outside);
        }));
    while (!kids.empty())
        waitAnyTraced(kids);
    pool->places.destroy();
    return 0;
}

}  // namespace

Scenario makeSemaphore() {
    return Scenario{
        "semaphore",
        "processes",
        "A semaphore shared by processes lets at most K of N worker processes in at once.",
        {
            ParamSpec::integer("workers", 1, 12, 5, "", "Worker processes that want a place."),
            ParamSpec::integer("permits", 1, 8, 2, "",
                               "Places: the semaphore's starting value (1 makes it a lock)."),
            ParamSpec::integer("work_ms", 0, 5000, 500, "ms", "Simulated work while inside."),
            ParamSpec::integer("rest_ms", 0, 5000, 200, "ms", "Simulated work between visits."),
            ParamSpec::integer("rounds", 0, 100000, 4, "",
                               "Visits per worker; 0 means until stopped."),
        },
        run,
    };
}

}  // namespace interleave
