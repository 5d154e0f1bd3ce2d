#pragma once
// How busy the rest of the machine was while a measurement ran (the series kOtherCpuSeries,
// see event.h), and whether that makes the measured times unreliable: a measurement compares
// times taken on cores it had to share, and two cores shared with a compiler make a thread
// look slower than a fork, or processes no faster than one worker.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/channel/event_store.h"

namespace interleave {

// A chosen line, not a law: other programs using more than a quarter of one core on average
// while the measurement ran. A measurement's partners need each core at the moment they wake;
// on a machine of two cores, a quarter of one taken by others is already often enough to delay
// them. A few percent (a desktop at rest, the window that follows the run) is normal.
inline constexpr double kBusyCores = 0.25;

struct OtherCpu {
    std::int64_t otherNs = 0;  // CPU time other programs used while the measurement ran
    std::int64_t wallNs = 0;   // how long it ran
    // On average, how many cores' worth other programs used (0.5: half of one core).
    double cores() const { return wallNs > 0 ? static_cast<double>(otherNs) / wallNs : 0; }
    bool unreliable() const { return cores() > kBusyCores; }
};

// Whether a series is the busy-machine record rather than measured times.
inline bool isOtherCpuSeries(std::string_view name) {
    return name == kOtherCpuSeries;
}

// Summed over the run's records (one for each measurement); empty when the run made none.
std::optional<OtherCpu> otherProgramsCpu(const EventStore& store);

// One plain sentence: how much other programs used, and, when that is too much, that the times
// are not to be trusted and why.
std::string otherCpuText(const OtherCpu& o);

}  // namespace interleave
