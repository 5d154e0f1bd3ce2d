#pragma once
#include <string>
#include <vector>

namespace interleave {

// The body of `interleave-lab __engine --fd N --parent PID SCENARIO [--set k=v]...`: the process
// a Supervisor spawns for one run. Starts single-threaded, so scenarios may fork.
int runLabEngine(const std::vector<std::string>& args);

}  // namespace interleave
