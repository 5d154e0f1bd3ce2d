#include "ui/timeline/timeline_view.h"

#include "ui/base/chart_support.h"

#include <qcustomplot.h>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <array>
#include <cmath>

#include "core/analysis/wait_for.h"
#include "ui/base/event_text.h"
#include "ui/base/palette.h"
#include "ui/base/picture_writer.h"
#include "ui/base/time_ticker.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/lane_painter.h"
#include "ui/timeline/state_legend.h"

namespace interleave::ui {
TimelineView::TimelineView(TimelineModel* model, TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), m_model(model), m_cursor(cursor), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_legend = new StateLegend(this);
    layout->addWidget(m_legend);
    // More lanes than fit at the minimum height scroll, with this bar or the wheel over the
    // lane names (the wheel over the lanes zooms time).
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_plot, 1);
    m_laneScroll = new QScrollBar(Qt::Vertical, this);
    m_laneScroll->setVisible(false);
    m_laneScroll->setToolTip(tr("More lanes: scroll, or turn the wheel over the lane names"));
    row->addWidget(m_laneScroll);
    layout->addLayout(row, 1);
    connect(m_laneScroll, &QScrollBar::valueChanged, this, [this](int v) { scrollToRow(v); });
    setUpPlot();
    m_canvas = new LaneCanvas(model, m_plot);
    m_canvas->setVisible(!model->lanes().empty());
    m_refreshFallback = new QTimer(this);
    m_refreshFallback->setSingleShot(true);
    m_refreshFallback->setInterval(20);  // a little longer than a frame
    connect(m_refreshFallback, &QTimer::timeout, this, &TimelineView::refreshLanes);
    // Before any run: what to do, where the lanes will be.
    m_emptyHint = new QCPItemText(m_plot);
    m_emptyHint->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyHint->position->setCoords(0.5, 0.5);
    m_emptyHint->setText(
        tr("Press Run (Ctrl+R): one lane per thread appears here, grouped by process."));
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
    applyTheme();
    rebuildLaneLabels();  // the model may hold lanes already (a replay, a benchmark)
    connectFollowers();
}

void TimelineView::setUpPlot() {
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->xAxis->setLabel(tr("time since the run started"));
    m_timeTicker = QSharedPointer<TimeTicker>(new TimeTicker);
    m_plot->xAxis->setTicker(m_timeTicker);
    m_plot->yAxis->setRangeReversed(true);  // first lane on top
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setSubTicks(false);
    m_plot->xAxis->setRange(0, 1000);
    m_laneFont = m_plot->yAxis->tickLabelFont();
}

void TimelineView::connectFollowers() {
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        // A wheel or a drag means the viewer is looking somewhere: stop scrolling under them.
        if (m_plot->property("programmatic").toBool()) return;
        m_follow = false;
        m_fitted = false;
    });
    connect(m_model, &TimelineModel::lanesChanged, this, [this] {
        rebuildLaneLabels();
        updateGeometry();
        m_emptyHint->setVisible(m_model->lanes().empty() && !m_model->store());
        m_canvas->setVisible(!m_model->lanes().empty());  // it would cover the hint
        if (m_model->lanes().empty()) {
            m_firstRow = 0;
            m_follow = true;
            m_fitted = false;
            m_reportedFirstMarks = false;
        }
        requestReplot();
    });
    connect(m_model, &TimelineModel::dataAppended, this, &TimelineView::scheduleRefresh);
    connect(m_cursor, &TimeCursor::changed, this, [this](std::int64_t t) {
        // A live cursor is at "now": it moves with the lanes, in their frame (refreshLanes),
        // not in a paint pass of its own every tick.
        if (!m_cursor->live() || m_unfolding) m_canvas->setCursorTime(t);
        // Unfolding, the picture itself follows the cursor, in the same pass (a video frame is
        // rendered straight after the cursor moves).
        if (m_unfolding) refreshLanes();
    });
    connect(m_cursor, &TimeCursor::liveChanged, this, [this] {
        if (m_unfolding) refreshLanes();
    });
    // Every replot (ours, or QCustomPlot's own after a drag or a wheel turn) may have moved the
    // axes: the canvas follows, and redraws everything if they moved.
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        m_replotQueued = false;
        syncCanvas();
        refreshLanes();
    });
    connect(m_canvas, &LaneCanvas::shownChanged, m_legend, &StateLegend::setShown);
    connect(m_canvas, &LaneCanvas::marksDrawn, this, [this](std::size_t marks) {
        if (!m_reportedFirstMarks && marks > 0) {
            m_reportedFirstMarks = true;
            emit firstMarksDrawn();
        }
    });
}

