#include "ui/views/wait_for_view.h"

#include <QPainter>
#include <QPainterPath>
#include <QtMath>
#include <algorithm>
#include <map>

#include "ui/base/palette.h"
#include "ui/views/wait_for_model.h"

namespace interleave::ui {
namespace {

struct Node {
    QPointF at;
    QRectF box;  // where the node is drawn; arrows end on its edge
    bool thread;
};

// Where a line from `from` towards the centre of `box` crosses the box's edge.
QPointF edgePoint(const QRectF& box, QPointF from, bool round) {
    const QPointF c = box.center();
    const QPointF d = from - c;
    if (d.isNull()) return c;
    if (round) {
        const double r = box.width() / 2;
        return c + d * (r / std::hypot(d.x(), d.y()));
    }
    const double sx = d.x() ? (box.width() / 2) / std::abs(d.x()) : 1e9;
    const double sy = d.y() ? (box.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}

// "thread 12" -> "12" when the ring is crowded (the sentence and the timeline say it in full).
QString threadLabel(const QString& name, bool compact) {
    if (!compact) return name;
    const auto space = name.lastIndexOf(QLatin1Char(' '));
    return space < 0 ? name : name.mid(space + 1);
}

void arrow(QPainter& p, QPointF a, QPointF b, const QPen& pen) {
    p.setPen(pen);
    p.drawLine(a, b);
    const double angle = std::atan2(b.y() - a.y(), b.x() - a.x());
    const double len = 6 + pen.widthF() * 2;
    QPolygonF head;
    head << b << b - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * len
         << b - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * len;
    QPen solid = pen;
    solid.setStyle(Qt::SolidLine);
    p.setPen(solid);
    p.setBrush(pen.color());
    p.drawPolygon(head);
    p.setBrush(Qt::NoBrush);
}

// Where each thread and lock is drawn.
struct Ring {
    std::map<std::uint32_t, Node> threads, locks;
    bool compact = false;  // threads named by number only
};

// Around a table: with as many locks as threads (two threads and two locks, the dining
// philosophers), threads and locks alternate on one ring, each lock between the two threads
// that share it; otherwise the locks sit on an inner ring (one lock: in the middle).
Ring layOutRing(const WaitForModel& m, const QRectF& area, const QFontMetrics& fm) {
    const auto& threads = m.threads();
    const auto& locks = m.locks();
    const QPointF centre = area.center();
    const double nodeH = fm.height() + 8;
    const double lockD = nodeH;
    // Full names while the ring has room for them; else "thread 12" is drawn as "12".
    auto widest = [&](bool compact) {
        double w = 0;
        for (const auto a : threads)
            w = std::max<double>(
                w, fm.horizontalAdvance(threadLabel(m.names().actor(a), compact)) + 14);
        return w;
    };
    double nodeW = widest(false);
    auto ringLength = [&](double w) {  // Ramanujan's approximation of the ellipse's perimeter
        const double a = std::max(10.0, area.width() / 2 - w / 2);
        const double b = std::max(10.0, area.height() / 2 - nodeH / 2);
        return M_PI * (3 * (a + b) - std::sqrt((3 * a + b) * (a + 3 * b)));
    };
    const double perNode = static_cast<double>(threads.size() + locks.size());
    Ring ring;
    ring.compact = ringLength(nodeW) < perNode * (nodeW * 0.75 + lockD * 0.5 + 4);
    if (ring.compact) nodeW = widest(true);
    const double rx = std::max(10.0, area.width() / 2 - nodeW / 2);
    const double ry = std::max(10.0, area.height() / 2 - nodeH / 2);
    const bool table = locks.size() == threads.size();
    const double n = static_cast<double>(threads.size());
    auto onRing = [&](double turn, double scale) {
        const double angle = -M_PI / 2 + 2 * M_PI * turn;
        return centre + QPointF(std::cos(angle) * rx * scale, std::sin(angle) * ry * scale);
    };
    for (std::size_t i = 0; i < threads.size(); ++i) {
        const QPointF at = onRing(static_cast<double>(i) / n, 1.0);
        ring.threads[threads[i]] = {
            at, QRectF(at.x() - nodeW / 2, at.y() - nodeH / 2, nodeW, nodeH), true};
    }
    const double ln = static_cast<double>(std::max<std::size_t>(1, locks.size()));
    for (std::size_t i = 0; i < locks.size(); ++i) {
        QPointF at = centre;
        if (table)  // lock i between thread i - 1 and thread i
            at = onRing((static_cast<double>(i) - 0.5) / n, 1.0);
        else if (locks.size() > 1)
            at = onRing(static_cast<double>(i) / ln, 0.4);
        ring.locks[locks[i]] = {at, QRectF(at.x() - lockD / 2, at.y() - lockD / 2, lockD, lockD),
                                false};
    }
    return ring;
}

// A held lock, and its holding arrow, in a running thread's colour (darker); a wait in a
// blocked one's.
QColor holdColor() {
    return Palette::state(ActorState::Running).color.darker(130);
}

QColor waitColor() {
    return Palette::state(ActorState::BlockedOnLock).color;
}

// Edges go under the nodes. In the cycle: thick and in the warning colour.
void paintEdges(QPainter& p, const WaitForModel& m, const Ring& ring) {
    const auto& g = m.graph();
    std::map<std::uint32_t, bool> inCycle, cycleLock;  // actors; locks a cycle member waits for
    for (const auto a : m.cycle()) {
        inCycle[a] = true;
        cycleLock[g.waiting.at(a)] = true;
    }
    for (const auto& [lock, holders] : g.holders) {
        for (const auto& h : holders) {
            if (!ring.locks.count(lock) || !ring.threads.count(h.actor)) continue;
            const auto& l = ring.locks.at(lock);
            const auto& t = ring.threads.at(h.actor);
            const bool hot = cycleLock.count(lock) > 0;
            // A reader's hold is dotted: others may read beside it.
            QPen pen(hot ? Palette::departure() : holdColor(), hot ? 3.0 : 2.0,
                     h.reading ? Qt::DotLine : Qt::SolidLine);
            arrow(p, edgePoint(l.box, t.at, true), edgePoint(t.box, l.at, false), pen);
        }
    }
    for (const auto& [actor, lock] : g.waiting) {
        if (!ring.locks.count(lock) || !ring.threads.count(actor)) continue;
        const auto& l = ring.locks.at(lock);
        const auto& t = ring.threads.at(actor);
        const bool hot = inCycle.count(actor) > 0;
        QPen pen(hot ? Palette::departure() : waitColor(), hot ? 3.0 : 2.0, Qt::DashLine);
        arrow(p, edgePoint(t.box, l.at, false), edgePoint(l.box, t.at, true), pen);
    }
}

// A thread in the colour of what it does (waiting or not), a lock filled while held.
void paintNodes(QPainter& p, const WaitForModel& m, const Ring& ring, const QFontMetrics& fm) {
    const auto& g = m.graph();
    const auto& cycle = m.cycle();
    for (const auto& [actor, node] : ring.threads) {
        const bool waiting = g.waiting.count(actor) > 0;
        const bool inCycle = std::find(cycle.begin(), cycle.end(), actor) != cycle.end();
        p.setPen(QPen(inCycle ? Palette::departure() : Palette::text(), 1.5));
        p.setBrush(waiting ? waitColor() : Palette::background());
        p.drawRoundedRect(node.box, 6, 6);
        p.setPen(waiting ? Palette::labelInk() : Palette::text());
        p.drawText(node.box, Qt::AlignCenter, threadLabel(m.names().actor(actor), ring.compact));
    }
    std::map<std::uint32_t, bool> held;
    for (const auto& [lock, holders] : g.holders)
        held[lock] = !holders.empty();
    for (const auto& [lock, node] : ring.locks) {
        p.setPen(QPen(Palette::text(), 1.5));
        p.setBrush(held[lock] ? holdColor() : Palette::background());
        p.drawEllipse(node.box);
        // "lock B" -> "B": the ring has room for a letter, the caption names it in full.
        QString name = m.names().object(lock);
        if (name.startsWith(QStringLiteral("lock "))) name = name.mid(5);
        if (fm.horizontalAdvance(name) > node.box.width() - 4)
            name = fm.elidedText(name, Qt::ElideRight, static_cast<int>(node.box.width()) - 4);
        p.setPen(held[lock] ? Palette::labelInk() : Palette::text());
        p.drawText(node.box, Qt::AlignCenter, name);
    }
}

}  // namespace

WaitForView::WaitForView(WaitForModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    connect(model, &WaitForModel::changed, this, qOverload<>(&QWidget::update));
}

void WaitForView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int sentenceHeight = paintSentence(p);
    p.setFont(font());
    if (m_model->threads().empty()) return;
    const QRectF area = QRectF(rect()).adjusted(8, sentenceHeight + 8, -8, -6);
    const QFontMetrics fm(font());
    const Ring ring = layOutRing(*m_model, area, fm);
    paintEdges(p, *m_model, ring);
    paintNodes(p, *m_model, ring, fm);
}

int WaitForView::paintSentence(QPainter& p) {
    // The sentence first: it is what a class reads, and it wraps to the width.
    const auto& m = *m_model;
    const bool deadlocked = !m.cycle().empty();
    QFont bold = font();
    bold.setBold(deadlocked);
    p.setFont(bold);
    p.setPen(deadlocked ? Palette::departure() : Palette::text());
    const QRect textBox = rect().adjusted(4, 2, -4, 0);
    constexpr int kFlags = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;
    // A long cycle's whole sentence would push the graph off the box: then the brief one, and
    // the whole one in the tooltip.
    QString text = m.sentence();
    QRect used = p.boundingRect(textBox, kFlags, text);
    const bool brief = used.height() > height() * 0.35;
    if (brief) {
        text = m.briefSentence();
        used = p.boundingRect(textBox, kFlags, text);
    }
    setToolTip(brief ? m.sentence() : QString());
    p.drawText(textBox, kFlags, text);
    return used.height();
}

}  // namespace interleave::ui
