#include "core/analysis/cpu_time.h"

namespace interleave {

std::map<std::uint32_t, std::int64_t> lastCpuTimes(const EventStore& store) {
    std::map<std::uint32_t, std::int64_t> cpu;
    // An actor's own events are stored in time order, so the last one seen is the latest.
    for (std::size_t i = 0; i < store.size(); ++i)
        if (store.kind(i) == EventKind::CpuTime) cpu[store.actorOf(i)] = store.row(i).a;
    return cpu;
}

}  // namespace interleave
