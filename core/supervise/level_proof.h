#pragma once
// Running every order of a small run's steps and judging each by a goal (OrderExplorer, its
// outcome named by the goal): a level's fix is proven when every order was run and none reached
// the goal; its broken version is shown breakable when at least one did. Takes the scenario
// and parameters rather than a Level (core/lesson/levels.h), which sits in a layer above.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/analysis/goals.h"
#include "core/supervise/order_explorer.h"

namespace interleave {

struct GoalExploration {
    OrderExploration orders;   // every order's steps and outcome, and the outcome table
    std::size_t reaching = 0;  // orders that reached the goal
    bool noneReach() const { return orders.complete && reaching == 0; }  // proven unreachable
};

// `labPath`: the interleave-lab executable (siblingLabPath()). Bounded by `maxOrders`.
GoalExploration exploreGoal(const std::string& scenario, const std::vector<std::string>& params,
                            Goal goal, const std::string& labPath, std::size_t maxOrders,
                            const OrderExplorer::Progress& progress = {},
                            const std::function<bool()>& stop = {});

// An order's outcome as judged by a goal: "<goal> (<outcome>)" when the events show the goal
// reached, else the outcome as it was.
std::string goalOutcome(Goal goal, const EventStore& store, const std::string& outcome);
bool outcomeReaches(Goal goal, const std::string& outcome);

}  // namespace interleave
