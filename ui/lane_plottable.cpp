#include "ui/lane_plottable.h"

#include <algorithm>
#include <cmath>

#include "ui/palette.h"

namespace interleave::ui {
namespace {

constexpr double kMinMarkPx = 3.0;
constexpr std::size_t kMaxLinksDrawn = 400;

void arrowHead(QCPPainter* p, QPointF from, QPointF to, double size) {
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const QPointF a = to - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size);
    const QPointF b = to - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    p->drawPolygon(QPolygonF({to, a, b}));
}

}  // namespace

LanePlottable::LanePlottable(QCPAxis* keyAxis, QCPAxis* valueAxis, const TimelineModel* model)
    : QCPAbstractPlottable(keyAxis, valueAxis), m_model(model) {
    setSelectable(QCP::stNone);
    setAntialiased(false);
}

QCPRange LanePlottable::getKeyRange(bool& found, QCP::SignDomain) const {
    found = true;
    return QCPRange(
        0, std::max<double>(1.0, static_cast<double>(std::max(m_now, m_model->lastNs())) / 1e6));
}

QCPRange LanePlottable::getValueRange(bool& found, QCP::SignDomain, const QCPRange&) const {
    found = true;
    return QCPRange(-0.5,
                    std::max<double>(0.5, static_cast<double>(m_model->lanes().size()) - 0.5));
}

void LanePlottable::drawMarks(QCPPainter* p, double yTop, double h) {
    QFont f = p->font();
    f.setPointSizeF(8.5 * m_fontScale);
    p->setFont(f);
    const QFontMetricsF fm(f);
    for (const auto& m : m_marks) {
        // Whole pixels and opaque colours only: the raster engine then fills at memset speed,
        // which is what keeps a full replot of 64 busy lanes inside one frame.
        const double x0 = std::floor(m.x0);
        const QRectF r(x0, std::floor(yTop), std::max(1.0, std::ceil(m.x1) - x0), std::round(h));
        const auto& style = Palette::state(m.state);
        if (m.count > 1) {
            // Folded: many short states in a few pixels. Its own neutral fill and dots (in the
            // legend as "many steps"), so it never reads as one state such as "running".
            p->fillRect(r, Palette::foldedFill());
            if (r.width() >= 6) p->fillRect(r, QBrush(Palette::foldedInk(), Qt::Dense5Pattern));
            continue;
        }
        p->fillRect(r, style.color);
        // Patterns only where they can be seen.
        if (style.pattern != Qt::NoBrush && r.width() >= 6)
            p->fillRect(r, QBrush(Palette::patternInk(m.state), style.pattern));
        if (r.width() > fm.horizontalAdvance(style.shortLabel) + 8 && h > fm.height()) {
            p->setPen(Palette::labelInk());
            const QRectF textBox(r.center().x() - fm.horizontalAdvance(style.shortLabel) / 2 - 2,
                                 r.center().y() - fm.height() / 2,
                                 fm.horizontalAdvance(style.shortLabel) + 4, fm.height());
            p->fillRect(textBox, Palette::labelBox());
            p->drawText(textBox, Qt::AlignCenter, style.shortLabel);
        }
    }
}

void LanePlottable::drawEventMarkers(QCPPainter* p, const Lane& lane, const TimeAxis& axis,
                                     double yTop, double h, bool itemsDrawn) {
    const auto* store = m_model->store();
    const auto first = store->actorLowerBound(lane.actor, static_cast<std::int64_t>(axis.t0));
    const auto last = store->actorLowerBound(lane.actor, static_cast<std::int64_t>(axis.t1) + 1);
    if (last <= first) return;
    // Lock marks only when they fit, a marker every 6 px at most. Put and get marks go with
    // the item arrows: both ends of an arrow are marked on every lane, or none is, whichever
    // lane happens to be busier.
    const bool dense = static_cast<double>(last - first) > axis.width / 6;
    if (dense && (!itemsDrawn || last - first > 4 * kMaxLinksDrawn)) return;
    const double s = std::max(3.0, h * 0.22);
    p->setPen(QPen(Palette::text(), 1));
    for (auto k = first; k < last; ++k) {
        const auto i = store->actorEvent(lane.actor, k);
        const auto kind = store->kind(i);
        if (dense && kind != EventKind::QueuePut && kind != EventKind::QueueGet) continue;
        const double x = axis.toPixel(static_cast<double>(store->ns(i)));
        switch (kind) {
            case EventKind::LockAcquired:  // ▲ at the bottom: took the lock
                p->setBrush(Palette::text());
                p->drawPolygon(QPolygonF({QPointF(x, yTop + h - s), QPointF(x - s, yTop + h),
                                          QPointF(x + s, yTop + h)}));
                break;
            case EventKind::LockReleased:  // ▽ at the top: gave it back
                p->setBrush(Qt::NoBrush);
                p->drawPolygon(
                    QPolygonF({QPointF(x, yTop + s), QPointF(x - s, yTop), QPointF(x + s, yTop)}));
                break;
            case EventKind::QueuePut:
            case EventKind::QueueGet:
                p->setBrush(kind == EventKind::QueuePut ? Palette::text() : Palette::hollowMark());
                p->drawEllipse(QPointF(x, yTop + h / 2), s * 0.8, s * 0.8);
                ++(kind == EventKind::QueuePut ? m_lastPutMarks : m_lastGetMarks);
                break;
            default:
                break;
        }
    }
}

