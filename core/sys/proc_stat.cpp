#include "core/sys/proc_stat.h"

#include <fstream>
#include <sstream>
#include <string>

namespace interleave {

std::optional<ProcStat> readProcStat(pid_t pid) {
    std::ifstream in(pid == 0 ? std::string("/proc/self/stat")
                              : "/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return std::nullopt;
    const auto close = text.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream rest(text.substr(close + 1));
    ProcStat st;
    std::string skip;
    // Fields 3 (state), 4 (ppid), 5 (pgrp); 14 utime, 15 stime; 22 starttime.
    rest >> st.state >> st.ppid >> st.pgid;
    for (int field = 6; field < 14; ++field)
        rest >> skip;
    rest >> st.utimeTicks >> st.stimeTicks;
    for (int field = 16; field < 22; ++field)
        rest >> skip;
    rest >> st.startTicks;
    if (!rest) return std::nullopt;
    return st;
}

}  // namespace interleave
