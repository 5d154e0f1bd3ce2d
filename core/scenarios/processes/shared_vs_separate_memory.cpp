// Threads share their process's memory; processes do not (C4, C5). Threads of one process add to
// one counter, and all of them see every change. Forked children add to "the same" counter, at
// the same address, and each changes only its own copy; the parent's stays as it was. The copy
// costs little until it is written: the kernel shares the pages, and copies one only when a
// process writes it (copy on write), as each child's pages in /proc show.

#include <chrono>
#include <string>
#include <vector>

#include "core/primitives/process/private_memory.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_counter.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

using std::chrono::milliseconds;

int run(const ParamValues& p) {
    const auto workers = p.integer("workers");
    const milliseconds step(p.integer("step_ms"));
    const auto kib = static_cast<std::size_t>(p.integer("memory_kib"));
    const auto writeKib = kib * static_cast<std::size_t>(p.integer("write_percent")) / 100;
    // A global (static storage), as in the articles: one per process, at one address in all.
    static TracedCounter counter("counter in main");
    counter.reportAddress();
    PrivateMemory memory("memory", kib);
    memory.reportPages();

    // Threads: one counter for all of them.
    {
        std::vector<TracedThread> threads;
        for (std::int64_t i = 1; i <= workers; ++i)
            threads.emplace_back("thread " + std::to_string(i), [&, i] {
                Runtime::work(step * i);
                counter.read();
                counter.add();
                counter.read();
            });
        for (auto& t : threads)
            t.join();
    }
    counter.read();  // every thread's addition is here

    // Processes: each child has a copy of the counter, and of the memory.
    std::vector<ChildProcess> kids;
    for (std::int64_t i = 1; i <= workers; ++i) {
        const auto name = "child " + std::to_string(i);
        kids.push_back(forkTraced(name, [&, i, name] {
            counter.becomeCopy("counter in " + name);
            memory.reportPages();  // all of it still shared with the parent
            Runtime::work(step * i);
            counter.read();
            counter.add();
            counter.read();
            memory.write(writeKib, static_cast<std::uint8_t>(i + 1));
            memory.reportPages();  // what it wrote is its own now
            Runtime::work(step);
            return 0;
        }));
    }
    while (!kids.empty())
        waitAnyTraced(kids);
    counter.read();  // unchanged by the children
    memory.reportPages();
    return 0;
}

}  // namespace

Scenario makeSharedVsSeparateMemory() {
    return Scenario{
        "shared-vs-separate-memory",
        "processes",
        "Threads add to one counter; forked children each add to their own copy, at the same "
        "address.",
        {
            ParamSpec::integer("workers", 1, 6, 2, "", "Threads, then child processes."),
            ParamSpec::integer("step_ms", 0, 5000, 400, "ms",
                               "Time between one worker's step and the next's."),
            ParamSpec::integer("memory_kib", 64, 65536, 4096, "KiB",
                               "Memory the parent fills before it forks (copied on write)."),
            ParamSpec::integer("write_percent", 0, 100, 25, "%",
                               "How much of it each child writes (those pages are copied)."),
        },
        run,
        {ObjectKind::Memory},
    };
}

}  // namespace interleave
