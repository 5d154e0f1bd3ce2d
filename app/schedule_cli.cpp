#include "app/schedule_cli.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "core/analysis/goals.h"
#include "core/schema/step_text.h"
#include "core/supervise/scheduler.h"
#include "core/sys/input_wait.h"

namespace interleave {
namespace {

std::string objectNameOf(const EventStore& store, std::uint32_t object) {
    return object == kNoObject ? std::string() : store.objectName(object);
}

// One line per actor; returns the actors that may be chosen, numbered from 1 in lane order.
std::vector<std::uint32_t> printTurns(const Scheduler& scheduler, const EventStore& store) {
    std::vector<std::uint32_t> choosable;
    std::map<std::uint32_t, std::string> names;
    for (const auto& a : store.actors())
        names[a.id] = a.name;
    for (const auto& t : scheduler.turns()) {
        if (t.name.empty() || t.state == TurnState::Ended) continue;
        const auto step = stepText(
            t.next, objectNameOf(store, t.object), t.arg,
            t.next == EventKind::JoinRequest ? names[static_cast<std::uint32_t>(t.arg)] : "");
        if (t.state == TurnState::AtCheckpoint) {
            choosable.push_back(t.actor);
            std::fprintf(stderr, "  [%zu] %-14s next: %s\n", choosable.size(), t.name.c_str(),
                         step.c_str());
        } else {
            std::fprintf(stderr, "      %-14s %s: %s\n", t.name.c_str(),
                         t.state == TurnState::Blocked ? "blocked in the kernel" : "running",
                         step.c_str());
        }
    }
    return choosable;
}

}  // namespace

void printGoalsReached(const EventStore& store) {
    for (auto g : kGoals)
        if (const auto reached = findGoal(store, g))
            std::fprintf(stderr, "interleave-lab: goal %s reached in %zu steps: %s\n",
                         std::string(goalName(g)).c_str(), reached->steps, reached->how.c_str());
}

std::size_t scheduleInteractively(Supervisor& sup, const volatile std::sig_atomic_t& interrupted) {
    Scheduler scheduler(sup.channel());
    std::size_t granted = 0;
    std::map<Goal, bool> told;
    std::fprintf(stderr,
                 "interleave-lab: you are the scheduler. Type an actor's number to let it take "
                 "its next step; f runs freely from here, q stops.\n");
    while (!interrupted && !sup.finished()) {
        if (!scheduler.waitQuiescent(std::chrono::milliseconds(200))) continue;
        // The reader may not have every event of the last step yet: goals read them.
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        for (auto g : kGoals) {
            if (told[g]) continue;
            if (const auto reached = findGoal(sup.store(), g)) {
                told[g] = true;
                std::fprintf(stderr, "  ** goal %s reached in %zu steps: %s\n",
                             std::string(goalName(g)).c_str(), reached->steps,
                             reached->how.c_str());
            }
        }
        std::fprintf(stderr, "step %zu:\n", granted + 1);
        const auto choosable = printTurns(scheduler, sup.store());
        if (choosable.empty()) {
            if (sup.waitFinished(std::chrono::milliseconds(300))) break;
            std::fprintf(stderr, "  no actor can take a step: every one is blocked (q stops)\n");
        }
        std::fprintf(stderr, "> ");
        while (!interrupted && !sup.finished() && !waitForInput(STDIN_FILENO, 100)) {
        }
        if (interrupted || sup.finished()) break;
        std::string line;
        if (!std::getline(std::cin, line) || line == "q") {
            sup.requestStop();
            break;
        }
        if (line == "f") {
            scheduler.setMode(ScheduleMode::Free);
            std::fprintf(stderr, "interleave-lab: running freely from step %zu\n", granted + 1);
            break;
        }
        std::size_t pick = 0;
        try {
            pick = std::stoul(line);
        } catch (...) {
        }
        if (pick < 1 || pick > choosable.size()) {
            std::fprintf(stderr, "  type a number from 1 to %zu, f or q\n", choosable.size());
            continue;
        }
        if (scheduler.grant(choosable[pick - 1])) ++granted;
    }
    return granted;
}

}  // namespace interleave
