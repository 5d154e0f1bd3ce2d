#include "ui/timeline/lane_painter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/schema/event_kinds.h"
#include "ui/base/palette.h"

namespace interleave::ui {
namespace {

constexpr double kMinLabelPx = 16;

void arrowHead(QPainter& p, QPointF from, QPointF to, double size) {
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const QPointF a = to - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size);
    const QPointF b = to - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    p.drawPolygon(QPolygonF({to, a, b}));
}

// How far a link's line and head reach beyond its ends.
constexpr double kLinkReach = 10;
constexpr double kLinkPen = 1.3;

bool sameLink(const Link& a, const Link& b) {
    return a.t0 == b.t0 && a.t1 == b.t1 && a.fromActor == b.fromActor && a.toActor == b.toActor &&
           a.kind == b.kind && a.value == b.value;
}

}  // namespace

std::pair<std::vector<Link>::const_iterator, std::vector<Link>::const_iterator>
LanePainter::linksInView(const TimeAxis& axis) const {
    const auto& links = m_model->links();
    // Links are sorted by start; anything starting in view (or a little before) may show.
    const auto lo = std::lower_bound(links.begin(), links.end(),
                                     static_cast<std::int64_t>(axis.t0) - 50'000'000,
                                     [](const Link& l, std::int64_t t) { return l.t0 < t; });
    const auto hi = std::upper_bound(lo, links.end(), static_cast<std::int64_t>(axis.t1),
                                     [](std::int64_t t, const Link& l) { return t < l.t0; });
    return {lo, hi};
}

std::int64_t LanePainter::laneEnd(const Lane& lane, std::int64_t now,
                                  std::int64_t heldSince) const {
    const std::int64_t end = std::max(now, lane.tracker.startNs());
    const auto* store = m_model->store();
    if (heldSince < 0 || !store) return end;
    // Paused: a thread stands still from the pause on, or from the end of its last step.
    const auto count = store->actorEventCount(lane.actor);
    const std::int64_t last =
        count > 0 ? store->ns(store->actorEvent(lane.actor, count - 1)) : heldSince;
    return std::min(end, std::max({heldSince, last, lane.tracker.startNs()}));
}

void LanePainter::look(const LaneLayout& layout, std::int64_t now, LaneLook& out,
                       std::int64_t until, std::int64_t heldSince) const {
    const auto& lanes = m_model->lanes();
    const auto* store = m_model->store();
    out.until = until;
    out.now = now;
    out.marks.resize(lanes.size());
    out.dense.assign(lanes.size(), 0);
    const auto [lo, hi] = linksInView(layout.axis);
    out.itemsDrawn = static_cast<std::size_t>(hi - lo) <= kMaxLinksDrawn;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        auto& marks = out.marks[i];
        marks.clear();
        const auto& lane = lanes[i];
        if (const int host = layout.hostOf(i);
            host >= 0 && layout.inView(static_cast<std::size_t>(host))) {
            // Folded into its process's first lane, which shows it in a strip of its own.
            summariseLane(lane.tracker.closed(), layout.axis, kMinMarkPx, marks, until);
            summariseLane(lane.tracker.openSegments(laneEnd(lane, now, heldSince)), layout.axis,
                          kMinMarkPx, marks, until);
            continue;
        }
        if (!layout.inView(i)) continue;  // scrolled or folded away: nothing to summarise
        summariseLane(lane.tracker.closed(), layout.axis, kMinMarkPx, marks, until);
        summariseLane(lane.tracker.openSegments(laneEnd(lane, now, heldSince)), layout.axis,
                      kMinMarkPx, marks, until);
        if (!store) continue;
        // Lock marks only when they fit, a marker every 6 px at most. Counted over the whole
        // view, not up to `until`: a lane that unfolds keeps its markers' density as it grows.
        const auto first =
            store->actorLowerBound(lane.actor, static_cast<std::int64_t>(layout.axis.t0));
        const auto last =
            store->actorLowerBound(lane.actor, static_cast<std::int64_t>(layout.axis.t1) + 1);
        const auto count = last > first ? last - first : 0;
        if (static_cast<double>(count) > layout.axis.width / 6)
            out.dense[i] = out.itemsDrawn && count <= 4 * kMaxLinksDrawn ? 1 : 2;
    }
}

