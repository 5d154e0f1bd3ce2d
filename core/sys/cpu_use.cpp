#include "core/sys/cpu_use.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "core/sys/clock.h"
#include "core/sys/proc_stat.h"

namespace interleave {
namespace {

std::int64_t usageNs(int who) {
    rusage u{};
    if (getrusage(who, &u) != 0) return 0;
    auto ns = [](const timeval& t) {
        return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 +
               static_cast<std::int64_t>(t.tv_usec) * 1000;
    };
    return ns(u.ru_utime) + ns(u.ru_stime);
}

}  // namespace

std::optional<CpuUse> readCpuUse() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    // The first line sums every core: user nice system idle iowait irq softirq steal (guest
    // time is already in user). Idle and iowait are the only time a core was not busy.
    std::int64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
                 steal = 0;
    if (!(in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) ||
        cpu != "cpu")
        return std::nullopt;
    static const std::int64_t tick = std::max<long>(1, sysconf(_SC_CLK_TCK));
    CpuUse u;
    u.wallNs = monotonicNs();
    u.machineNs = (user + nice + system + irq + softirq + steal) * (1'000'000'000 / tick);
    u.ownNs = usageNs(RUSAGE_SELF) + usageNs(RUSAGE_CHILDREN);
    if (const auto parent = readProcStat(getppid()))
        u.watcherNs = static_cast<std::int64_t>(parent->utimeTicks + parent->stimeTicks) *
                      (1'000'000'000 / tick);
    return u;
}

std::int64_t otherProgramsNs(const CpuUse& from, const CpuUse& to) {
    return std::max<std::int64_t>(0, (to.machineNs - from.machineNs) - (to.ownNs - from.ownNs) -
                                         (to.watcherNs - from.watcherNs));
}

}  // namespace interleave
