// A parent forks children, each child starts threads and some fork again (C3, process tree).

#include <chrono>
#include <deque>
#include <vector>

#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

struct Shape {
    bool orphans;  // odd children exit at once, leaving their children orphaned
    std::int64_t threads;
    std::int64_t grandchildren;
    std::int64_t rounds;
    std::chrono::milliseconds work;
};

// Threads of one process contend for one lock: visible as the same pid, different tids.
void runThreads(const std::string& owner, const Shape& s) {
    TracedMutex lock(owner + ".lock");
    std::deque<TracedThread> threads;
    for (std::int64_t t = 1; t <= s.threads; ++t) {
        threads.emplace_back(owner + " thread " + std::to_string(t), [&] {
            for (std::int64_t r = 0; r < s.rounds && !Runtime::stopRequested(); ++r) {
                Runtime::work(s.work);
                lock.lock();
                Runtime::work(s.work / 4);
                lock.unlock();
            }
        });
    }
    for (auto& t : threads)
        t.join();
}

int childBody(const std::string& name, const Shape& s, bool forkAgain) {
    // Fork first, while this process is still single-threaded.
    std::vector<ChildProcess> kids;
    if (forkAgain) {
        for (std::int64_t g = 1; g <= s.grandchildren; ++g) {
            const auto kidName = name + "." + std::to_string(g);
            kids.push_back(forkTraced(kidName, [&] { return childBody(kidName, s, false); }));
        }
    }
    // A parent that leaves without waiting: its children are orphaned, re-parented to the
    // nearest subreaper (the supervisor), and reaped there.
    if (forkAgain && s.orphans) return 0;
    runThreads(name, s);
    while (!kids.empty())
        waitAnyTraced(kids);
    return 0;
}

int run(const ParamValues& p) {
    const Shape s{p.choice("orphans") == "yes", p.integer("threads"), p.integer("grandchildren"),
                  p.integer("rounds"), std::chrono::milliseconds(p.integer("work_ms"))};
    std::vector<ChildProcess> kids;
    for (std::int64_t c = 1; c <= p.integer("children"); ++c) {
        const auto name = "child " + std::to_string(c);
        // Odd-numbered children fork again, so the tree has two shapes side by side.
        kids.push_back(forkTraced(name, [&] { return childBody(name, s, c % 2 == 1); }));
    }
    // In the order they end, so a child that dies early is reported when it dies.
    while (!kids.empty())
        waitAnyTraced(kids);
    return 0;
}

}  // namespace

Scenario makeForkTree() {
    return Scenario{
        "fork-tree",
        "processes",
        "A parent forks children; each child starts threads, and odd children fork again.",
        {
            ParamSpec::integer("children", 1, 8, 3, "", "Processes the lab forks."),
            ParamSpec::integer("threads", 0, 8, 2, "", "Threads each child starts."),
            ParamSpec::integer("grandchildren", 0, 4, 1, "",
                               "Processes each odd-numbered child forks."),
            // Defaults pace a run over several seconds at 1x: long enough to watch each fork
            // and to kill a child from a terminal, as the lesson suggests.
            ParamSpec::integer("rounds", 1, 100000, 8, "", "Work rounds per thread."),
            ParamSpec::integer("work_ms", 0, 5000, 500, "ms", "Simulated work per round."),
            ParamSpec::choice("orphans", {"no", "yes"},
                              "yes: odd children exit at once without waiting for their own "
                              "children, which are orphaned and re-parented."),
        },
        run,
    };
}

}  // namespace interleave
