// The event markers on the lanes: ▲ ▽ for locks (with the lock's tag), ● ○ for items and the
// shared counter, ◆ ◇ for signals (with the signal's name), ✕ where a process or thread was
// ended; and where a state's label goes so that the ● and ○ on the lane's middle leave it
// readable.

#include <algorithm>
#include <cmath>

#include "core/schema/event_kinds.h"
#include "ui/base/palette.h"
#include "ui/timeline/lane_painter.h"

namespace interleave::ui {
namespace {

// Drawn whatever the zoom: the ends of an item's journey (the arrows between lanes start and
// end on them), signals, and the cross where a process or thread was ended.
bool alwaysDrawn(Marker m) {
    return m == Marker::ItemIn || m == Marker::ItemOut || m == Marker::SignalSent ||
           m == Marker::SignalHandled || m == Marker::Cross;
}

}  // namespace

// What a pass over one lane's markers shares.
struct LanePainter::MarkerPass {
    const Lane& lane;
    const LaneLayout& layout;
    double yTop, h, s;
    std::size_t last;  // the lane's events up to this one are drawn
    bool tagsFit, whole;
    QFontMetricsF tagMetrics;
    double lastSignalX = -1e9;
    int signalLevel = 0;
};

double LanePainter::itemMarkRadius(double laneH) {
    return std::max(3.0, laneH * 0.22) * 0.8;
}

std::optional<double> LanePainter::labelLeft(const Lane* lane, const LaneLayout* layout,
                                             const QRectF& segment, double textWidth) const {
    double x = segment.left() + 3;
    const auto* store = m_model->store();
    if (lane && layout && store) {
        // The ● and ○ of items sit on the lane's middle, where the label is: the label goes
        // right of those at the segment's start, and only when it ends before the next one.
        const double r = itemMarkRadius(layout->laneH) + 2;
        const auto& axis = layout->axis;
        const auto first = store->actorLowerBound(
            lane->actor, static_cast<std::int64_t>(axis.toTime(segment.left() - r)));
        const auto last = store->actorLowerBound(
            lane->actor, static_cast<std::int64_t>(axis.toTime(segment.right() + r)) + 1);
        for (auto k = first; k < last && k < first + 64; ++k) {
            const auto i = store->actorEvent(lane->actor, k);
            const auto marker = kindInfo(store->kind(i)).marker;
            if (marker != Marker::ItemIn && marker != Marker::ItemOut) continue;
            const double mx = axis.toPixel(static_cast<double>(store->ns(i)));
            if (mx + r <= x) continue;               // left of the text
            if (mx - r >= x + textWidth + 4) break;  // the text ends before it
            if (mx - r <= segment.left() + 3)
                x = mx + r;  // at the start: the text moves past
            else
                return std::nullopt;  // in the middle: no room
        }
    }
    if (x + textWidth + 4 > segment.right() - 1) return std::nullopt;
    return x;
}

void LanePainter::drawEventMarkers(QPainter& p, const Lane& lane, const LaneLayout& layout,
                                   double yTop, bool dense, double left, double right,
                                   std::int64_t until) {
    const auto* store = m_model->store();
    const double s = layout.markerReach();
    const auto& axis = layout.axis;
    // From far enough left that a lock tag reaching into the band is drawn again.
    const double t0 = std::max(axis.t0, axis.toTime(left - s - layout.tagReach() - 1));
    const double t1 = std::min({axis.t1, axis.toTime(right + s + 1), static_cast<double>(until)});
    const auto first = store->actorLowerBound(lane.actor, static_cast<std::int64_t>(t0));
    const auto last = store->actorLowerBound(lane.actor, static_cast<std::int64_t>(t1) + 1);
    if (last <= first) return;
    p.setPen(QPen(Palette::text(), 1));
    QFont tagFont = p.font();
    tagFont.setPointSizeF(7.5 * layout.fontScale);
    if (tagFont != m_tagFont) {
        m_tagFont = tagFont;
        m_tagText.clear();
    }
    const QFontMetricsF tagMetrics(tagFont);
    MarkerPass pass{lane,
                    layout,
                    yTop,
                    layout.laneH,
                    s,
                    last,
                    layout.laneH >= 2 * tagMetrics.height(),
                    left <= 0 && right >= layout.width,
                    tagMetrics};
    for (auto k = first; k < last; ++k) {
        const auto i = store->actorEvent(lane.actor, k);
        const auto marker = kindInfo(store->kind(i)).marker;
        if (marker == Marker::None || (dense && !alwaysDrawn(marker))) continue;
        drawMarker(p, pass, marker, i, k);
    }
}

void LanePainter::drawMarker(QPainter& p, MarkerPass& pass, Marker marker, std::size_t i,
                             std::size_t k) {
    const auto* store = m_model->store();
    const double x = pass.layout.axis.toPixel(static_cast<double>(store->ns(i)));
    const double yTop = pass.yTop, h = pass.h, s = pass.s;
    switch (marker) {
        case Marker::LockTaken:  // ▲ at the bottom: took the lock
            p.setBrush(Palette::text());
            p.drawPolygon(QPolygonF(
                {QPointF(x, yTop + h - s), QPointF(x - s, yTop + h), QPointF(x + s, yTop + h)}));
            if (pass.tagsFit)
                drawLockTag(p, store->objectOf(i), x + s + 1, yTop + h,
                            nextMarkerX(pass.lane, pass.layout, k + 1, pass.last),
                            pass.layout.tagReach());
            break;
        case Marker::LockGiven:  // ▽ at the top: gave it back
            p.setBrush(Qt::NoBrush);
            p.drawPolygon(
                QPolygonF({QPointF(x, yTop + s), QPointF(x - s, yTop), QPointF(x + s, yTop)}));
            break;
        case Marker::ItemIn:
        case Marker::ItemOut: {
            // Filled: the item goes in; hollow: it comes out.
            const bool in = marker == Marker::ItemIn;
            p.setBrush(in ? Palette::text() : Palette::hollowMark());
            const double r = itemMarkRadius(h);
            p.drawEllipse(QPointF(x, yTop + h / 2), r, r);
            ++(in ? m_lastPutMarks : m_lastGetMarks);
            if (pass.whole)
                m_lastItemMarks.push_back(QRectF(x - r, yTop + h / 2 - r, 2 * r, 2 * r));
            break;
        }
        case Marker::SharedRead:     // ○ read the shared counter: now holds a copy
        case Marker::SharedWrite: {  // ● wrote it back (or added in one step)
            // Smaller than an item's, a read above the middle and a write below it: a write and
            // the next read come together and must both show.
            const bool wrote = marker == Marker::SharedWrite;
            const double r = std::max(2.5, s * 0.5);
            p.setBrush(wrote ? Palette::text() : Palette::hollowMark());
            p.drawEllipse(QPointF(x, yTop + h * (wrote ? 0.72 : 0.28)), r, r);
            ++(wrote ? m_lastPutMarks : m_lastGetMarks);
            break;
        }
        case Marker::SignalSent:
        case Marker::SignalHandled:
            drawSignalMark(p, pass, marker == Marker::SignalSent, i, x);
            break;
        case Marker::Cross: {  // ✕ here the process died, or ended and took this thread along
            const QPen before = p.pen();
            p.setPen(QPen(Palette::faultInk(), 2.5));
            const double r = std::min(h / 2 - 1, s * 1.6);
            const QPointF c(x, yTop + h / 2);
            p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
            p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
            p.setPen(before);
            break;
        }
        case Marker::None:
            break;
    }
}

void LanePainter::drawSignalMark(QPainter& p, MarkerPass& pass, bool sent, std::size_t i,
                                 double x) {
    // ◆ sent, ◇ its handler ran, with the signal's name.
    const auto* store = m_model->store();
    const double h = pass.h;
    p.setBrush(sent ? Palette::text() : Palette::hollowMark());
    const double r = std::max(3.0, std::min(pass.s * 0.9, h * 0.14));
    // Signals sent (or handled) together would cover each other: each one that comes within a
    // mark's width of the one before goes a step down the lane.
    pass.signalLevel = x - pass.lastSignalX < 2 * r + 2 ? (pass.signalLevel + 1) % 3 : 0;
    pass.lastSignalX = x;
    static constexpr double kLevel[] = {0.5, 0.2, 0.8};
    const QPointF c(x, pass.yTop + h * kLevel[pass.signalLevel]);
    p.drawPolygon(
        QPolygonF({c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)}));
    // "USR1" for SIGUSR1: short, so it stays within what a redraw's band covers.
    QString name = m_model->objectName(store->objectOf(i));
    if (name.startsWith(QLatin1String("SIG"))) name.remove(0, 3);
    if (pass.whole) m_lastSignalMarks.push_back({c, name});
    if (!pass.tagsFit && h < 1.5 * pass.tagMetrics.height()) return;
    const QFont before = p.font();
    p.setFont(m_tagFont);
    const QRectF box(c.x() + r + 1, c.y() - pass.tagMetrics.height() / 2,
                     pass.tagMetrics.horizontalAdvance(name) + 2, pass.tagMetrics.height());
    p.fillRect(box, Palette::labelBox());
    p.setPen(Palette::labelInk());
    p.drawText(box, Qt::AlignCenter, name);
    p.setPen(QPen(Palette::text(), 1));
    p.setFont(before);
}

