// Readers and writers on one reader-writer lock: readers share it, a writer needs it alone.
// Reader-preferring, overlapping readers keep a writer waiting as long as any reader is inside
// (the writer starves); writer-preferring, a waiting writer holds new readers back.

#include <chrono>
#include <deque>
#include <string>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_rwlock.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto readers = p.integer("readers");
    const auto writers = p.integer("writers");
    const auto rounds = p.integer("rounds");
    const std::chrono::milliseconds readFor(p.integer("read_ms"));
    const std::chrono::milliseconds writeFor(p.integer("write_ms"));
    const std::chrono::milliseconds rest(p.integer("rest_ms"));
    TracedRwLock data("data", p.choice("prefer") == "writers" ? TracedRwLock::Prefer::Writers
                                                              : TracedRwLock::Prefer::Readers);
    auto more = [rounds](std::int64_t r) {
        return (rounds == 0 || r < rounds) && !Runtime::stopRequested();
    };

    std::deque<TracedThread> threads;
    for (std::int64_t i = 1; i <= readers; ++i)
        threads.emplace_back("reader " + std::to_string(i), [&, i] {
            // Staggered, so that readers overlap: one is always inside while another leaves.
            Runtime::work(readFor * (i - 1) / readers);
            for (std::int64_t r = 0; more(r); ++r) {
                data.lockShared();
                Runtime::work(readFor);
                data.unlockShared();
                Runtime::work(rest);
            }
        });
    for (std::int64_t i = 1; i <= writers; ++i)
        threads.emplace_back("writer " + std::to_string(i), [&, i] {
            Runtime::work(readFor / 2 + rest * i);  // arrives once the readers are under way
            for (std::int64_t r = 0; more(r); ++r) {
                data.lock();
                Runtime::work(writeFor);
                data.unlock();
                Runtime::work(rest + readFor);
            }
        });
    for (auto& t : threads)
        t.join();
    return 0;
}

}  // namespace

Scenario makeReaderWriter() {
    return Scenario{
        "reader-writer",
        "threads",
        "Readers share a lock, a writer needs it alone; with the wrong preference one side "
        "starves.",
        {
            ParamSpec::integer("readers", 1, 16, 4, "", "Threads that read the data."),
            ParamSpec::integer("writers", 0, 8, 1, "", "Threads that change it."),
            ParamSpec::choice("prefer", {"readers", "writers"},
                              "readers: a reader may enter whenever no writer is inside "
                              "(writers can starve); writers: a waiting writer holds new "
                              "readers back."),
            ParamSpec::integer("read_ms", 0, 5000, 400, "ms", "Simulated reading, inside."),
            ParamSpec::integer("write_ms", 0, 5000, 200, "ms", "Simulated writing, inside."),
            ParamSpec::integer("rest_ms", 0, 5000, 50, "ms", "Simulated work between visits."),
            ParamSpec::integer("rounds", 0, 100000, 0, "",
                               "Visits per thread; 0 means until stopped."),
        },
        run,
    };
}

}  // namespace interleave
