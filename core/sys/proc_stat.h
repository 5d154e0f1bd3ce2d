#pragma once
// /proc/PID/stat, parsed once here: the command name may hold spaces and parentheses, so the
// fields are read after its last ')'.

#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace interleave {

struct ProcStat {
    char state = '?';  // R, S, D, Z, ...
    pid_t ppid = -1;
    pid_t pgid = -1;
    std::uint64_t utimeTicks = 0;  // clock ticks (sysconf(_SC_CLK_TCK) per second)
    std::uint64_t stimeTicks = 0;
    std::uint64_t startTicks = 0;  // since boot
};

// pid 0 means this process. Empty when the process is gone or the file cannot be read.
std::optional<ProcStat> readProcStat(pid_t pid);

// One thread's state letter (R running, S sleeping, D in uninterruptible sleep, Z, ...), from
// /proc/PID/task/TID/stat; 0 when the thread is gone.
char readThreadState(pid_t pid, pid_t tid);

// The calling thread's CPU time so far. From /proc/thread-self/schedstat, in ns, when the kernel
// keeps scheduler statistics; else from /proc/thread-self/stat (user + system, in clock ticks,
// 10 ms each here), with `coarse` set. Empty when neither can be read.
struct ThreadCpu {
    std::int64_t ns = 0;
    bool coarse = false;
};
std::optional<ThreadCpu> readThreadCpu();

// How much of the mapping that starts at `start` is resident, and whether each resident page
// is still shared with another process (after fork(), until either writes it: copy on write)
// or this process's own, in KiB, from /proc/self/smaps. Empty when no mapping starts there.
struct MappingPages {
    std::int64_t sharedKiB = 0;   // Shared_Clean + Shared_Dirty
    std::int64_t privateKiB = 0;  // Private_Clean + Private_Dirty
};
std::optional<MappingPages> readMappingPages(const void* start);

// The same for a whole process (pid 0: this one), every mapping summed, from
// /proc/PID/smaps_rollup. Empty when the process is gone or the file cannot be read.
std::optional<MappingPages> readProcessPages(pid_t pid);

}  // namespace interleave