double LanePainter::nextMarkerX(const Lane& lane, const LaneLayout& layout, std::size_t from,
                                std::size_t last) const {
    const auto* store = m_model->store();
    for (auto k = from; k < last && k < from + 32; ++k) {
        const auto i = store->actorEvent(lane.actor, k);
        // The marks a lock tag could run into: locks, items and the shared counter's.
        switch (kindInfo(store->kind(i)).marker) {
            case Marker::LockTaken:
            case Marker::LockGiven:
            case Marker::ItemIn:
            case Marker::ItemOut:
            case Marker::SharedRead:
            case Marker::SharedWrite:
                return layout.axis.toPixel(static_cast<double>(store->ns(i)));
            default:
                break;
        }
    }
    return 1e9;
}

void LanePainter::drawLockTag(QPainter& p, std::uint32_t lock, double x, double bottom,
                              double nextX, double reach) {
    const auto tag = m_model->lockTag(lock);
    if (tag.isEmpty()) return;
    auto text = m_tagText.find(tag);
    if (text == m_tagText.end()) {
        if (m_tagText.size() > 256) m_tagText.clear();
        text = m_tagText.insert(tag, QStaticText(tag));
        text->setTextFormat(Qt::PlainText);
        text->prepare(QTransform(), m_tagFont);
    }
    const QSizeF size = text->size();
    // Only where it neither runs into the lane's next event nor past what a redraw covers.
    if (size.width() + 2 > std::min(nextX - x - 2, reach)) return;
    const QRectF box(x, bottom - size.height() - 1, size.width() + 2, size.height());
    const QFont before = p.font();
    p.setFont(m_tagFont);
    p.fillRect(box, Palette::labelBox());
    p.setPen(Palette::labelInk());
    p.drawStaticText(box.topLeft() + QPointF(1, 0), *text);
    p.setPen(QPen(Palette::text(), 1));
    p.setFont(before);
}

}  // namespace interleave::ui
