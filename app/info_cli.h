#pragma once
// `interleave-lab info FILE.ilt [--measure M ...]`: what a saved run holds, or only the
// measures asked for, one per line (for scripts, and for checking a lesson's answers).

#include <string>
#include <vector>

namespace interleave {

// 0 when all went well; 2 for a file that is no readable trace; 1 when a measure failed.
int infoCommand(const std::string& path, const std::vector<std::string>& measures);

}  // namespace interleave