std::pair<std::vector<Link>::const_iterator, std::vector<Link>::const_iterator>
LanePlottable::linksInView(const TimeAxis& axis) const {
    const auto& links = m_model->links();
    // Links are sorted by start; anything starting in view (or a little before) may show.
    const auto lo = std::lower_bound(links.begin(), links.end(),
                                     static_cast<std::int64_t>(axis.t0) - 50'000'000,
                                     [](const Link& l, std::int64_t t) { return l.t0 < t; });
    const auto hi = std::upper_bound(lo, links.end(), static_cast<std::int64_t>(axis.t1),
                                     [](std::int64_t t, const Link& l) { return t < l.t0; });
    return {lo, hi};
}

void LanePlottable::drawLinks(QCPPainter* p, const TimeAxis& axis) {
    const auto [lo, hi] = linksInView(axis);
    if (static_cast<std::size_t>(hi - lo) > kMaxLinksDrawn) return;  // too dense to read
    QFont f = p->font();
    f.setPointSizeF(8 * m_fontScale);
    p->setFont(f);
    p->setRenderHint(QPainter::Antialiasing, true);
    double lastLabelX = -1e9;
    for (auto it = lo; it != hi; ++it) {
        const int l0 = m_model->laneOfActor(it->fromActor), l1 = m_model->laneOfActor(it->toActor);
        if (l0 < 0 || l1 < 0 || it->t1 < axis.t0) continue;
        const QPointF from(axis.toPixel(static_cast<double>(it->t0)), mValueAxis->coordToPixel(l0));
        const QPointF to(axis.toPixel(static_cast<double>(it->t1)), mValueAxis->coordToPixel(l1));
        const bool item = it->kind == Link::Kind::Item;
        QColor c = Palette::arrow();
        c.setAlpha(item ? 200 : 150);
        p->setPen(QPen(c, 1.3, item ? Qt::SolidLine : Qt::DashLine));
        p->drawLine(from, to);
        p->setBrush(c);
        arrowHead(p, from, to, 7);
        if (item && from.x() - lastLabelX > 28) {
            p->setPen(Palette::text());
            p->drawText(QPointF(from.x() + 3, from.y() - 3), QString::number(it->value));
            lastLabelX = from.x();
        }
    }
    p->setRenderHint(QPainter::Antialiasing, false);
}

void LanePlottable::draw(QCPPainter* painter) {
    m_lastMarks = 0;
    m_lastPutMarks = m_lastGetMarks = 0;
    const auto& lanes = m_model->lanes();
    if (!m_model->store() || lanes.empty()) return;
    const QRect rect = mKeyAxis->axisRect()->rect();
    TimeAxis axis;
    axis.t0 = mKeyAxis->range().lower * 1e6;
    axis.t1 = mKeyAxis->range().upper * 1e6;
    axis.x0 = rect.left();
    axis.width = std::max(1, rect.width());
    const double laneH = std::abs(mValueAxis->coordToPixel(0.36) - mValueAxis->coordToPixel(-0.36));
    const auto [linksFrom, linksTo] = linksInView(axis);
    const bool itemsDrawn = static_cast<std::size_t>(linksTo - linksFrom) <= kMaxLinksDrawn;
    int lastPid = -1;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const auto& lane = lanes[i];
        const double yMid = mValueAxis->coordToPixel(static_cast<double>(i));
        if (yMid < rect.top() - laneH || yMid > rect.bottom() + laneH) continue;
        if (lane.pid != lastPid && i > 0) {  // a line between processes
            const double ySep = mValueAxis->coordToPixel(static_cast<double>(i) - 0.5);
            painter->setPen(QPen(Palette::text(), 1, Qt::SolidLine));
            painter->drawLine(QPointF(rect.left(), ySep), QPointF(rect.right(), ySep));
        }
        lastPid = lane.pid;
        m_marks.clear();
        summariseLane(lane.tracker.closed(), axis, kMinMarkPx, m_marks);
        summariseLane(lane.tracker.openSegments(std::max(m_now, lane.tracker.startNs())), axis,
                      kMinMarkPx, m_marks);
        m_lastMarks += m_marks.size();
        drawMarks(painter, yMid - laneH / 2, laneH);
        drawEventMarkers(painter, lane, axis, yMid - laneH / 2, laneH, itemsDrawn);
    }
    drawLinks(painter, axis);
}

}  // namespace interleave::ui
