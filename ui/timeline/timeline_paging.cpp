// The timeline following "now": the page that holds still while "now" crosses it, doubles
// while the run is young and turns at the right edge; skipping a long pause's veil, so that a
// step after it shows the run's time around the step, not a page of veil.

#include <qcustomplot.h>
#include <QTimer>
#include <algorithm>
#include <cmath>

#include "ui/base/time_ticker.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_view.h"

namespace interleave::ui {

double TimelineView::veiledMs(double fromMs, double toMs) const {
    const double nowMs = static_cast<double>(m_now) / 1e6;
    double veiled = 0;
    for (const auto& [begin, end] : m_pauses) {
        const double b = static_cast<double>(begin) / 1e6;
        const double e = end < 0 ? std::max(b, nowMs) : static_cast<double>(end) / 1e6;
        veiled += std::max(0.0, std::min(e, toMs) - std::max(b, fromMs));
    }
    return veiled;
}

double TimelineView::pageStart(double nowMs, double size) const {
    double lower = std::max(0.0, nowMs - size * kPageKeep);
    // A pause that veils most of the part kept in view would turn the page to veil: the page
    // starts where the run went on after it instead, with a sliver of the veil to show it.
    for (const auto& [begin, end] : m_pauses) {
        if (end < 0) continue;  // the open one is at "now", right of what is kept
        const double b = static_cast<double>(begin) / 1e6;
        const double e = std::min(static_cast<double>(end) / 1e6, nowMs);
        if (e <= lower || b >= nowMs) continue;
        if (e - std::max(b, lower) > (nowMs - lower) / 2)
            lower = std::max(lower, e - size * kPauseSliver);
    }
    return lower;
}

bool TimelineView::followNow(double nowMs) {
    const auto range = m_plot->xAxis->range();
    const bool pastEdge = nowMs > range.upper - range.size() * 0.005;
    if (!pastEdge && nowMs >= range.lower) return false;
    QCPRange next;
    // A young run keeps its start in view (message-queue's and fifo's lessons point at their
    // first moments): the page doubles rather than turns, up to kGrowLiveMs, as long as "now"
    // then fits and the page is not mostly a pause's veil.
    const double doubled = range.size() * 2;
    if (pastEdge && range.lower <= 0 && doubled <= kGrowLiveMs && nowMs <= doubled * (1 - 0.005) &&
        veiledMs(0, nowMs) <= nowMs / 2) {
        next = QCPRange(0, doubled);
    } else {
        // Keep the width the viewer chose; the last quarter of what was seen stays on the left.
        const double lower = pageStart(nowMs, range.size());
        next = QCPRange(lower, lower + range.size());
    }
    m_plot->setProperty("programmatic", true);
    m_plot->xAxis->setRange(next);
    m_plot->setProperty("programmatic", false);
    requestReplot();
    return true;
}

void TimelineView::setNow(std::int64_t ns) {
    if (ns == m_now) return;  // paused, or a finished run: nothing moved
    m_now = ns;
    if (m_follow && m_cursor->live() && followNow(static_cast<double>(ns) / 1e6)) return;
    if (!liveLanesDue(ns)) {
        // The next tick comes sooner than this; if none comes (the run ended), this draws.
        m_refreshFallback->start();
        return;
    }
    refreshLanes();  // the tick that moved "now" also takes new events along
}

bool TimelineView::liveLanesDue(std::int64_t ns) const {
    if (m_unfolding || !m_cursor->live() || m_lanesNow < 0 || !m_lanesClock.isValid()) return true;
    const auto column = [this](std::int64_t t) {
        return std::floor(m_plot->xAxis->coordToPixel(static_cast<double>(t) / 1e6));
    };
    return column(ns) != column(m_lanesNow) && m_lanesClock.elapsed() >= kLiveLanesMs;
}

void TimelineView::fitAll(bool exact) {
    m_plot->setProperty("programmatic", true);
    const double endMs = static_cast<double>(std::max(m_now, m_model->lastNs())) / 1e6;
    // Room right of the end for the widest mark drawn there: a cut-off's cross reaches up to
    // half a lane, a signal's name a little more.
    const auto& lanes = m_canvas->laneLayout();
    const double reach = std::max(12.0, std::min(lanes.laneH / 2, lanes.markerReach() * 1.6) + 6);
    const double span =
        TimeAxis::fittedSpan(endMs, std::max(1, m_plot->axisRect()->width()), reach);
    m_plot->xAxis->setRange(0, exact ? std::max(span, 1.0) : std::max(span, kLiveWindowMs));
    m_plot->setProperty("programmatic", false);
    m_follow = !exact;  // an ended run is shown whole: no page turns under the viewer
    m_fitted = exact;
    m_fittedFor = {lanes.laneH, lanes.width};
    requestReplot();
}

void TimelineView::setPauses(const std::vector<std::pair<std::int64_t, std::int64_t>>& pauses,
                             std::int64_t heldSince) {
    m_pauses = pauses;
    m_canvas->setNow(m_now);
    m_canvas->setPauses(pauses);
    if (heldSince == m_heldSince) return;
    m_heldSince = heldSince;
    m_canvas->setHeldSince(heldSince);
    scheduleRefresh();  // the lanes end at the pause, or reach "now" again
}

void TimelineView::startLive() {
    m_now = 0;
    m_cursor->setLive(true);
    m_plot->setProperty("programmatic", true);
    m_plot->xAxis->setRange(0, kLiveWindowMs);
    m_plot->setProperty("programmatic", false);
    m_follow = true;
    m_fitted = false;
    requestReplot();
}

}  // namespace interleave::ui
