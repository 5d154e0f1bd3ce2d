// How a shell runs a command (C2, C3): fork() makes a copy of the shell, the copy replaces its
// program with the command's (exec: the same process, pid and parent, a new program), and the
// shell waits for it and reads its exit status. Each child here runs /bin/sh, which sleeps and
// exits with a status of its own.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto commands = p.integer("commands");
    const auto ms = p.integer("command_ms");
    const std::chrono::milliseconds prepare(p.integer("prepare_ms"));
    const std::string shell = "/bin/sh";
    const auto program = Runtime::registerObject(ObjectKind::Program, shell);
    std::vector<ChildProcess> kids;
    for (std::int64_t i = 1; i <= commands && !Runtime::stopRequested(); ++i) {
        // The command: sleep, then exit with a status the parent will read (the i-th: i).
        const std::string seconds =
            std::to_string(ms / 1000) + "." + std::to_string(1000 + ms % 1000).substr(1);
        const std::vector<std::string> argv = {shell, "-c",
                                               "sleep " + seconds + "; exit " + std::to_string(i)};
        kids.push_back(forkTraced("command " + std::to_string(i), [&] {
            // The child is still a copy of the lab here: it could change its own files,
            // environment or directory first, as a shell does for redirections.
            Runtime::work(prepare);
            const auto error = execTraced(program, argv);
            std::fprintf(stderr, "fork-exec: %s\n", error.c_str());  // the lab's log has it
            return 127;  // what a shell says for a command it cannot run
        }));
        Runtime::work(prepare);
    }
    while (!kids.empty())
        waitAnyTraced(kids);  // reports "exited with status i"
    return 0;
}

}  // namespace

Scenario makeForkExec() {
    return Scenario{
        "fork-exec",
        "processes",
        "How a shell runs a command: fork a copy, exec the program in it, wait for its status.",
        {
            ParamSpec::integer("commands", 1, 8, 3, "",
                               "Commands the parent runs, one child each."),
            ParamSpec::integer("command_ms", 0, 20000, 1500, "ms",
                               "How long each command runs (the program sleeps)."),
            ParamSpec::integer("prepare_ms", 0, 5000, 300, "ms",
                               "Work in the child before exec, and in the parent between forks."),
        },
        run,
    };
}

}  // namespace interleave
