// The timeline's rows: one per lane not folded away, as many on screen as fit at a readable
// height (the others a scroll away), and a process's threads folded into its first lane.

#include <qcustomplot.h>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_view.h"

namespace interleave::ui {

void TimelineView::setAllCollapsed(bool collapsed) {
    m_collapseAll = collapsed;
    m_collapsed = collapsed ? m_seenPids : std::set<int>{};
    rebuildLaneLabels();
    m_canvas->invalidate();
    requestReplot();
}

bool TimelineView::firstOfProcess(std::size_t lane) const {
    const auto& lanes = m_model->lanes();
    return lane < lanes.size() && (lane == 0 || lanes[lane - 1].pid != lanes[lane].pid);
}

int TimelineView::foldableThreads(std::size_t lane) const {
    if (!firstOfProcess(lane)) return 0;
    const auto& lanes = m_model->lanes();
    const int pid = lanes[lane].pid;
    return static_cast<int>(std::count_if(lanes.begin(), lanes.end(),
                                          [pid](const Lane& o) { return o.pid == pid; })) -
           1;
}

void TimelineView::rebuildRows() {
    const auto& lanes = m_model->lanes();
    for (const auto& l : lanes)
        if (m_seenPids.insert(l.pid).second && m_collapseAll) m_collapsed.insert(l.pid);
    m_laneOfRow.clear();
    m_rowOfLane.assign(lanes.size(), -1);
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        // A folded process keeps its first lane (its main thread: lanes come grouped, main first).
        if (!firstOfProcess(i) && m_collapsed.count(lanes[i].pid)) continue;
        m_rowOfLane[i] = static_cast<int>(m_laneOfRow.size());
        m_laneOfRow.push_back(static_cast<int>(i));
    }
}

void TimelineView::rebuildLaneLabels() {
    rebuildRows();
    auto ticker = qSharedPointerCast<QCPAxisTickerText>(m_plot->yAxis->ticker());
    ticker->clear();
    const auto& lanes = m_model->lanes();
    for (std::size_t row = 0; row < m_laneOfRow.size(); ++row) {
        const auto i = static_cast<std::size_t>(m_laneOfRow[row]);
        const auto& l = lanes[i];
        QString name = l.name;
        // The first lane of a process with threads says it can fold them (a click on it).
        if (const int threads = foldableThreads(i); threads > 0)
            name = m_collapsed.count(l.pid)
                       ? tr("▸ %1 (+%n thread(s))", nullptr, threads).arg(l.name)
                       : QStringLiteral("▾ ") + l.name;
        ticker->addTick(
            static_cast<double>(row),
            m_labelMode == LabelMode::TwoLines
                ? QStringLiteral("%1\npid %2 · tid %3").arg(name).arg(l.pid).arg(l.tid)
            : m_labelMode == LabelMode::NameOnly
                ? name
                : QStringLiteral("%1  ·  pid %2 tid %3").arg(name).arg(l.pid).arg(l.tid));
    }
    applyRowRange();
}

void TimelineView::applyRowRange() {
    const int rows = rowCount();
    const int shown =
        m_rowsShown > 0 ? std::min(m_rowsShown, std::max(rows, 1)) : std::max(rows, 1);
    m_firstRow = std::clamp(m_firstRow, 0, std::max(0, rows - shown));
    m_plot->yAxis->setRange(m_firstRow - 0.5, m_firstRow + shown - 0.5);
    const QSignalBlocker quiet(m_laneScroll);
    m_laneScroll->setRange(0, std::max(0, rows - shown));
    m_laneScroll->setPageStep(shown);
    m_laneScroll->setValue(m_firstRow);
    m_laneScroll->setVisible(rows > shown);
}

void TimelineView::scrollToRow(int row) {
    if (row == m_firstRow) return;
    m_firstRow = row;
    applyRowRange();
    requestReplot();
}

int TimelineView::laneOfRow(int row) const {
    return row >= 0 && row < rowCount() ? m_laneOfRow[static_cast<std::size_t>(row)] : -1;
}

int TimelineView::rowAt(int y) const {
    const double row = std::round(m_plot->yAxis->pixelToCoord(y));
    const auto range = m_plot->yAxis->range();
    if (row < range.lower || row > range.upper || row < 0 || row >= rowCount()) return -1;
    return static_cast<int>(row);
}

double TimelineView::minLanePitch() const {
    // A name and a little air above and below: readable from the back of a room.
    return 1.6 * QFontMetricsF(m_laneFont).height();
}

void TimelineView::setProcessCollapsed(int pid, bool collapsed) {
    if (collapsed == processCollapsed(pid)) return;
    if (collapsed)
        m_collapsed.insert(pid);
    else
        m_collapsed.erase(pid);
    rebuildLaneLabels();
    m_canvas->invalidate();
    requestReplot();
}

}  // namespace interleave::ui