int LanePainter::decorations(const LaneMark& m, double laneH) const {
    if (m_labelHeight <= 0) return -1;
    const double w = std::max(1.0, std::ceil(m.x1) - std::floor(m.x0));
    int d = 0;
    if (w >= 6 && (m.count > 1 || Palette::state(m.state).pattern != Qt::NoBrush)) d |= 1;
    const auto* label = m.count == 1 && w > kMinLabelPx ? labelOf(m) : nullptr;
    // With room for an item's ● or ○ at the segment's start, which the label moves past.
    if (label && w > label->width + 8 + 2 * itemMarkRadius(laneH) + 4 && laneH > m_labelHeight)
        d |= 2;
    return d;
}

const LanePainter::Label* LanePainter::labelOf(const LaneMark& m) const {
    QString text = Palette::state(m.state).shortLabel;
    if (text.isEmpty()) return nullptr;
    // A thread blocked on one of several locks says which.
    if (m.state == ActorState::BlockedOnLock)
        if (const auto tag = m_model->lockTag(m.object); !tag.isEmpty())
            text = QStringLiteral("%1: %2").arg(text, tag);
    auto it = m_labels.find(text);
    if (it == m_labels.end()) {
        if (m_labels.size() > 256) m_labels.clear();
        Label l;
        l.width = QFontMetricsF(m_labelFont).horizontalAdvance(text);
        l.text = QStaticText(text);
        l.text.setTextFormat(Qt::PlainText);
        l.text.prepare(QTransform(), m_labelFont);
        it = m_labels.insert(text, l);
    }
    return &*it;
}

void LanePainter::drawMarks(QPainter& p, const std::vector<LaneMark>& marks, double yTop, double h,
                            double fontScale, double left, const Lane* lane,
                            const LaneLayout* layout) {
    QFont f = p.font();
    f.setPointSizeF(8.5 * fontScale);
    p.setFont(f);
    const QFontMetricsF fm(f);
    if (m_labelHeight != fm.height() || f != m_labelFont) {
        m_labelHeight = fm.height();
        m_labelFont = f;
        m_labels.clear();
    }
    // Marks are sorted; skip those wholly left of the band.
    auto it = std::partition_point(marks.begin(), marks.end(),
                                   [&](const LaneMark& m) { return std::ceil(m.x1) < left; });
    for (; it != marks.end(); ++it) {
        const auto& m = *it;
        // Whole pixels and opaque colours only: the raster engine then fills at memset speed,
        // which is what keeps a full redraw of 64 busy lanes inside one frame.
        const double x0 = std::floor(m.x0);
        const QRectF r(x0, std::floor(yTop), std::max(1.0, std::ceil(m.x1) - x0), std::round(h));
        const auto& style = Palette::state(m.state);
        if (m.count > 1) {
            // Folded: many short states in a few pixels. Its own neutral fill and dots (in the
            // legend as "many steps"), so it never reads as one state such as "running".
            p.fillRect(r, Palette::foldedFill());
            if (r.width() >= 6) p.fillRect(r, QBrush(Palette::foldedInk(), Qt::Dense5Pattern));
            continue;
        }
        p.fillRect(r, style.color);
        // Patterns only where they can be seen.
        if (style.pattern != Qt::NoBrush && r.width() >= 6)
            p.fillRect(r, QBrush(Palette::patternInk(m.state), style.pattern));
        // The label sits at the start of its segment, so a segment that grows (the one at "now")
        // keeps its label where it is and only its new columns need drawing.
        // No label is narrower than this: most marks of a busy run never look one up.
        const auto* label = r.width() > kMinLabelPx && h > fm.height() ? labelOf(m) : nullptr;
        if (!label || r.width() <= label->width + 8 + 2 * itemMarkRadius(h) + 4) continue;
        if (const auto x = labelLeft(lane, layout, r, label->width)) {
            p.setPen(Palette::labelInk());
            const QRectF textBox(*x, r.center().y() - fm.height() / 2, label->width + 4,
                                 fm.height());
            p.fillRect(textBox, Palette::labelBox());
            p.drawStaticText(textBox.topLeft() + QPointF(2, 0), label->text);
            if (m_collectLabels) m_lastLabelBoxes.push_back(textBox);
        }
    }
}

