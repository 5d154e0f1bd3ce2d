#include "core/sys/cpu_affinity.h"

#include <pthread.h>
#include <sched.h>

namespace interleave {
namespace {
cpu_set_t processCpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) CPU_SET(0, &set);
    return set;
}
// The process's set as it was at start, before any thread of it was pinned.
const cpu_set_t& allowed() {
    static const cpu_set_t set = processCpus();
    return set;
}
}  // namespace

int usableCpuCount() {
    return CPU_COUNT(&allowed());
}

int usableCpu(int n) {
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &allowed()) && n-- == 0) return cpu;
    return -1;
}

bool pinThisThreadTo(int cpu) {
    if (cpu < 0) return false;
    allowed();  // remember the unpinned set first
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
}

void unpinThisThread() {
    pthread_setaffinity_np(pthread_self(), sizeof(cpu_set_t), &allowed());
}

}  // namespace interleave