QSize TimelineView::minimumSizeHint() const {
    const int line = QFontMetrics(m_laneFont).height();
    // Lanes a line high (the labels fit them, see syncCanvas), and the axis under them.
    const int lanes = std::clamp(static_cast<int>(m_model->lanes().size()), 3, 6);
    // The legend is short once a run shows only what it uses; before one, it lists everything
    // and is counted here as three rows at most.
    const int legend = std::min(m_legend->heightForWidth(std::max(400, width())),
                                3 * (QFontMetrics(m_legend->font()).height() + 6));
    return {200, legend + lanes * line * 11 / 10 + 5 * line / 2};
}

const LanePainter* TimelineView::lanes() const {
    return &m_canvas->painter();
}

int TimelineView::pauseBandCount() const {
    return m_canvas->pauseCount();
}

void TimelineView::syncCanvas() {
    // Lanes tall enough for two lines of label get the name above the pids: the labels then
    // take half the width, which a narrow window (a projector) gives to the lanes instead.
    // Lanes lower than a line (large text, many lanes) get the name alone, in a font that
    // fits, rather than labels printed over each other.
    const double pitch = std::abs(m_plot->yAxis->coordToPixel(1) - m_plot->yAxis->coordToPixel(0));
    const double line = QFontMetricsF(m_laneFont).height();
    // One line that would take more than a third of the width (large text) gives up its pids.
    const QFontMetricsF fm(m_laneFont);
    double widest = 0;
    for (const auto& l : m_model->lanes())
        widest = std::max(widest, fm.horizontalAdvance(l.label));
    const bool oneLineFits = widest < m_plot->width() / 3.0;
    LabelMode mode = pitch >= 2.1 * line                  ? LabelMode::TwoLines
                     : pitch >= 1.1 * line && oneLineFits ? LabelMode::OneLine
                                                          : LabelMode::NameOnly;
    QFont font = m_laneFont;
    if (mode == LabelMode::NameOnly && pitch < 1.1 * line)
        font.setPointSizeF(std::max(6.0, m_laneFont.pointSizeF() * pitch * 0.9 / line));
    if (!m_model->lanes().empty() &&
        (mode != m_labelMode || font != m_plot->yAxis->tickLabelFont())) {
        m_labelMode = mode;
        m_plot->yAxis->setTickLabelFont(font);
        rebuildLaneLabels();
        requestReplot();
        return;
    }
    const QRect rect = m_plot->axisRect()->rect();
    // As many rows as fit at the minimum pitch; the others are a scroll away.
    const int fit = std::max(1, static_cast<int>(rect.height() / minLanePitch()));
    if (const int shown = std::min(fit, std::max(1, rowCount())); shown != m_rowsShown) {
        m_rowsShown = shown;
        applyRowRange();
        requestReplot();
        return;
    }
    if (m_canvas->geometry() != rect) m_canvas->setGeometry(rect);
    LaneLayout layout;
    layout.axis.t0 = m_plot->xAxis->range().lower * 1e6;
    layout.axis.t1 = m_plot->xAxis->range().upper * 1e6;
    layout.axis.x0 = 0;
    layout.axis.width = std::max(1, rect.width());
    layout.width = rect.width();
    layout.height = rect.height();
    layout.laneH = std::abs(m_plot->yAxis->coordToPixel(0.36) - m_plot->yAxis->coordToPixel(-0.36));
    layout.fontScale = m_fontScale;
    layout.tickIn = m_plot->xAxis->tickLengthIn();
    for (const double tick : m_plot->xAxis->tickVector())
        layout.gridX.push_back(m_plot->xAxis->coordToPixel(tick) - rect.left());
    for (std::size_t i = 0; i < m_model->lanes().size(); ++i) {
        const int r = i < m_rowOfLane.size() ? m_rowOfLane[i] : -1;
        layout.yMid.push_back(r < 0 ? LaneLayout::kHidden
                                    : m_plot->yAxis->coordToPixel(static_cast<double>(r)) -
                                          rect.top());
    }
    // A folded process's threads are summarised in its first lane (lanes come grouped).
    layout.foldedInto.assign(m_model->lanes().size(), -1);
    int host = -1;
    for (std::size_t i = 0; i < m_model->lanes().size(); ++i) {
        if (firstOfProcess(i)) host = static_cast<int>(i);
        if (layout.yMid[i] == LaneLayout::kHidden && host >= 0 &&
            m_collapsed.count(m_model->lanes()[i].pid))
            layout.foldedInto[i] = host;
    }
    // A fitted run stays fitted as its layout settles: the room right of its end depends on
    // the lanes' height and width, which can still change after the fit (a dock finding its
    // size, a first pass before the lanes' rows are known).
    const bool refit =
        m_fitted && (layout.laneH != m_fittedFor.laneH || layout.width != m_fittedFor.width);
    m_canvas->setLaneLayout(layout);
    if (refit) fitAll(true);
}

