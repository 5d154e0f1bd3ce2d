#pragma once
// Levels: "break it, then fix it". Each level is a scenario at parameters small enough for every
// order of its steps to be run (two threads, a few steps each), a goal the student reaches by
// scheduling the run by hand ("break it"), and a fix among the scenario's own choices ("fix it":
// a variant or a parameter) under which no order reaches the goal any more. The list is ordered
// as a course following the seeds' claims (see SCENARIOS.md). Qt-free: the window's level list
// and `interleave-lab levels` read the same list.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/goals.h"

namespace interleave {

struct Level {
    std::string id;        // "lose-an-update": the command line's and the progress file's name
    std::string title;     // "Lose an update"
    std::string claim;     // the seeds' claim it shows ("C10")
    std::string scenario;  // "race-condition"
    std::vector<std::string> params;  // "name=value": the broken version, small
    Goal goal;                        // what "break it" must reach
    std::string fixParam;             // the choice the student changes ("variant")
    std::string fixValue;             // the value that fixes it ("mutex")
    std::string why;                  // one sentence: why the fix works
};

// Every level, in course order.
const std::vector<Level>& allLevels();
const Level* findLevel(std::string_view id);

// The broken version's parameters, and the fixed one's: the same with the fix's choice set.
std::vector<std::string> brokenParams(const Level& level);
std::vector<std::string> fixedParams(const Level& level);
// "variant=mutex"
std::string fixText(const Level& level);

}  // namespace interleave
