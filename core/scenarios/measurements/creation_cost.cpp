// What it costs to start a thread and to start a process (C8, C11), measured here: create and
// join a thread that does nothing; fork a child that exits at once and wait for it; posix_spawn
// /bin/true (a new program, as a shell starts one) and wait for it. Each round does all three, so
// that whatever else the machine does falls on them alike, and records one sample of each.
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
    const auto spawned = Runtime::registerObject(ObjectKind::Series, "program: spawn + wait");
    const char* program = "/bin/true";
    const bool canSpawn = access(program, X_OK) == 0;
    for (std::int64_t round = -kWarmUp; round < samples && !Runtime::stopRequested(); ++round) {
        Runtime::holdWhilePaused();
        const auto t = threadOnce();
        const auto f = forkOnce();
        const auto s = canSpawn ? spawnOnce(program) : -1;
        if (round < 0) continue;
        Runtime::emit(EventKind::MeasureSample, thread, t);
        if (f >= 0) Runtime::emit(EventKind::MeasureSample, forked, f);
        if (s >= 0) Runtime::emit(EventKind::MeasureSample, spawned, s);
    }
    return 0;
}

}  // namespace

Scenario makeCreationCost() {
    return Scenario{
        "creation-cost",
        "measurements",
        "What starting a thread, a process and a new program costs here: many times each, as "
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
