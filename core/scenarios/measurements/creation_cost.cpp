// What it costs to start a thread and to start a process (C8, C11), measured here: create and
// join a thread that does nothing; fork a child that exits at once and wait for it; start the
// new program /bin/true two ways and wait for it: fork + exec, as a shell runs a command, and
// posix_spawn, which glibc does with clone(CLONE_VM | CLONE_VFORK) + exec and so copies no page
// tables. (Neither is Python's "spawn" start method, which starts a whole new interpreter.) Each
// round does all four, so that whatever else the machine does falls on them alike, and records
// one sample of each.
//
// What is created is not traced: registering a traced thread or process, and recording its
// steps, would be part of what is measured. Only the samples are recorded, after each is taken.

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"

extern char** environ;

namespace interleave {
namespace {

constexpr int kWarmUp = 5;  // rounds not recorded: the first fork copies page tables cold

std::int64_t threadOnce() {
    const auto t0 = monotonicNs();
    std::thread t([] {});
    t.join();
    return monotonicNs() - t0;
}

std::int64_t forkOnce() {
    const auto t0 = monotonicNs();
    const pid_t pid = fork();
    if (pid == 0) _exit(0);  // the child does nothing: what is measured is making it
    if (pid < 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return monotonicNs() - t0;
}

std::int64_t forkExecOnce(const char* program) {
    char* argv[] = {const_cast<char*>(program), nullptr};
    const auto t0 = monotonicNs();
    const pid_t pid = fork();
    if (pid == 0) {
        execve(program, argv, environ);
        _exit(127);
    }
    if (pid < 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return monotonicNs() - t0;
}

std::int64_t spawnOnce(const char* program) {
    const auto t0 = monotonicNs();
    pid_t pid = -1;
    char* argv[] = {const_cast<char*>(program), nullptr};
    if (posix_spawn(&pid, program, nullptr, nullptr, argv, environ) != 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return monotonicNs() - t0;
}

int run(const ParamValues& p) {
    const auto samples = p.integer("samples");
    const auto thread = Runtime::registerObject(ObjectKind::Series, "thread: create + join");
    const auto forked = Runtime::registerObject(ObjectKind::Series, "process: fork + wait");
    const auto forkExec =
        Runtime::registerObject(ObjectKind::Series, "program: fork + exec + wait");
    const auto spawned = Runtime::registerObject(ObjectKind::Series, "program: posix_spawn + wait");
    const char* program = "/bin/true";
    const bool canSpawn = access(program, X_OK) == 0;
    for (std::int64_t round = -kWarmUp; round < samples && !Runtime::stopRequested(); ++round) {
        Runtime::holdWhilePaused();
        const auto t = threadOnce();
        const auto f = forkOnce();
        const auto e = canSpawn ? forkExecOnce(program) : -1;
        const auto s = canSpawn ? spawnOnce(program) : -1;
        if (round < 0) continue;
        Runtime::emit(EventKind::MeasureSample, thread, t);
        if (f >= 0) Runtime::emit(EventKind::MeasureSample, forked, f);
        if (e >= 0) Runtime::emit(EventKind::MeasureSample, forkExec, e);
        if (s >= 0) Runtime::emit(EventKind::MeasureSample, spawned, s);
    }
    return 0;
}

}  // namespace

Scenario makeCreationCost() {
    return Scenario{
        "creation-cost",
        "measurements",
        "What starting a thread, a process and a new program (two ways) costs here: many times "
        "each, as "
        "distributions.",
        {
            ParamSpec::integer("samples", 10, 5000, 300, "",
                               "Times each is measured (after 5 unrecorded warm-up rounds)."),
        },
        run,
        {ObjectKind::Series},
    };
}

}  // namespace interleave
