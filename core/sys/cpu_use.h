#pragma once
// CPU time used by the whole machine and by this process with its children, read together, so
// that a measurement can say how much other programs used while it ran: what they took is not
// the measurement's to use, and makes its times slower and its comparisons unfair.

#include <cstdint>
#include <optional>

namespace interleave {

struct CpuUse {
    std::int64_t wallNs = 0;     // monotonic clock
    std::int64_t machineNs = 0;  // every core's busy time, from /proc/stat (clock ticks)
    std::int64_t ownNs = 0;      // this process and its waited-for children (getrusage)
    // The program that started this one (getppid(): the window, or the command line) and
    // records and draws the run: its work is the measurement's own cost, not another program's.
    std::int64_t watcherNs = 0;
};

// Empty when /proc/stat cannot be read.
std::optional<CpuUse> readCpuUse();

// The CPU time the rest of the machine used between two readings, in ns (never below 0: the
// two clocks count differently, and a short span may show a few ticks more of our own).
std::int64_t otherProgramsNs(const CpuUse& from, const CpuUse& to);

}  // namespace interleave
