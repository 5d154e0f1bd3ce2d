#pragma once
// `interleave-lab levels`: the levels ("break it, then fix it"), ticked from the progress file;
// `levels prove ID`: every order of the fixed version (or with --broken, the broken one) run on
// the real threads, and whether any reaches the level's goal; `levels check ID --schedule FILE`:
// a saved run (.ilt) that reached the goal marks the level broken.

#include <cstddef>
#include <functional>
#include <string>

namespace interleave {

struct LevelsArgs {
    std::string action;  // "", "prove" or "check"
    std::string id;
    bool broken = false;  // prove: the broken version reaches the goal in some order
    std::size_t maxOrders = 1000;
    std::string schedule;  // check: the saved run
    bool quiet = false;
};

// 0: listed, proven, or checked; 1: not proven, the run did not reach the goal, or a run failed;
// 2: a usage error (unknown level, missing file).
int levelsCommand(const LevelsArgs& args, const std::function<bool()>& stop);

}  // namespace interleave
