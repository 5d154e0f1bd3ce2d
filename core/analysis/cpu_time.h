#pragma once
// Each actor's CPU time as its last cpu_time event reported it (the threads read it from /proc
// themselves, a few times a second and once more as they end).

#include <cstdint>
#include <map>

#include "core/channel/event_store.h"

namespace interleave {

// actor -> ns on a CPU; actors that never reported are absent.
std::map<std::uint32_t, std::int64_t> lastCpuTimes(const EventStore& store);

}  // namespace interleave
