#include "core/sys/proc_stat.h"

#include <cstring>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
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

char readThreadState(pid_t pid, pid_t tid) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/task/%d/stat", static_cast<int>(pid),
                  static_cast<int>(tid));
    FILE* f = std::fopen(path, "re");
    if (!f) return 0;
    char buf[512];
    const auto n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* close = std::strrchr(buf, ')');
    return close && close[1] == ' ' ? close[2] : 0;
}

std::optional<ThreadCpu> readThreadCpu() {
    // stdio, not a stream: this runs in traced threads a few times a second, and a stream's
    // locale machinery costs more than the read.
    if (FILE* f = std::fopen("/proc/thread-self/schedstat", "re")) {
        unsigned long long onCpuNs = 0;
        const bool ok = std::fscanf(f, "%llu", &onCpuNs) == 1;
        std::fclose(f);
        if (ok) return ThreadCpu{static_cast<std::int64_t>(onCpuNs), false};
    }
    std::ifstream in("/proc/thread-self/stat");
    std::string text;
    if (!std::getline(in, text)) return std::nullopt;
    const auto close = text.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream rest(text.substr(close + 1));
    std::string skip;
    for (int field = 3; field < 14; ++field)
        rest >> skip;
    std::uint64_t utime = 0, stime = 0;
    rest >> utime >> stime;
    const long hz = sysconf(_SC_CLK_TCK);
    if (!rest || hz <= 0) return std::nullopt;
    return ThreadCpu{static_cast<std::int64_t>((utime + stime) * (1'000'000'000 / hz)), true};
}

std::optional<MappingPages> readMappingPages(const void* start) {
    std::ifstream smaps("/proc/self/smaps");
    const auto want = reinterpret_cast<std::uintptr_t>(start);
    std::string line;
    bool inside = false;
    MappingPages pages;
    while (std::getline(smaps, line)) {
        // A mapping's block starts with "start-end perms offset dev inode [path]".
        const auto dash = line.find('-');
        const bool header = dash != std::string::npos && dash > 0 &&
                            line.find_first_not_of("0123456789abcdef") == dash;
        if (header) {
            if (inside) return pages;
            inside = std::stoull(line.substr(0, dash), nullptr, 16) == want;
            continue;
        }
        if (!inside) continue;
        std::istringstream fields(line);
        std::string key;
        std::int64_t kib = 0;
        fields >> key >> kib;
        if (key == "Shared_Clean:" || key == "Shared_Dirty:") pages.sharedKiB += kib;
        if (key == "Private_Clean:" || key == "Private_Dirty:") pages.privateKiB += kib;
    }
    if (inside) return pages;
    return std::nullopt;
}

std::optional<MappingPages> readProcessPages(pid_t pid) {
    std::ifstream rollup(pid == 0 ? std::string("/proc/self/smaps_rollup")
                                  : "/proc/" + std::to_string(pid) + "/smaps_rollup");
    std::string line;
    bool any = false;
    MappingPages pages;
    while (std::getline(rollup, line)) {
        std::istringstream fields(line);
        std::string key;
        std::int64_t kib = 0;
        fields >> key >> kib;
        if (key == "Shared_Clean:" || key == "Shared_Dirty:") pages.sharedKiB += kib;
        if (key == "Private_Clean:" || key == "Private_Dirty:") pages.privateKiB += kib;
        any = any || key == "Rss:";
    }
    if (!any) return std::nullopt;
    return pages;
}

}  // namespace interleave