QRectF LanePainter::valueBox(const LaneLayout& layout, const Link& link, QSizeF text) const {
    const int l0 = m_model->laneOfActor(link.fromActor), l1 = m_model->laneOfActor(link.toActor);
    const QPointF from(layout.axis.toPixel(static_cast<double>(link.t0)),
                       l0 >= 0 && !layout.hidden(static_cast<std::size_t>(l0))
                           ? layout.yMid[static_cast<std::size_t>(l0)]
                           : 0.0);
    const QPointF to(layout.axis.toPixel(static_cast<double>(link.t1)),
                     l1 >= 0 && !layout.hidden(static_cast<std::size_t>(l1))
                         ? layout.yMid[static_cast<std::size_t>(l1)]
                         : 0.0);
    // The gap between two neighbouring lanes the arrow crosses, the one nearest its middle: a
    // lane's middle holds its state label and the ● and ○ of the arrow's ends.
    const QPointF mid = (from + to) / 2;
    double y = mid.y();
    if (l0 >= 0 && l1 >= 0 && l0 != l1) {
        double best = std::numeric_limits<double>::infinity();
        double above = LaneLayout::kHidden;
        for (int k = std::min(l0, l1); k <= std::max(l0, l1); ++k) {
            if (layout.hidden(static_cast<std::size_t>(k))) continue;
            const double yk = layout.yMid[static_cast<std::size_t>(k)];
            if (above != LaneLayout::kHidden) {
                const double gap = (above + yk) / 2;
                if (std::abs(gap - mid.y()) < best) {
                    best = std::abs(gap - mid.y());
                    y = gap;
                }
            }
            above = yk;
        }
    } else if (l0 >= 0 && l0 == l1) {
        y = from.y() - layout.laneH / 2 - text.height() / 2;  // over its own lane
    }
    // Where the arrow passes that height, just right of it.
    const double dy = to.y() - from.y();
    const double x =
        std::abs(dy) > 0.5 ? from.x() + (to.x() - from.x()) * (y - from.y()) / dy : mid.x();
    return {x + 4, y - text.height() / 2, text.width() + 2, text.height()};
}

QRect LanePainter::linkBounds(const LaneLayout& layout, const Link& link) const {
    const int l0 = m_model->laneOfActor(link.fromActor), l1 = m_model->laneOfActor(link.toActor);
    if (l0 < 0 || l1 < 0 || layout.hidden(static_cast<std::size_t>(l0)) ||
        layout.hidden(static_cast<std::size_t>(l1)))
        return {};
    const double x0 = layout.axis.toPixel(static_cast<double>(link.t0));
    const double x1 = layout.axis.toPixel(static_cast<double>(link.t1));
    const double y0 = layout.yMid[static_cast<std::size_t>(l0)];
    const double y1 = layout.yMid[static_cast<std::size_t>(l1)];
    // A link within one lane has its number over the lane (valueBox).
    const double labelH = 16 * layout.fontScale + 4 + (l0 == l1 ? layout.laneH / 2 : 0);
    return QRectF(QPointF(std::min(x0, x1) - kLinkReach, std::min(y0, y1) - kLinkReach - labelH),
                  QPointF(std::max(x0, x1) + kLinkReach + 60 * layout.fontScale,
                          std::max(y0, y1) + kLinkReach))
        .toAlignedRect();
}

void LanePainter::drawOnly(QPainter& p, const LaneLayout& layout, const std::vector<Link>& links) {
    drawLinks(p, layout, 0, &links);
}

double LanePainter::firstLinkBetween(const LaneLayout& layout, std::int64_t a,
                                     std::int64_t b) const {
    const auto lo = std::min(a, b), hi = std::max(a, b);
    double x = std::numeric_limits<double>::infinity();
    const auto [first, last] = linksInView(layout.axis);
    for (auto it = first; it != last && it->t0 <= hi; ++it)
        if (const auto arrived = std::max(it->t0, it->t1); arrived > lo && arrived <= hi)
            x = std::min(x, layout.axis.toPixel(static_cast<double>(std::min(it->t0, it->t1))));
    return x;
}