QString TimelineView::savePicture(const QString& path) {
    if (!isPictureName(path)) return writePicture(path, {});  // says which names it takes
    refreshLanes();  // the picture as of now, not as of the last frame
    PictureSource source;
    source.size = size();
    source.title = tr("Interleave timeline");
    // Vector shapes and text where the views draw them (the lanes' own cache is a picture).
    source.paint = [this](QPaintDevice& device) {
        QPainter painter(&device);
        render(&painter);
        return painter.end();
    };
    source.pixels = [this] { return grab().toImage(); };
    return writePicture(path, source);
}

void TimelineView::scheduleRefresh() {
    // A live run's frame tick (setNow) takes new events along; this is for events that come
    // when nothing ticks (a step while paused, the last events of a run).
    if (!m_refreshFallback->isActive()) m_refreshFallback->start();
}

void TimelineView::setUnfolding(bool on) {
    if (on == m_unfolding) return;
    m_unfolding = on;
    refreshLanes();
}

void TimelineView::refreshLanes() {
    m_refreshFallback->stop();
    if (m_replotQueued) return;  // the replot brings the canvas up to date after it
    m_lanesNow = m_now;
    m_lanesClock.start();
    m_canvas->setNow(m_now);
    m_canvas->setCursorTime(m_cursor->time());
    m_canvas->setUntil(m_unfolding && !m_cursor->live() ? m_cursor->time() : LaneLook::kWholeRun);
    m_canvas->refresh();
}

void TimelineView::redrawAll() {
    m_canvas->invalidate();
    m_plot->replot(QCustomPlot::rpQueuedRefresh);  // draws axes, then (afterReplot) the lanes
    m_plot->repaint();                             // and puts both on screen, once
}

void TimelineView::applyTheme() {
    applyChartTheme(*m_plot);
    m_emptyHint->setColor(Palette::text());
    m_canvas->invalidate();
    requestReplot();
}

void TimelineView::setFontScale(double scale) {
    m_fontScale = scale;
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() > 0 ? f.pointSizeF() : 11);
    m_plot->xAxis->setTickLabelFont(f);
    m_plot->yAxis->setTickLabelFont(f);
    m_laneFont = f;
    updateGeometry();
    m_plot->xAxis->setLabelFont(f);
    fitTicks();
    requestReplot();
}

void TimelineView::fitTicks() {
    // Room for the widest label ("125.5 s") twice over, so neighbours never touch.
    const QFontMetrics fm(m_plot->xAxis->tickLabelFont());
    m_timeTicker->fitTo(m_plot->axisRect()->width() > 0 ? m_plot->axisRect()->width() : width(),
                        2 * fm.horizontalAdvance(QStringLiteral("0000.00 ms")));
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitTicks();
}

