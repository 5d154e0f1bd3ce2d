#include "core/supervise/order_explorer.h"

#include <algorithm>
#include <cstdint>
#include <thread>
#include <tuple>

#include "core/analysis/run_measures.h"
#include "core/supervise/scheduler.h"

namespace interleave {
namespace {

// The actors that can take a step now, named across runs, in actor order.
std::vector<std::pair<std::uint32_t, ScheduledActor>> choosable(const Scheduler& scheduler) {
    std::vector<std::pair<std::uint32_t, ScheduledActor>> out;
    std::map<std::string, int> seen;  // per name: how many of that name came before
    for (const auto& t : scheduler.turns()) {
        if (t.name.empty()) continue;
        const int nth = seen[t.name]++;
        if (t.state == TurnState::AtCheckpoint) out.push_back({t.actor, {t.name, nth}});
    }
    // Setup and teardown are not choices: main goes first whenever it can.
    std::stable_partition(out.begin(), out.end(),
                          [](const auto& c) { return c.second.name == "main"; });
    return out;
}

bool lessActor(const ScheduledActor& a, const ScheduledActor& b) {
    return std::tie(a.name, a.nth) < std::tie(b.name, b.nth);
}

std::string outcomeOf(const EventStore& store, bool deadlocked) {
    if (deadlocked) return "deadlock";
    std::string error;
    if (const auto value = measureRun(store, "final_value", error))
        return "final value " + std::to_string(static_cast<long long>(*value));
    return "finished";
}

}  // namespace

double interleavings(const std::vector<std::size_t>& stepsPerActor) {
    // Built up one step at a time, (n choose k) as a running product: no factorial overflows.
    double ways = 1;
    std::size_t placed = 0;
    for (const auto n : stepsPerActor)
        for (std::size_t k = 1; k <= n; ++k)
            ways = ways * static_cast<double>(++placed) / static_cast<double>(k);
    return ways;
}

OrderExplorer::OrderExplorer(RunOptions base, std::size_t maxOrders)
    : m_base(std::move(base)), m_max(maxOrders) {
    m_base.schedule = ScheduleMode::Manual;
}

OrderExplorer::Walk OrderExplorer::runOnce(const std::vector<ScheduledActor>& prefix,
                                           const std::function<bool()>& stop) const {
    Walk walk;
    Supervisor sup(m_base);
    sup.start();
    const Scheduler scheduler(sup.channel());
    bool deadlocked = false, cut = false;
    // How long a prefix's actor may take to reach its checkpoint before the replay gives up.
    constexpr auto kLate = std::chrono::seconds(2);
    std::size_t lateSince = SIZE_MAX;
    std::chrono::steady_clock::time_point lateUntil{};
    while (!sup.finished() && !(stop && stop())) {
        if (walk.steps.size() >= kMaxSteps) {
            cut = true;
            break;
        }
        if (!scheduler.waitQuiescent(kStepTimeout)) {
            walk.error = "step " + std::to_string(walk.steps.size() + 1) + " did not settle";
            break;
        }
        auto now = choosable(scheduler);
        if (now.empty()) {
            // Everyone blocked or ended: the run ends by itself, someone is still waking (a
            // join whose thread has said it ended but is still leaving the kernel: slow under
            // a sanitizer on a loaded machine), or nobody can ever move again. Only the last,
            // held for kStillForDeadlock, is a deadlock.
            const auto until = std::chrono::steady_clock::now() + kStillForDeadlock;
            bool moved = false;
            while (!moved && std::chrono::steady_clock::now() < until && !(stop && stop())) {
                if (sup.waitFinished(std::chrono::milliseconds(20))) break;
                moved = !choosable(scheduler).empty();
            }
            if (sup.finished() || moved) continue;
            deadlocked = !(stop && stop());
            break;
        }
        const std::size_t k = walk.steps.size();
        auto pick = now.begin();  // past the prefix: the first that can go, main first
        if (k < prefix.size()) {
            pick = std::find_if(now.begin(), now.end(),
                                [&](const auto& c) { return c.second == prefix[k]; });
            if (pick == now.end()) {
                // It may still be on its way to its checkpoint: a thread blocked in the kernel
                // (main in a join, a waiter on a lock just released) reads as blocked until it
                // wakes, which the run this prefix came from saw sooner. Look again for a while.
                if (lateSince != k)
                    lateSince = k, lateUntil = std::chrono::steady_clock::now() + kLate;
                if (std::chrono::steady_clock::now() < lateUntil) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    continue;
                }
                walk.error = "step " + std::to_string(k + 1) + ": " +
                             scheduledActorText(prefix[k]) + " could not go";
                break;
            }
        }
        std::vector<ScheduledActor> others;
        // Main's steps are not choices; among the workers, each other one is an order to run.
        if (pick->second.name != "main")
            for (const auto& c : now)
                if (c.second != pick->second && c.second.name != "main") others.push_back(c.second);
        if (!scheduler.grant(pick->first)) continue;  // it moved on meanwhile: look again
        walk.steps.push_back(pick->second);
        walk.alternatives.push_back(std::move(others));
    }
    if (!sup.finished()) {
        sup.requestStop();
        scheduler.setMode(ScheduleMode::Free);  // let every waiting actor see the stop
        sup.waitFinished(std::chrono::seconds(3));
    }
    sup.stop();
    walk.outcome = cut ? "still going after " + std::to_string(kMaxSteps) + " steps"
                       : outcomeOf(sup.store(), deadlocked);
    if (m_judge) walk.outcome = m_judge(sup.store(), walk.outcome);
    return walk;
}

OrderExploration OrderExplorer::explore(const Progress& progress,
                                        const std::function<bool()>& stop) {
    OrderExploration result;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::vector<ScheduledActor>> todo = {{}};  // prefixes still to run
    while (!todo.empty() && result.orders.size() < m_max && !(stop && stop())) {
        const auto prefix = std::move(todo.back());
        todo.pop_back();
        auto walk = runOnce(prefix, stop);
        if (stop && stop()) break;  // the order cut short by the stop is not counted
        if (!walk.error.empty()) {
            result.error = walk.error;
            break;
        }
        // Every choice past the prefix that this run did not take starts an order of its own
        // (deepest last, so the walk goes depth first and `todo` stays small).
        for (std::size_t k = prefix.size(); k < walk.steps.size(); ++k)
            for (const auto& other : walk.alternatives[k]) {
                auto next = std::vector<ScheduledActor>(walk.steps.begin(),
                                                        walk.steps.begin() + std::ptrdiff_t(k));
                next.push_back(other);
                todo.push_back(std::move(next));
            }
        if (result.orders.empty()) {
            std::map<ScheduledActor, std::size_t, decltype(&lessActor)> perActor(&lessActor);
            for (const auto& step : walk.steps)
                if (step.name != "main") ++perActor[step];
            std::vector<std::size_t> counts;
            for (const auto& [actor, n] : perActor)
                counts.push_back(n);
            result.atMost = interleavings(counts);
        }
        ++result.outcomes[walk.outcome];
        result.orders.push_back({std::move(walk.steps), std::move(walk.outcome)});
        if (progress)
            progress(result.orders.size(), result.orders.size() + todo.size(), result.atMost);
    }
    result.complete = todo.empty() && result.error.empty();
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace interleave