void LanePainter::drawLinks(QPainter& p, const LaneLayout& layout, double left,
                            const std::vector<Link>* only, std::int64_t until) {
    const auto& axis = layout.axis;
    const auto [lo, hi] = linksInView(axis);
    QFont f = p.font();
    f.setPointSizeF(8 * layout.fontScale);
    p.setFont(f);
    if (f != m_valueFont) {
        m_valueFont = f;
        m_valueText.clear();
    }
    if (m_valueText.size() > 4096) m_valueText.clear();
    p.setRenderHint(QPainter::Antialiasing, true);
    // Which links carry a label depends on the links before them, so walk from the first in
    // view and draw only those that reach the band.
    double lastLabelX = -1e9;
    for (auto it = lo; it != hi; ++it) {
        const int l0 = m_model->laneOfActor(it->fromActor), l1 = m_model->laneOfActor(it->toActor);
        if (l0 < 0 || l1 < 0 || it->t1 < axis.t0) continue;
        // Not yet arrived at `until`: as in the live run, an arrow shows once it has arrived.
        if (std::max(it->t0, it->t1) > until) continue;
        if (layout.hidden(static_cast<std::size_t>(l0)) ||
            layout.hidden(static_cast<std::size_t>(l1)))
            continue;
        const QPointF from(axis.toPixel(static_cast<double>(it->t0)),
                           layout.yMid[static_cast<std::size_t>(l0)]);
        const QPointF to(axis.toPixel(static_cast<double>(it->t1)),
                         layout.yMid[static_cast<std::size_t>(l1)]);
        const bool item = it->kind == Link::Kind::Item;
        const bool label = item && from.x() - lastLabelX > 28;
        if (label) lastLabelX = from.x();
        if (only ? std::none_of(only->begin(), only->end(),
                                [&](const Link& l) { return sameLink(l, *it); })
                 : std::max(from.x(), to.x()) + kLinkReach + (label ? 60 * layout.fontScale : 0) <
                       left)
            continue;
        QColor c = Palette::arrow();
        c.setAlpha(item ? 200 : 150);
        QPen pen(c, kLinkPen, item ? Qt::SolidLine : Qt::DashLine);
        // Redrawing a band, stroke only the part of a long arrow from just left of it: the
        // rasteriser's cost follows the length stroked, not the part the clip lets through.
        QPointF start = from;
        if (!only && from.x() < left - 4 && to.x() > left - 4) {
            const double t = (left - 4 - from.x()) / (to.x() - from.x());
            start = from + (to - from) * t;
            // Dashes keep their phase, so the redrawn part matches the part left as it was.
            pen.setDashOffset(QLineF(from, start).length() / kLinkPen);
        }
        p.setPen(pen);
        p.drawLine(start, to);
        p.setBrush(c);
        arrowHead(p, from, to, 7);
        if (label) {
            p.setPen(Palette::text());
            auto text = m_valueText.find(it->value);
            if (text == m_valueText.end()) {
                text = m_valueText.insert(it->value, QStaticText(QString::number(it->value)));
                text->prepare(QTransform(), f);
            }
            const QRectF box = valueBox(layout, *it, text->size());
            p.fillRect(box, Palette::labelBox());
            p.setPen(Palette::labelInk());
            p.drawStaticText(box.topLeft() + QPointF(1, 0), *text);
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void LanePainter::drawHolds(QPainter& p, const Lane& lane, const LaneLayout& layout, double yTop,
                            double left, double right, std::int64_t now, std::int64_t until) {
    const auto& axis = layout.axis;
    const double bandH = std::max(3.0, std::round(layout.laneH * 0.2));
    QFont font = p.font();
    font.setPointSizeF(7.5 * layout.fontScale);
    const QFontMetricsF fm(font);
    for (const auto& hold : lane.holds) {
        if (hold.begin > until) break;
        const std::int64_t end = std::min(hold.end < 0 ? now : hold.end, until);
        const double x0 = std::floor(axis.toPixel(static_cast<double>(hold.begin)));
        const double x1 = std::ceil(axis.toPixel(static_cast<double>(end)));
        if (x1 < left || x0 > right || x1 <= x0) continue;
        const QRectF band(x0, std::floor(yTop), std::max(1.0, x1 - x0), bandH);
        // Vermillion for the writer's lock (it keeps everyone out), yellow for a reader's.
        p.fillRect(band, hold.write ? Palette::departure() : Palette::arrival());
        p.fillRect(band, QBrush(Palette::text(), hold.write ? Qt::BDiagPattern : Qt::NoBrush));
        ++m_lastHolds;
        const QString text =
            hold.write ? QStringLiteral("write lock") : QStringLiteral("read lock");
        if (bandH >= fm.height() * 0.8 && band.width() > fm.horizontalAdvance(text) + 6) {
            const QFont before = p.font();
            p.setFont(font);
            p.setPen(Palette::labelInk());
            p.drawText(band.adjusted(3, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
            p.setFont(before);
        }
    }
}

void LanePainter::draw(QPainter& p, const LaneLayout& layout, const LaneLook& look, double left,
                       double right) {
    const bool whole = left <= 0 && right >= layout.width;
    if (whole) {
        m_lastMarks = m_lastPutMarks = m_lastGetMarks = 0;
        m_lastSignalMarks.clear();
        m_lastItemMarks.clear();
        m_lastLabelBoxes.clear();
        m_lastHolds = m_lastFoldedStrips = 0;
    }
    const auto& lanes = m_model->lanes();
    if (!m_model->store() || lanes.empty()) return;
    const std::size_t n = std::min({lanes.size(), layout.yMid.size(), look.marks.size()});
    const double h = layout.laneH;
    int lastPid = -1;
    double lastY = LaneLayout::kHidden;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& lane = lanes[i];
        if (layout.hidden(i)) continue;
        const double yMid = layout.yMid[i];
        const double yAbove = std::exchange(lastY, yMid);
        const int pidAbove = std::exchange(lastPid, lane.pid);
        if (!layout.inView(i)) continue;
        if (lane.pid != pidAbove && yAbove != LaneLayout::kHidden) {  // a line between processes
            const double ySep = (yAbove + yMid) / 2;
            p.setPen(QPen(Palette::text(), 1, Qt::SolidLine));
            p.drawLine(QPointF(left, ySep), QPointF(right, ySep));
        }
        if (whole) m_lastMarks += look.marks[i].size();
        // A folded process: its first lane keeps the top part, each thread folded into it gets
        // a strip below (working, blocked, waiting), so the fold summarises, not hides.
        std::vector<std::size_t> folded;
        for (std::size_t k = i + 1; k < n && layout.hostOf(k) == static_cast<int>(i); ++k)
            folded.push_back(k);
        if (!folded.empty()) {
            const double strip = std::max(2.0, std::floor(h * 0.6 / folded.size()));
            const double own = std::max(2.0, h - strip * folded.size());
            drawMarks(p, look.marks[i], yMid - h / 2, own, layout.fontScale, left);
            for (std::size_t f = 0; f < folded.size(); ++f) {
                const double top = yMid - h / 2 + own + strip * f;
                if (top + strip > yMid + h / 2 + 1) break;
                drawMarks(p, look.marks[folded[f]], top, strip - (strip > 4 ? 1 : 0),
                          layout.fontScale, left);
                if (whole) m_lastFoldedStrips += look.marks[folded[f]].empty() ? 0 : 1;
            }
            continue;
        }
        m_collectLabels = whole;
        drawMarks(p, look.marks[i], yMid - h / 2, h, layout.fontScale, left, &lane, &layout);
        m_collectLabels = false;
        if (!lane.holds.empty())
            drawHolds(p, lane, layout, yMid - h / 2, left, right, look.now, look.until);
        if (look.dense[i] < 2)
            drawEventMarkers(p, lane, layout, yMid - h / 2, look.dense[i] == 1, left, right,
                             look.until);
    }
    if (look.itemsDrawn) drawLinks(p, layout, left, nullptr, look.until);
}

}  // namespace interleave::ui
