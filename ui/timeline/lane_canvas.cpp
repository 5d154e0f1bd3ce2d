#include "ui/timeline/lane_canvas.h"

#include <QPaintEvent>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/base/palette.h"
#include "ui/timeline/state_legend.h"

namespace interleave::ui {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();
// How far left of an arrow's start its band begins (its head and line).
constexpr double kLinkBand = 12;

bool sameMark(const LaneMark& a, const LaneMark& b) {
    return a.x0 == b.x0 && a.x1 == b.x1 && a.state == b.state && a.count == b.count &&
           a.object == b.object;
}

}  // namespace

LaneCanvas::LaneCanvas(const TimelineModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_painter(model) {
    // Clicks, drags and the wheel belong to the plot underneath.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    // Every pixel is painted here (background, grid, lanes): the plot under it need not be
    // painted again each time a band of lanes changes, which was a good part of a live frame.
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LaneCanvas::setLaneLayout(const LaneLayout& layout) {
    if (layout == m_layout) return;
    m_layout = layout;
    m_full = true;
}

double LaneCanvas::firstChange(const LaneLook& before, const LaneLook& now) const {
    double x = kNever;
    for (std::size_t i = 0; i < now.marks.size(); ++i) {
        const auto& a = before.marks[i];
        const auto& b = now.marks[i];
        std::size_t k = 0;
        while (k < a.size() && k < b.size() && sameMark(a[k], b[k]))
            ++k;
        if (k == a.size() && k == b.size()) continue;
        if (k + 1 == a.size() && k + 1 == b.size() && a[k].x0 == b[k].x0 &&
            a[k].state == b[k].state && a[k].count == b[k].count && a[k].object == b[k].object &&
            b[k].x1 >= a[k].x1) {
            // The segment at "now" grew. Only its new columns change, unless it grew wide
            // enough for its pattern or label (drawn at its start).
            const int d = m_painter.decorations(a[k], m_layout.laneH);
            if (d >= 0 && d == m_painter.decorations(b[k], m_layout.laneH)) {
                x = std::min(x, std::floor(a[k].x1) - 1);
                continue;
            }
        }
        double from = kNever;
        if (k < a.size()) from = std::min(from, a[k].x0);
        if (k < b.size()) from = std::min(from, b[k].x0);
        x = std::min(x, std::floor(from) - 1);
    }
    return x;
}

void LaneCanvas::refresh() {
    const auto& lanes = m_model->lanes();
    const auto* store = m_model->store();
    const auto& arrivals = m_model->linkArrivals();
    if (m_layout.width <= 0) return;
    if (m_layout.height <= 0) {
        // No room to draw (the legend may be taking it): still say what the lanes show, so
        // that the legend can shrink to just that and give the lanes their room.
        m_painter.look(m_layout, std::max(m_now, m_model->lastNs()), m_next, LaneLook::kWholeRun,
                       m_heldSince);
        noteShown(m_next);
        m_full = true;
        return;
    }
    if (m_picture.size() != QSize(m_layout.width, m_layout.height)) {
        m_picture = QImage(m_layout.width, m_layout.height, QImage::Format_ARGB32_Premultiplied);
        m_full = true;
    }
    m_painter.look(m_layout, std::max(m_now, m_model->lastNs()), m_next, m_until, m_heldSince);
    const bool cut = m_until != LaneLook::kWholeRun;

    std::vector<Link> overlay;  // new arrows to draw over the picture
    if (m_full || arrivals.size() < m_drawnLinks) m_lastItemStart = lastItemStart(arrivals);
    const bool full = m_full || m_drawn.marks.size() != m_next.marks.size() ||
                      m_drawn.dense != m_next.dense || m_drawn.itemsDrawn != m_next.itemsDrawn ||
                      m_drawnEvents.size() != lanes.size() || arrivals.size() < m_drawnLinks;
    const double left = full ? kNever : changedFrom(cut, overlay);
    for (std::size_t k = m_drawnLinks; k < arrivals.size(); ++k)
        if (arrivals[k].kind == Link::Kind::Item)
            m_lastItemStart = std::max(m_lastItemStart, arrivals[k].t0);
    std::vector<std::size_t> events(lanes.size());
    for (std::size_t i = 0; i < lanes.size() && store; ++i)
        events[i] = store->actorEventCount(lanes[i].actor);

    const QRect band = full ? m_picture.rect() : bandFrom(left);
    m_lastFull = full;
    m_lastBand = band.width();
    if (!band.isEmpty()) paintBand(band, cut);
    if (!full && !overlay.empty() && m_next.itemsDrawn) paintOverlay(overlay, band);
    // A pause still going on reaches to "now", which moves while paused only by a step.
    if (!m_pauses.empty() && m_pauses.back().second < 0 &&
        m_drawnNow != std::max(m_now, m_model->lastNs()))
        update(pauseRect(m_pauses.back()));
    // The rings, their label and the notes are over the picture: they appear as the cut passes.
    if (m_until != m_drawnUntil && (!m_callout.points.empty() || !m_notes.empty())) update();
    noteShown(m_next);
    std::swap(m_drawn, m_next);
    m_drawnEvents = std::move(events);
    m_drawnLinks = arrivals.size();
    m_drawnNow = std::max(m_now, m_model->lastNs());
    m_drawnUntil = m_until;
    m_full = false;
    if (full) emit marksDrawn(m_painter.lastMarkCount());
}

double LaneCanvas::changedFrom(bool cut, std::vector<Link>& overlay) const {
    const auto& lanes = m_model->lanes();
    const auto* store = m_model->store();
    const auto& arrivals = m_model->linkArrivals();
    double left = firstChange(m_drawn, m_next);
    // New events put markers down (reaching a few pixels either side of their column) ...
    const double reach = m_layout.markerReach() + 1;
    for (std::size_t i = 0; i < lanes.size() && store; ++i) {
        const auto count = store->actorEventCount(lanes[i].actor);
        if (count > m_drawnEvents[i])
            left = std::min(
                left, xOf(store->ns(store->actorEvent(lanes[i].actor, m_drawnEvents[i]))) - reach);
    }
    // ... and new arrows may start long before "now" (an item that sat in the buffer).
    // Arrows are drawn over everything in one colour, so a new one can simply be drawn over
    // the picture, unless it is an item arrow that starts before one already drawn: that
    // may move which arrows carry their value, and everything from its start is redrawn.
    for (std::size_t k = m_drawnLinks; k < arrivals.size(); ++k) {
        const Link& l = arrivals[k];
        if (!cut && (l.kind == Link::Kind::Wake || l.t0 >= m_lastItemStart))
            overlay.push_back(l);
        else  // cut: drawn with the band, only if it arrived by then
            left = std::min(left, xOf(std::min(l.t0, l.t1)) - 12);
    }
    // The cut moved (the replay's cursor): the columns between the old and the new cut
    // change, from far enough left for a lock tag, and so do the arrows that arrive between
    // them, from where they start.
    if (m_until != m_drawnUntil) {
        const double from = xOf(std::min(m_until, m_drawnUntil));
        left = std::min(left, from - reach - m_layout.tagReach() - 1);
        if (m_next.itemsDrawn)
            left = std::min(
                left, m_painter.firstLinkBetween(m_layout, m_until, m_drawnUntil) - kLinkBand);
    }
    return left;
}

QRect LaneCanvas::bandFrom(double left) const {
    if (left >= m_layout.width) return {};
    // Nothing is drawn right of "now" but the reach of its markers.
    const double right =
        std::max({xOf(std::max(m_now, m_model->lastNs())), xOf(m_drawnNow),
                  m_until != m_drawnUntil ? xOf(std::max(m_until, m_drawnUntil)) : -kNever}) +
        m_layout.markerReach() + 12;
    // Clamped as doubles: a cut at the whole run's end is far beyond any int.
    const double width = m_layout.width;
    const int l = static_cast<int>(std::clamp(std::floor(left), 0.0, width));
    const int r = static_cast<int>(std::clamp(std::ceil(right), static_cast<double>(l), width));
    return QRect(l, 0, r - l, m_layout.height);
}

void LaneCanvas::paintBand(const QRect& band, bool cut) {
    QPainter p(&m_picture);
    p.setClipRect(band);
    p.setCompositionMode(QPainter::CompositionMode_Source);
    p.fillRect(band, Qt::transparent);
    p.setCompositionMode(QPainter::CompositionMode_SourceOver);
    // Cut: nothing right of the cut but the reach of the markers at it (a lock's tag or an
    // arrow's label there is finished once the cut has moved on).
    if (cut) p.setClipRect(QRectF(0, 0, untilX(), m_layout.height), Qt::IntersectClip);
    p.setFont(font());
    m_painter.draw(p, m_layout, m_next, band.left(), band.right() + 1);
    p.end();
    update(band);
}

void LaneCanvas::paintOverlay(const std::vector<Link>& overlay, const QRect& band) {
    QRegion where;
    for (const auto& l : overlay)
        where += m_painter.linkBounds(m_layout, l);
    where -= band;  // drawn there already, with everything else
    where &= m_picture.rect();
    if (where.isEmpty()) return;
    QPainter p(&m_picture);
    p.setClipRegion(where);
    p.setFont(font());
    m_painter.drawOnly(p, m_layout, overlay);
    p.end();
    update(where);
}

void LaneCanvas::noteShown(const LaneLook& look) {
    // What the run has shown so far (it only grows, so the legend does not jump at each page).
    std::uint32_t shown = m_shownBits | (m_pauses.empty() ? 0 : StateLegend::kPaused) |
                          (m_model->hasFaults() ? StateLegend::kFault : 0) |
                          (m_model->hasCutOffs() ? StateLegend::kCutOff : 0) |
                          (m_model->hasSignals() ? StateLegend::kSignals : 0) |
                          (m_model->hasHolds() ? StateLegend::kHolds : 0);
    for (const auto& lane : look.marks)
        for (const auto& m : lane)
            shown |= m.count > 1 ? StateLegend::kFolded : 1u << static_cast<int>(m.state);
    showing(m_model->lanes().empty() ? 0 : shown);
}

void LaneCanvas::showing(std::uint32_t shown) {
    if (shown == m_shownBits) return;
    m_shownBits = shown;
    emit shownChanged(shown);
}

std::int64_t LaneCanvas::lastItemStart(const std::vector<Link>& links) {
    std::int64_t t = std::numeric_limits<std::int64_t>::min();
    for (const auto& l : links)
        if (l.kind == Link::Kind::Item) t = std::max(t, l.t0);
    return t;
}

double LaneCanvas::untilX() const {
    if (m_until == LaneLook::kWholeRun) return kNever;
    return std::ceil(xOf(m_until) + m_layout.markerReach()) + 1;
}

QRect LaneCanvas::cursorRect(std::int64_t ns) const {
    return QRect(static_cast<int>(std::floor(xOf(ns))) - 2, 0, 5, height());
}

QRect LaneCanvas::pauseRect(const std::pair<std::int64_t, std::int64_t>& pause) const {
    const double x0 = xOf(pause.first);
    const double x1 = xOf(pause.second < 0 ? std::max(m_now, pause.first) : pause.second);
    return QRect(static_cast<int>(std::floor(x0)), 0,
                 std::max(1, static_cast<int>(std::ceil(x1) - std::floor(x0))), height());
}

void LaneCanvas::setCursorTime(std::int64_t ns) {
    if (ns == m_cursor) return;
    update(cursorRect(m_cursor));
    m_cursor = ns;
    update(cursorRect(m_cursor));
}

void LaneCanvas::setPauses(const std::vector<std::pair<std::int64_t, std::int64_t>>& pauses) {
    if (pauses == m_pauses) return;
    if (!pauses.empty() && m_shownBits) showing(m_shownBits | StateLegend::kPaused);
    for (const auto& p : m_pauses)
        update(pauseRect(p));
    m_pauses = pauses;
    for (const auto& p : m_pauses)
        update(pauseRect(p));
}

void LaneCanvas::setNotes(std::vector<Note> notes) {
    m_notes = std::move(notes);
    update();
}

void LaneCanvas::setCallout(const Callout& callout) {
    m_callout = callout;
    update();
}

void LaneCanvas::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    const QRect r = event->rect();
    p.fillRect(r, Palette::background());
    p.setPen(QPen(Palette::grid(), 1, Qt::DotLine));
    for (const double gx : m_layout.gridX)
        if (gx >= r.left() - 1 && gx <= r.right() + 1)
            p.drawLine(QPointF(std::round(gx) + 0.5, r.top()),
                       QPointF(std::round(gx) + 0.5, r.bottom() + 1));
    if (!m_picture.isNull()) p.drawImage(r.topLeft(), m_picture, r);
    // The time axis runs along the canvas's bottom row.
    p.setPen(QPen(Palette::text(), 1));
    if (r.bottom() >= height() - 1 - m_layout.tickIn) {
        p.drawLine(QPoint(r.left(), height() - 1), QPoint(r.right(), height() - 1));
        for (const double gx : m_layout.gridX)
            p.drawLine(QPointF(std::round(gx) + 0.5, height() - 1 - m_layout.tickIn),
                       QPointF(std::round(gx) + 0.5, height() - 1));
    }
    // Unfolding: a pause that came later has not happened yet either.
    const QRect shown = m_until == LaneLook::kWholeRun
                            ? rect()
                            : QRect(0, 0,
                                    static_cast<int>(std::clamp(std::ceil(xOf(m_until)), 0.0,
                                                                static_cast<double>(width()))),
                                    height());
    for (const auto& pause : m_pauses)
        p.fillRect(pauseRect(pause) & r & shown, Palette::pausedVeil());
    paintCallout(p);  // and the later updates' rings, under its label
    paintNotes(p);
    const double x = xOf(m_cursor);
    if (x >= 0 && x <= width()) {
        p.setPen(QPen(Palette::accent(), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
}

void LaneCanvas::paintCallout(QPainter& p) {
    // Over the picture, not in it: it is set once and stays while the lanes redraw under it.
    // Unfolding, ring by ring as the moments come, and the label once the update is lost.
    std::vector<QPointF> at;
    bool whole = true;
    for (const auto& [actor, ns] : m_callout.points) {
        if (!shownYet(ns)) {
            whole = false;
            continue;
        }
        if (const int lane = m_model->laneOfActor(actor);
            lane >= 0 && !m_layout.hidden(static_cast<std::size_t>(lane)))
            at.emplace_back(xOf(ns), m_layout.yMid[static_cast<std::size_t>(lane)]);
    }
    if (!at.empty()) {
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(Palette::departure(), 2));
        p.setBrush(Qt::NoBrush);
        for (std::size_t k = 1; k < at.size(); ++k)
            p.drawLine(at[k - 1], at[k]);
        const double ring = std::max(5.0, m_layout.laneH * 0.3);
        // Numbered in time order: read, read, write, write over it.
        for (std::size_t k = 0; k < at.size(); ++k) {
            p.drawEllipse(at[k], ring, ring);
            p.drawText(at[k] + QPointF(ring * 0.75, -ring * 0.75), QString::number(k + 1));
        }
    }
    paintLaterRings(p);
    if (!at.empty() && whole) {
        const double ring = std::max(5.0, m_layout.laneH * 0.3);
        const QFontMetrics fm(font());
        const QRectF box = QRectF(fm.boundingRect(m_callout.label)).adjusted(-4, -2, 4, 2);
        QPointF topLeft(at.back().x() + ring * 2 + 8, at.back().y() - ring - box.height());
        topLeft.setX(std::min(topLeft.x(), width() - box.width() - 2));
        topLeft.setY(std::max(2.0, topLeft.y()));
        const QRectF label(topLeft, box.size());
        p.fillRect(label, Palette::labelBox());
        p.setPen(Palette::departure());
        p.drawRect(label);
        p.setPen(Palette::labelInk());
        p.drawText(label, Qt::AlignCenter, m_callout.label);
    }
}

void LaneCanvas::paintLaterRings(QPainter& p) {
    // Every later update lost: a ring at the write that lost it, and its number.
    for (std::size_t k = 0; k < m_callout.later.size(); ++k) {
        const auto& [actor, ns] = m_callout.later[k];
        if (!shownYet(ns)) continue;
        const int lane = m_model->laneOfActor(actor);
        if (lane < 0 || m_layout.hidden(static_cast<std::size_t>(lane))) continue;
        const QPointF c(xOf(ns), m_layout.yMid[static_cast<std::size_t>(lane)]);
        if (c.x() < -40 || c.x() > width() + 40) continue;
        const double ring = std::max(5.0, m_layout.laneH * 0.3);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(Palette::departure(), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, ring, ring);
        const QString number = QStringLiteral("#%1").arg(k + 2);
        const QFontMetricsF fm(font());
        // Below right of the ring: above it is where the first update's label goes.
        const double w = fm.horizontalAdvance(number) + 4;
        const QRectF box(std::min(c.x() + ring * 0.7, width() - w),
                         std::min(c.y() + ring * 0.3, height() - fm.height() - 1), w, fm.height());
        p.fillRect(box, Palette::labelBox());
        p.drawText(box, Qt::AlignCenter, number);
    }
}

void LaneCanvas::paintNotes(QPainter& p) {
    // Notes: a pin at the moment, its text in a box above it (inside the canvas).
    if (m_notes.empty()) return;
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    for (const auto& note : m_notes) {
        if (!shownYet(note.ns)) continue;
        const int lane = m_model->laneOfActor(note.actor);
        if (lane < 0 || m_layout.hidden(static_cast<std::size_t>(lane))) continue;
        const QPointF at(xOf(note.ns), m_layout.yMid[static_cast<std::size_t>(lane)]);
        if (at.x() < -200 || at.x() > width() + 4) continue;
        const QRectF box = QRectF(fm.boundingRect(note.text)).adjusted(-4, -2, 4, 2);
        QPointF topLeft(at.x() + 6, at.y() - m_layout.laneH / 2 - box.height());
        topLeft.setX(std::clamp(topLeft.x(), 2.0, std::max(2.0, width() - box.width() - 2)));
        topLeft.setY(std::max(2.0, topLeft.y()));
        const QRectF label(topLeft, box.size());
        p.setPen(QPen(Palette::accent(), 2));
        p.drawLine(at, QPointF(at.x(), label.bottom()));
        p.setBrush(Palette::accent());
        p.drawEllipse(at, 4, 4);
        p.fillRect(label, Palette::labelBox());
        p.setPen(Palette::accent());
        p.setBrush(Qt::NoBrush);
        p.drawRect(label);
        p.setPen(Palette::labelInk());
        p.drawText(label, Qt::AlignCenter, note.text);
    }
}

}  // namespace interleave::ui
