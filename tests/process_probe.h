#pragma once
// Looks at the processes of this machine through /proc: what the reliability tests use to prove
// that nothing of a run is left behind.

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "core/sys/proc_stat.h"

namespace interleave::test {

using interleave::ProcStat;

inline bool readStat(pid_t pid, ProcStat& out) {
    const auto st = readProcStat(pid);
    if (st) out = *st;
    return st.has_value();
}

// Calls visit(pid, stat) for every process of the machine that can still be read.
template <class Visit>
void forEachProcess(Visit&& visit) {
    DIR* d = opendir("/proc");
    if (!d) return;
    while (auto* e = readdir(d)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        ProcStat st;
        if (pid > 0 && readStat(pid, st)) visit(pid, st);
    }
    closedir(d);
}

// Processes whose process group is `pgid`; zombies too unless `liveOnly`.
inline std::set<pid_t> groupMembers(pid_t pgid, bool liveOnly = false) {
    std::set<pid_t> out;
    forEachProcess([&](pid_t pid, const ProcStat& st) {
        if (st.pgid == pgid && !(liveOnly && st.state == 'Z')) out.insert(pid);
    });
    return out;
}

// Children of this process, zombies included.
inline std::set<pid_t> childrenOfSelf() {
    std::set<pid_t> out;
    const pid_t self = getpid();
    forEachProcess([&](pid_t pid, const ProcStat& st) {
        if (st.ppid == self) out.insert(pid);
    });
    return out;
}

// Live (not zombie) processes whose environment holds `marker` ("NAME=value"): finds every
// descendant of a run, even one re-parented to init, which process groups and parents cannot.
inline std::set<pid_t> liveProcessesWithEnv(const std::string& marker) {
    std::set<pid_t> out;
    forEachProcess([&](pid_t pid, const ProcStat& st) {
        if (st.state == 'Z') return;
        std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
        std::string entry;
        while (std::getline(in, entry, '\0'))
            if (entry == marker) out.insert(pid);
    });
    return out;
}

// The names in a directory, without "." and "..".
inline std::set<std::string> dirEntries(const std::string& path) {
    std::set<std::string> out;
    DIR* d = opendir(path.c_str());
    if (!d) return out;
    while (auto* e = readdir(d))
        if (std::string_view(e->d_name) != "." && std::string_view(e->d_name) != "..")
            out.insert(e->d_name);
    closedir(d);
    return out;
}

inline std::size_t openFdCount() {
    return dirEntries("/proc/self/fd").size();
}

}  // namespace interleave::test