void TimelineView::requestReplot() {
    m_replotQueued = true;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TimelineView::describeAt(int laneIndex, std::int64_t t, double nsPerPixel) const {
    const auto& lane = m_model->lanes()[static_cast<std::size_t>(laneIndex)];
    const auto* store = m_model->store();
    const Names names = m_model->names();
    QString text = QStringLiteral("<b>%1</b> (pid %2, tid %3)<br>at %4 ms: %5")
                       .arg(lane.name.toHtmlEscaped())
                       .arg(lane.pid)
                       .arg(lane.tid)
                       .arg(static_cast<double>(t) / 1e6, 0, 'f', 3)
                       .arg(Palette::state(lane.tracker.stateAt(t)).label);
    // Blocked on a lock: which one, and who holds it.
    if (lane.tracker.stateAt(t) == ActorState::BlockedOnLock) {
        auto k = store->actorLowerBound(lane.actor, t + 1);
        while (k > 0) {
            const auto i = store->actorEvent(lane.actor, --k);
            if (store->kind(i) != EventKind::LockRequest) continue;
            const auto lock = store->objectOf(i);
            const auto holders = m_model->lockHolders().holdersAt(lock, t, lane.actor);
            text += QStringLiteral(": %1").arg(m_model->objectName(lock).toHtmlEscaped());
            if (!holders.empty())
                text += tr(", held by %1").arg(m_model->actorName(holders.front()).toHtmlEscaped());
            break;
        }
    }
    // Events within 4 px of the mouse, nearest first, in words.
    const auto radius = static_cast<std::int64_t>(4 * nsPerPixel);
    const auto from = store->actorLowerBound(lane.actor, t - radius);
    const auto to = store->actorLowerBound(lane.actor, t + radius + 1);
    int shown = 0;
    for (auto k = from; k < to && shown < 6; ++k) {
        const auto line = describeEvent(store->row(store->actorEvent(lane.actor, k)), names);
        if (line.isEmpty()) continue;
        text += QStringLiteral("<br>• ") + line.toHtmlEscaped();
        ++shown;
    }
    return text;
}

void TimelineView::showTooltip(const QPoint& pos) {
    if (!m_model->store() || m_model->lanes().empty()) return;
    const int lane = laneOfRow(rowAt(pos.y()));
    if (lane < 0 || !m_plot->axisRect()->rect().contains(pos)) {
        if (lane >= 0 && pos.x() < m_plot->axisRect()->rect().left()) {
            const auto& l = m_model->lanes()[static_cast<std::size_t>(lane)];
            if (foldableThreads(static_cast<std::size_t>(lane)) > 0) {
                QToolTip::showText(
                    m_plot->mapToGlobal(pos),
                    processCollapsed(l.pid)
                        ? tr("Click to show the threads of process %1 again").arg(l.pid)
                        : tr("Click to fold the threads of process %1 into this lane").arg(l.pid),
                    m_plot);
                return;
            }
        }
        QToolTip::hideText();
        return;
    }
    const auto t = static_cast<std::int64_t>(m_plot->xAxis->pixelToCoord(pos.x()) * 1e6);
    const double nsPerPixel =
        m_plot->xAxis->range().size() * 1e6 / std::max(1, m_plot->axisRect()->width());
    QToolTip::showText(m_plot->mapToGlobal(pos), describeAt(lane, t, nsPerPixel), m_plot);
}

bool TimelineView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_plot) return QWidget::eventFilter(watched, event);
    switch (event->type()) {
        case QEvent::MouseButtonPress:
            m_pressPos = static_cast<QMouseEvent*>(event)->pos();
            break;
        case QEvent::MouseButtonRelease: {
            // The second release of a double-click must not undo "go live".
            if (std::exchange(m_swallowRelease, false)) break;
            // A click (not a drag) puts the time cursor there.
            const auto pos = static_cast<QMouseEvent*>(event)->pos();
            if ((pos - m_pressPos).manhattanLength() < 4 &&
                pos.x() < m_plot->axisRect()->rect().left()) {
                // A click on the first lane name of a process folds (or unfolds) its threads.
                const int lane = laneOfRow(rowAt(pos.y()));
                if (lane >= 0 && foldableThreads(static_cast<std::size_t>(lane)) > 0) {
                    const int pid = m_model->lanes()[static_cast<std::size_t>(lane)].pid;
                    setProcessCollapsed(pid, !processCollapsed(pid));
                }
                break;
            }
            if ((pos - m_pressPos).manhattanLength() < 4 &&
                m_plot->axisRect()->rect().contains(pos)) {
                emit cursorPlaced();
                m_cursor->setTime(
                    static_cast<std::int64_t>(m_plot->xAxis->pixelToCoord(pos.x()) * 1e6));
            }
            break;
        }
        case QEvent::ContextMenu: {
            const auto pos = static_cast<QContextMenuEvent*>(event)->pos();
            if (!m_plot->axisRect()->rect().contains(pos)) break;
            const int lane = laneOfRow(rowAt(pos.y()));
            if (lane < 0) break;
            emit noteRequested(
                m_model->lanes()[static_cast<std::size_t>(lane)].actor,
                static_cast<std::int64_t>(m_plot->xAxis->pixelToCoord(pos.x()) * 1e6));
            return true;
        }
        case QEvent::MouseButtonDblClick:
            fitAll();
            m_cursor->setLive(true);
            m_swallowRelease = true;
            return true;
        case QEvent::Wheel: {
            // Over the lane names the wheel scrolls the lanes; over the lanes it zooms time.
            const auto* wheel = static_cast<QWheelEvent*>(event);
            if (wheel->position().x() < m_plot->axisRect()->rect().left() &&
                rowCount() > m_rowsShown) {
                const int steps = wheel->angleDelta().y() / 120;
                scrollToRow(std::clamp(m_firstRow - steps, 0, rowCount() - m_rowsShown));
                return true;
            }
            break;
        }
        case QEvent::MouseMove:
            if (!(static_cast<QMouseEvent*>(event)->buttons() & Qt::LeftButton))
                showTooltip(static_cast<QMouseEvent*>(event)->pos());
            break;
        default:
            break;
    }
    return QWidget::eventFilter(watched, event);
}

