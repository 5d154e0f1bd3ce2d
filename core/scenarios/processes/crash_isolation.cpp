// What a crash takes down (C15): a thread that touches memory it may not use crashes its whole
// process, every thread in it, mid-work; the processes next to it, and its parent, go on. The
// parent sees how its child ended and starts a new one, as a server's master process does.

#include <chrono>
#include <string>
#include <vector>

#include "core/primitives/process/fault.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

using std::chrono::milliseconds;

// Works in short pieces until the run stops or the process dies around it.
void workOn() {
    while (!Runtime::stopRequested())
        Runtime::work(milliseconds(200));
}

int crashingProcess(int threads, milliseconds crashAfter) {
    prepareToCrash();
    std::vector<TracedThread> workers;
    for (int i = 1; i < threads; ++i)
        workers.emplace_back("worker " + std::to_string(i), workOn);
    workers.emplace_back("faulty thread", [crashAfter] {
        Runtime::work(crashAfter);
        if (!Runtime::stopRequested()) crashThisProcess();
    });
    for (auto& w : workers)
        w.join();
    return 0;  // only when the run was stopped before the crash
}

int run(const ParamValues& p) {
    const milliseconds crashAfter(p.integer("crash_ms")), after(p.integer("after_ms"));
    const int threads = static_cast<int>(p.integer("threads"));
    std::vector<ChildProcess> others;
    // A process beside it: same parent, same program, its own memory.
    others.push_back(forkTraced("neighbour", [&] {
        Runtime::work(crashAfter + after);
        return 0;
    }));
    const auto crasher =
        forkTraced("crashing process", [&] { return crashingProcess(threads, crashAfter); });
    waitTraced(crasher);  // reports "killed by signal 11 (SIGSEGV)"
    if (!Runtime::stopRequested()) {
        // The parent is untouched: it carries on, and replaces the worker it lost.
        others.push_back(forkTraced("replacement", [&] {
            Runtime::work(after);
            return 0;
        }));
        Runtime::work(after / 2);
    }
    while (!others.empty())
        waitAnyTraced(others);
    return 0;
}

}  // namespace

Scenario makeCrashIsolation() {
    return Scenario{
        "crash-isolation",
        "processes",
        "A thread that crashes takes its whole process down; the processes beside it go on.",
        {
            ParamSpec::integer(
                "threads", 1, 8, 3, "",
                "Threads the crashing process starts besides its main thread (one of "
                "them faults)."),
            ParamSpec::integer("crash_ms", 0, 20000, 1500, "ms",
                               "How long the faulty thread works before it touches memory it may "
                               "not use."),
            ParamSpec::integer("after_ms", 0, 20000, 2000, "ms",
                               "How long the neighbour and the replacement work on after the "
                               "crash."),
        },
        run,
    };
}

}  // namespace interleave
