#pragma once
// Level of detail for the timeline: turns a lane's state segments into what can be seen at the
// current zoom. Anything narrower than a few pixels is folded into one mark with a count, and
// runs of tiny segments are skipped by binary search, so the cost follows pixels, not events.

#include <cstdint>
#include <limits>
#include <vector>

#include "core/analysis/actor_states.h"
#include "ui/base/time_axis.h"

namespace interleave::ui {

struct LaneMark {
    double x0;
    double x1;
    ActorState state;     // of the segment, or of the first folded one
    std::uint32_t count;  // segments folded into this mark (1 = a plain segment)
    std::uint32_t object;
};

// `segments` are sorted by begin and do not overlap. Appends to `out`. Only what happened before
// `until` is summarised, cut there: a replay that unfolds draws no state of its future.
void summariseLane(const std::vector<StateSegment>& segments, const TimeAxis& axis, double minPx,
                   std::vector<LaneMark>& out,
                   std::int64_t until = std::numeric_limits<std::int64_t>::max());

}  // namespace interleave::ui
