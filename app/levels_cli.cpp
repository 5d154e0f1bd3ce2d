#include "app/levels_cli.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "core/lesson/level_progress.h"
#include "core/lesson/levels.h"
#include "core/supervise/level_proof.h"
#include "core/trace/trace_native.h"

namespace interleave {
namespace {

int usage(const std::string& message) {
    std::cerr << "interleave-lab: " << message << "\n";
    return 2;
}

LevelProgress loadProgress() {
    std::string warning;
    auto progress = loadLevelProgress(levelProgressPath(), warning);
    if (!warning.empty()) std::cerr << "interleave-lab: " << warning << "\n";
    return progress;
}

void saveProgress(const LevelProgress& progress) {
    std::string error;
    if (!saveLevelProgress(levelProgressPath(), progress, error))
        std::cerr << "interleave-lab: progress not kept: " << error << "\n";
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : " ") + p;
    return out;
}

int listLevels() {
    const auto progress = loadProgress();
    int n = 0;
    for (const auto& l : allLevels()) {
        const auto it = progress.levels.find(l.id);
        const LevelDone done = it == progress.levels.end() ? LevelDone{} : it->second;
        std::printf("%2d. [%s][%s] %-24s %s\n    %s: %s, then fix it with %s\n", ++n,
                    done.broken ? "x" : " ", done.fixed ? "x" : " ", l.id.c_str(), l.title.c_str(),
                    l.scenario.c_str(), std::string(goalTask(l.goal)).c_str(), fixText(l).c_str());
    }
    std::printf("[broken][fixed]; progress in %s\n", levelProgressPath().c_str());
    return 0;
}

void printTable(const GoalExploration& e) {
    std::printf("%-40s %8s\n", "outcome", "orders");
    for (const auto& [outcome, count] : e.orders.outcomes)
        std::printf("%-40s %8zu\n", outcome.c_str(), count);
}

int prove(const LevelsArgs& args, const Level& level, const std::function<bool()>& stop) {
    const auto params = args.broken ? brokenParams(level) : fixedParams(level);
    const auto goal = std::string(goalName(level.goal));
    if (!args.quiet)
        std::fprintf(stderr, "interleave-lab: every order of %s (%s), each run on real threads\n",
                     level.scenario.c_str(), joined(params).c_str());
    const auto e =
        exploreGoal(level.scenario, params, level.goal, siblingLabPath(), args.maxOrders, {}, stop);
    printTable(e);
    const auto n = e.orders.orders.size();
    std::printf("%zu orders in %.1f s%s\n", n, e.orders.seconds,
                e.orders.complete ? ", every one" : ", not every one");
    if (!e.orders.error.empty())
        return std::fprintf(stderr, "interleave-lab: a run could not be scheduled: %s\n",
                            e.orders.error.c_str()),
               1;
    auto progress = loadProgress();
    if (args.broken) {
        if (e.reaching == 0) return std::printf("no order of %zu reaches %s\n", n, goal.c_str()), 1;
        std::printf("breakable: %zu of %zu orders reach %s\n", e.reaching, n, goal.c_str());
        return 0;
    }
    if (!e.noneReach()) {
        if (e.reaching > 0)
            std::printf("fix not proven: %zu of %zu orders reach %s\n", e.reaching, n,
                        goal.c_str());
        else
            std::printf("fix not proven: not every order was run (raise --max-orders)\n");
        return 1;
    }
    std::printf("fix proven: no order of %zu reaches %s\n", n, goal.c_str());
    progress.levels[level.id].fixed = true;
    saveProgress(progress);
    return 0;
}

int check(const LevelsArgs& args, const Level& level) {
    if (args.schedule.empty()) return usage("levels check needs --schedule FILE (a saved run)");
    const auto loaded = loadNativeTrace(args.schedule);
    if (!loaded.store) return usage(loaded.error);
    const auto& scenario = loaded.description.scenario;
    if (!scenario.empty() && scenario != level.scenario)
        return usage(args.schedule + " is a run of " + scenario + ", not of " + level.scenario);
    const auto reached = findGoal(*loaded.store, level.goal);
    if (!reached) {
        std::printf("%s: this run does not reach %s\n", level.id.c_str(),
                    std::string(goalName(level.goal)).c_str());
        return 1;
    }
    std::printf("%s broken in %zu steps: %s\n", level.id.c_str(), reached->steps,
                reached->how.c_str());
    auto progress = loadProgress();
    progress.levels[level.id].broken = true;
    saveProgress(progress);
    return 0;
}

}  // namespace

int levelsCommand(const LevelsArgs& args, const std::function<bool()>& stop) {
    if (args.action.empty()) return listLevels();
    const auto* level = findLevel(args.id);
    if (!level) {
        std::string ids;
        for (const auto& l : allLevels())
            ids += (ids.empty() ? "" : ", ") + l.id;
        return usage("unknown level '" + args.id + "'; levels: " + ids);
    }
    if (args.action == "prove") return prove(args, *level, stop);
    if (args.action == "check") return check(args, *level);
    return usage("levels: unknown action '" + args.action + "' (prove or check)");
}

}  // namespace interleave
