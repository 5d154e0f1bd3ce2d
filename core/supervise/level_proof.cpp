#include "core/supervise/level_proof.h"

namespace interleave {

std::string goalOutcome(Goal goal, const EventStore& store, const std::string& outcome) {
    if (!findGoal(store, goal)) return outcome;
    return std::string(goalName(goal)) + " (" + outcome + ")";
}

bool outcomeReaches(Goal goal, const std::string& outcome) {
    return outcome.rfind(std::string(goalName(goal)) + " (", 0) == 0;
}

GoalExploration exploreGoal(const std::string& scenario, const std::vector<std::string>& params,
                            Goal goal, const std::string& labPath, std::size_t maxOrders,
                            const OrderExplorer::Progress& progress,
                            const std::function<bool()>& stop) {
    RunOptions options;
    options.labPath = labPath;
    options.scenario = scenario;
    options.assignments = params;
    OrderExplorer explorer(std::move(options), maxOrders);
    explorer.setJudge([goal](const EventStore& store, const std::string& outcome) {
        return goalOutcome(goal, store, outcome);
    });
    GoalExploration out;
    // A replay that could not follow its prefix ("main could not go": main's own steps are not
    // choices, and under load it is sometimes not yet at its checkpoint) fails the whole walk;
    // it is a fault of the walk, not an outcome, so the walk is tried again, twice at most.
    for (int attempt = 0; attempt < 3; ++attempt) {
        out.orders = explorer.explore(progress, stop);
        if (out.orders.error.empty() || (stop && stop())) break;
    }
    for (const auto& [outcome, count] : out.orders.outcomes)
        if (outcomeReaches(goal, outcome)) out.reaching += count;
    return out;
}

}  // namespace interleave
