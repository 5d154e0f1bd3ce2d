#include "ui/timeline/lane_summary.h"

#include <algorithm>

namespace interleave::ui {

void summariseLane(const std::vector<StateSegment>& segs, const TimeAxis& axis, double minPx,
                   std::vector<LaneMark>& out, std::int64_t until) {
    if (segs.empty()) return;
    // Cut at `until` by pixels, so that marks left of it are exactly those of the whole run.
    const double right = std::min(axis.x0 + axis.width, axis.toPixel(static_cast<double>(until)));
    const double endNs = std::min(axis.t1, static_cast<double>(until));
    // First segment that ends after the left edge.
    auto it = std::partition_point(segs.begin(), segs.end(),
                                   [&](const StateSegment& s) { return s.end <= axis.t0; });
    const double minNs = minPx * axis.nsPerPixel();
    while (it != segs.end() && static_cast<double>(it->begin) < endNs) {
        if (it->state == ActorState::Exited) {
            ++it;
            continue;
        }
        const double x0 = std::max(axis.toPixel(static_cast<double>(it->begin)), axis.x0);
        if (static_cast<double>(it->end - it->begin) >= minNs) {
            const double x1 = std::min(axis.toPixel(static_cast<double>(it->end)), right);
            out.push_back({x0, x1, it->state, 1, it->object});
            ++it;
            continue;
        }
        // Fold everything that starts within the next minPx pixels into one mark. Jump there by
        // binary search instead of walking: with a million tiny segments this is what keeps a
        // replot within a frame.
        const double foldEndNs = std::min(static_cast<double>(it->begin) + minNs, endNs);
        auto next = std::partition_point(it, segs.end(), [&](const StateSegment& s) {
            return static_cast<double>(s.begin) < foldEndNs;
        });
        // Segments do not overlap, so only the last of these can be wide (it starts inside the
        // window and ends past it); a wide segment is drawn on its own, never folded away.
        if (const auto tail = std::prev(next);
            tail != it && static_cast<double>(tail->end - tail->begin) >= minNs)
            next = tail;
        const auto last = std::prev(next);
        const double x1 = std::min(axis.toPixel(static_cast<double>(last->end)), right);
        out.push_back({x0, std::max(x1, x0 + 1.0), it->state, static_cast<std::uint32_t>(next - it),
                       it->object});
        it = next;
    }
}

}  // namespace interleave::ui
