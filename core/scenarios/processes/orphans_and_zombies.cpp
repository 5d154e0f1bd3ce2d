// What happens to a process whose parent is not watching (C2, C7): a child that ends before its
// parent waits stays a zombie until the parent reaps it; a child whose parent ends first is an
// orphan, and the kernel gives it a new parent, the run's subreaper (the lab).

#include <chrono>

#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const std::chrono::milliseconds zombie(p.integer("zombie_ms")), orphan(p.integer("orphan_ms")),
        life(p.integer("child_ms"));
    // The zombie: ends soon; its parent, busy, reaps it only `zombie_ms` later.
    const auto early = forkTraced("short-lived child", [&] {
        Runtime::work(life);
        return 0;
    });
    // The orphan: its parent forks it and ends without waiting for it.
    const auto middle = forkTraced("parent that leaves", [&] {
        forkTraced("orphan", [&] {
            Runtime::work(life + orphan);
            return 0;
        });
        Runtime::work(life);
        return 0;
    });
    // Until both have ended, without reaping them: each is a zombie from then on.
    waitUntilZombie(early);
    waitUntilZombie(middle);
    Runtime::work(zombie);  // busy, not calling wait(): the zombie stays
    waitTraced(early);
    waitTraced(middle);
    // The orphan is the lab's child now; the lab reaps it when it ends, after the scenario.
    return 0;
}

}  // namespace

Scenario makeOrphansAndZombies() {
    return Scenario{
        "orphans-and-zombies",
        "processes",
        "A child ends before its parent waits (a zombie); another's parent ends first (an orphan).",
        {
            ParamSpec::integer("child_ms", 0, 10000, 1000, "ms",
                               "How long the short-lived child, and the parent that leaves, live."),
            ParamSpec::integer("zombie_ms", 0, 20000, 3000, "ms",
                               "How long the busy parent leaves its ended child unreaped."),
            ParamSpec::integer("orphan_ms", 0, 20000, 4000, "ms",
                               "How long the orphan lives on after its parent has ended."),
        },
        run,
    };
}

}  // namespace interleave