void TimelineView::setLostUpdate(const std::optional<LostUpdate>& update, const EventStore* store) {
    setLostUpdates(update ? std::vector<LostUpdate>{*update} : std::vector<LostUpdate>{}, store);
}

void TimelineView::setLostUpdates(const std::vector<LostUpdate>& updates, const EventStore* store) {
    LaneCanvas::Callout c;
    const auto* update = updates.empty() ? nullptr : &updates.front();
    if (update && store) {
        for (const auto i : update->events)
            c.points.emplace_back(store->actorOf(i), store->ns(i));
        const auto lost = m_model->actorName(update->lost);
        const auto over = m_model->actorName(update->overwrote);
        if (update->bothReadOneValue())
            c.label = tr("update lost: %1 and %2 both read %3, both wrote %4")
                          .arg(lost, over)
                          .arg(update->value)
                          .arg(update->value + 1);
        else {
            // Under load the lost writer went round more than once after the other's read, so
            // the overwrite undid two or more additions.
            c.label = tr("%1 updates lost").arg(update->additionsLost) +
                      tr(": %1 read %2, %3 wrote %4, %1 wrote %5 over it")
                          .arg(over)
                          .arg(update->value)
                          .arg(lost)
                          .arg(update->lostRead + 1)
                          .arg(update->value + 1);
        }
        // Numbered: the first of several is #1, the later ones are ringed as #2, #3, ...
        if (updates.size() > 1) c.label += tr("   (#1 of %1)").arg(updates.size());
        for (std::size_t k = 1; k < updates.size(); ++k)
            c.later.emplace_back(store->actorOf(updates[k].events[3]),
                                 store->ns(updates[k].events[3]));
    }
    m_canvas->setCallout(c);
}

}  // namespace interleave::ui
