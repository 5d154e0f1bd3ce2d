#include "ui/views/buffer_view.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QTimer>
#include <algorithm>
#include <cmath>

#include "ui/base/palette.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"

namespace interleave::ui {
namespace {
constexpr double kFadeNs = 600e6;  // a change stays highlighted for 0.6 s of run time
constexpr int kGlowSteps = 12;     // a fade is drawn in this many steps (~20 a second at 1x)

int glowStep(const BufferState& s, std::size_t slot, std::int64_t t) {
    if (s.changedNs[slot] < 0) return 0;
    const double glow = 1.0 - static_cast<double>(t - s.changedNs[slot]) / kFadeNs;
    return static_cast<int>(std::ceil(std::clamp(glow, 0.0, 1.0) * kGlowSteps));
}
}  // namespace

BufferView::BufferView(BufferModel* model, const TimelineModel* timeline, TimeCursor* cursor,
                       QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_timeline(timeline),
      m_cursor(cursor),
      m_liveDue(new QTimer(this)) {
    m_liveDue->setSingleShot(true);
    m_liveDue->setInterval(TimelineView::kLiveLanesMs + 5);
    connect(m_liveDue, &QTimer::timeout, this, [this] { onCursor(m_cursor->time()); });
    // QScrollArea reads height-for-width from the size policy, not from hasHeightForWidth().
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    connect(model, &BufferModel::changed, this, [this] {
        // A new queue needs more height: the scroll area around the view asks again.
        if (m_model->queueCount() != m_queuesLaidOut) {
            m_queuesLaidOut = m_model->queueCount();
            updateGeometry();
            update();
            m_painted = looksAt(m_cursor->time());
            return;
        }
        // New events may change what shows at the cursor (a paused or replayed run's cursor
        // stays; a live one is moved by the next frame anyway): repaint only that.
        onCursor(m_cursor->time());
    });
    connect(cursor, &TimeCursor::changed, this, &BufferView::onCursor);
}

std::vector<BufferView::QueueLook> BufferView::looksAt(std::int64_t t) const {
    const auto* store = m_timeline->store();
    const std::uint64_t lost = store ? store->totalDropped() : 0;
    std::vector<QueueLook> looks(static_cast<std::size_t>(m_model->queueCount()));
    for (int q = 0; q < m_model->queueCount(); ++q) {
        const auto s = m_model->stateAt(q, t);
        auto& look = looks[static_cast<std::size_t>(q)];
        look.name = m_model->name(q);
        look.count = s.count;
        look.puts = s.puts;
        look.gets = s.gets;
        look.lost = lost;
        look.cells.resize(s.capacity);
        for (std::size_t i = 0; i < s.capacity; ++i) {
            auto& slot = look.cells[i];
            slot.item = s.items[i];
            slot.written = s.written[i];
            slot.glow = glowStep(s, i, t);
            slot.put = s.lastWasPut[i];
            slot.head = s.head == i;
            slot.tail = s.tail == i;
        }
    }
    return looks;
}

QRegion BufferView::dirtyBetween(const std::vector<QueueLook>& before,
                                 const std::vector<QueueLook>& now) const {
    if (before.size() != now.size()) return QRegion(rect());
    const QFontMetrics fm(font());
    QFont small = font();
    small.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.8));
    const int labels = 2 * QFontMetrics(small).height();  // head and tail under each slot
    QRegion dirty;
    int top = 0;
    for (std::size_t q = 0; q < now.size(); ++q) {
        const Layout l = layoutFor(static_cast<int>(q));
        if (before[q].cells.size() != now[q].cells.size()) return QRegion(rect());
        if (!before[q].sameTitle(now[q]))  // the two title lines and the occupancy bar
            dirty += QRect(0, top, width(), 2 * fm.height() + 18);
        for (std::size_t i = 0; i < now[q].cells.size(); ++i) {
            if (before[q].cells[i] == now[q].cells[i]) continue;
            const int slot = static_cast<int>(i);
            dirty += slotBox(l, top, slot).adjusted(-l.gap, -2, l.gap, 2 + labels);
            if (!l.hex.isEmpty()) dirty += hexRow(l, top, slot);
        }
        top += l.height;
    }
    return dirty;
}

void BufferView::onCursor(std::int64_t t) {
    // Live, the cursor moves every tick (60 a second): the buffer is repainted at the lanes'
    // pace, which is as often as slots visibly change; the last move is taken all the same.
    if (m_cursor->live()) {
        if (m_liveClock.isValid() && m_liveClock.elapsed() < TimelineView::kLiveLanesMs) {
            if (!m_liveDue->isActive()) m_liveDue->start();
            return;
        }
        m_liveClock.start();
    }
    m_liveDue->stop();
    // The cursor moves every frame of a live run: repaint only the slots, bytes and titles
    // whose look changed (an item put or taken, a highlight that faded by a step).
    auto looks = looksAt(t);
    m_lastDirty = dirtyBetween(m_painted, looks);
    m_painted = std::move(looks);
    if (!m_lastDirty.isEmpty()) update(m_lastDirty);
}

void BufferView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) m_layouts.clear();
    QWidget::changeEvent(event);
}

void BufferView::drawCentered(QPainter& p, const QRect& box, const QString& text, int flags) {
    // Slot numbers and names alternate between two sizes of one family.
    const QFont f = p.font();
    if (f.family() != m_textFont.family() || m_texts.size() > 2048) {
        m_texts.clear();
        m_textFont = f;
    }
    const QString key = QString::number(f.pointSizeF()) + QLatin1Char('|') + text;
    auto it = m_texts.find(key);
    if (it == m_texts.end()) {
        it = m_texts.insert(key, QStaticText(text));
        it->setTextFormat(Qt::PlainText);
        it->prepare(QTransform(), f);
    }
    const QSizeF size = it->size();
    const double y = flags & Qt::AlignVCenter ? box.top() + (box.height() - size.height()) / 2
                                              : static_cast<double>(box.top());
    p.drawStaticText(QPointF(box.left() + (box.width() - size.width()) / 2, y), *it);
}

void BufferView::drawBox(QPainter& p, const QRect& box, const QColor& fill, const QColor& edge,
                         int pen) {
    // An antialiased rounded outline is costly to stroke and a fading slot is repainted many
    // times a second with one of a few looks: each look is drawn once, then copied.
    constexpr int kMargin = 2;  // the pen reaches half its width outside the box
    const BoxKey key{fill.rgba(), edge.rgba(), pen, box.width(), box.height()};
    auto it = m_boxes.find(key);
    if (it == m_boxes.end()) {
        if (m_boxes.size() > 256) m_boxes.clear();
        const qreal dpr = devicePixelRatioF();
        QPixmap pixmap((box.size() + QSize(2 * kMargin, 2 * kMargin)) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter bp(&pixmap);
        bp.setRenderHint(QPainter::Antialiasing);
        bp.setBrush(fill);
        bp.setPen(QPen(edge, pen));
        bp.drawRoundedRect(QRect(QPoint(kMargin, kMargin), box.size()), 5, 5);
        bp.end();
        it = m_boxes.emplace(key, std::move(pixmap)).first;
    }
    p.drawPixmap(box.topLeft() - QPoint(kMargin, kMargin), it->second);
}

QRect BufferView::slotBox(const Layout& l, int top, int slot) const {
    // Under the two title lines and the occupancy bar (see paintQueue).
    const int y = top + 2 * QFontMetrics(font()).height() + 25;
    const int row = slot / l.perRow, col = slot % l.perRow;
    return {8 + col * (l.boxW + l.gap), y + row * l.rowH, l.boxW, l.boxH};
}

BufferView::Layout BufferView::layoutFor(int queue) const {
    const int cap = static_cast<int>(m_model->capacity(queue));
    const bool shared = m_model->isSharedSegment(queue);
    const auto key = (static_cast<std::uint64_t>(width()) << 33) |
                     (static_cast<std::uint64_t>(cap) << 1) | (shared ? 1u : 0u);
    const auto q = static_cast<std::size_t>(queue);
    if (q < m_layouts.size() && m_layouts[q].first == key) return m_layouts[q].second;
    const QFontMetrics fm(font());
    Layout l;
    if (m_monoAdvance < 0) {
        const QFontMetrics mono(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_monoAdvance = mono.horizontalAdvance(QStringLiteral("+000 00 00 00 00 00 00 00 00"));
        m_monoHeight = mono.height();
    }
    // A shared segment's bytes go beside its slots when both fit (a projector has more width
    // than height to spare), else under them.
    const int hexW = m_monoAdvance + 8;
    const int hexH = fm.height() + 4 + cap * (m_monoHeight + 2);
    const bool beside = shared && width() - hexW - 24 >= std::min(cap, 4) * 40;
    const int slotsW = beside ? width() - hexW - 16 : width();
    l.gap = 6;
    l.boxW = std::clamp((slotsW - 16) / std::max(1, std::min(cap, 16)) - l.gap, 28, 90);
    l.perRow = std::max(1, (slotsW - 16) / (l.boxW + l.gap));
    l.boxH = std::max(fm.height() * 2 + 8, 40);
    l.rowH = l.boxH + 2 * fm.height() + 8;
    const int rows = (cap + l.perRow - 1) / l.perRow;
    const int slotsTop = 2 * fm.height() + 25;  // as slotBox places them
    l.height = 2 * fm.height() + 8 + 8 + 10 + rows * l.rowH + 8;
    if (beside) {
        l.hex = QRect(width() - hexW - 8, slotsTop, hexW, hexH);
        l.height = std::max(l.height, slotsTop + hexH + 8);
    } else if (shared) {
        l.hex = QRect(8, l.height, width() - 16, hexH);
        l.height += hexH + 8;
    }
    if (m_layouts.size() <= q) m_layouts.resize(q + 1);
    m_layouts[q] = {key, l};
    return l;
}

QRect BufferView::hexRow(const Layout& l, int top, int slot) const {
    // As paintHex lays the rows out: under a title line, a line of bytes per slot.
    const int y = top + l.hex.top() + QFontMetrics(font()).height() + 4 + slot * (m_monoHeight + 2);
    return {l.hex.left(), y, l.hex.width(), m_monoHeight + 1};
}

int BufferView::heightForWidth(int) const {
    int h = 0;
    for (int q = 0; q < m_model->queueCount(); ++q)
        h += layoutFor(q).height;
    return std::max(h, minimumSizeHint().height());
}

QSize BufferView::sizeHint() const {
    return {420, heightForWidth(width())};
}

void BufferView::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!m_model->hasBuffer()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                   m_timeline->store()
                       ? tr("No buffer yet: it appears with the first item put.")
                       : tr("Empty until a run starts: press Run (Ctrl+R) and the buffer fills "
                            "as the producers put items."));
        return;
    }
    int top = 0;
    for (int q = 0; q < m_model->queueCount(); ++q)
        top += paintQueue(p, q, top, event->rect());
}

int BufferView::paintQueue(QPainter& p, int queue, int y0, const QRect& clip) {
    const auto t = m_cursor->time();
    const BufferState s = m_model->stateAt(queue, t);
    if (m_maxShown.size() <= static_cast<std::size_t>(queue))
        m_maxShown.resize(static_cast<std::size_t>(queue) + 1, 0);
    auto& maxShown = m_maxShown[static_cast<std::size_t>(queue)];
    maxShown = std::max(maxShown, s.count);
    const Layout l = layoutFor(queue);
    if (!clip.intersects(QRect(0, y0, width(), l.height))) return l.height;
    paintQueueTitle(p, queue, s, y0, clip);

    // Occupancy bar under the title.
    const int cap = static_cast<int>(s.capacity);
    const QRect bar(8, y0 + 8 + 2 * QFontMetrics(font()).height(), width() - 16, 8);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::AlternateBase));
    p.drawRect(bar);
    p.setBrush(s.count == s.capacity ? Palette::state(ActorState::BlockedOnLock).color
                                     : Palette::accent());
    p.drawRect(QRect(bar.left(), bar.top(), cap ? bar.width() * static_cast<int>(s.count) / cap : 0,
                     bar.height()));

    // Slots in rows that fit the width.
    QFont small = font();
    small.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.8));
    const QFontMetrics sm(small);
    for (int i = 0; i < cap; ++i) {
        const QRect box = slotBox(l, y0, i);
        if (!clip.intersects(box.adjusted(-l.gap, -2, l.gap, 2 + 2 * sm.height()))) continue;
        paintSlot(p, s, t, i, box, l.gap, small);
    }
    if (!l.hex.isEmpty() && clip.intersects(l.hex.translated(0, y0)))
        paintHex(p, l.hex.translated(0, y0), s, t, clip);
    return l.height;
}

void BufferView::paintQueueTitle(QPainter& p, int queue, const BufferState& s, int y0,
                                 const QRect& clip) {
    const QFontMetrics fm(font());
    const QString name = m_model->name(queue);
    // Contents are rebuilt from every put and get: after a loss they may be wrong, and the view
    // says so instead of showing an impossible count.
    const auto* store = m_timeline->store();
    const auto lost = store ? store->totalDropped() : 0;
    const QRect line1(8, y0 + 4, width() - 16, fm.height());
    const QRect line2(8, y0 + 4 + fm.height(), width() - 16, fm.height());
    setToolTip(lost ? tr("%1 events of this run were lost: the buffer is rebuilt from every put "
                         "and get, so what it shows after a loss may be wrong.")
                          .arg(lost)
                    : QString());
    if (!clip.intersects(line1.united(line2))) return;  // only slots are repainted (a fade)
    if (lost) {
        p.setPen(Palette::departure());
        p.drawText(line1, Qt::AlignLeft,
                   fm.elidedText(tr("%1: unsure, %2 lost").arg(name).arg(lost), Qt::ElideRight,
                                 line1.width()));
        p.drawText(line2, Qt::AlignLeft,
                   fm.elidedText(tr("%1 put, %2 taken; slots may be wrong").arg(s.puts).arg(s.gets),
                                 Qt::ElideRight, line2.width()));
    } else {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(line1, Qt::AlignLeft,
                   fm.elidedText(tr("%1: %2 of %3 slots full")
                                     .arg(name)
                                     .arg(s.count)
                                     .arg(static_cast<int>(s.capacity)),
                                 Qt::ElideRight, line1.width()));
        p.drawText(line2, Qt::AlignLeft, tr("%1 items put, %2 taken").arg(s.puts).arg(s.gets));
    }
}

void BufferView::paintSlot(QPainter& p, const BufferState& s, std::int64_t t, int i,
                           const QRect& box, int gap, const QFont& small) {
    const QColor text = palette().color(QPalette::WindowText);
    const QFontMetrics sm(small);
    const auto slot = static_cast<std::size_t>(i);
    const auto item = s.items[slot];
    // A slot just put into or taken from glows in the colour of what happened, then fades.
    const double glow = static_cast<double>(glowStep(s, slot, t)) / kGlowSteps;
    QColor fill =
        item >= 0 ? Palette::state(ActorState::Working).color : palette().color(QPalette::Base);
    if (glow > 0) {
        const QColor hot = s.lastWasPut[slot] ? Palette::arrival() : Palette::departure();
        fill = QColor::fromRgbF(fill.redF() * (1 - glow) + hot.redF() * glow,
                                fill.greenF() * (1 - glow) + hot.greenF() * glow,
                                fill.blueF() * (1 - glow) + hot.blueF() * glow);
    }
    drawBox(p, box, fill, text, glow > 0 ? 3 : 1);
    p.setPen(item >= 0 || glow > 0 ? Palette::labelInk() : text);
    drawCentered(p, box.adjusted(0, 2, 0, -box.height() / 2),
                 item >= 0 ? QString::number(item) : tr("empty"), Qt::AlignCenter);
    p.setPen(text);
    p.setFont(small);
    drawCentered(p, box.adjusted(0, box.height() / 2, 0, 0), tr("slot %1").arg(i), Qt::AlignCenter);
    // Head (next get) and tail (next put) on their own lines, so they never overprint.
    p.setPen(Palette::accent());
    if (static_cast<std::uint32_t>(i) == s.head)
        drawCentered(p,
                     QRect(box.left() - gap, box.bottom() + 1, box.width() + 2 * gap, sm.height()),
                     tr("▲ head"), Qt::AlignHCenter);
    if (static_cast<std::uint32_t>(i) == s.tail)
        drawCentered(p,
                     QRect(box.left() - gap, box.bottom() + 1 + sm.height(), box.width() + 2 * gap,
                           sm.height()),
                     tr("▲ tail"), Qt::AlignHCenter);
    p.setFont(font());
}

void BufferView::paintHex(QPainter& p, const QRect& area, const BufferState& s, std::int64_t t,
                          const QRect& clip) {
    const QColor text = palette().color(QPalette::WindowText);
    const QFontMetrics fm(font());
    p.setPen(text);
    const QRect title(area.left(), area.top(), area.width(), fm.height());
    if (clip.intersects(title))
        p.drawText(
            title, Qt::AlignLeft,
            fm.elidedText(tr("Its bytes (dim: taken, stale)"), Qt::ElideRight, area.width()));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QFontMetrics mm(mono);
    p.setFont(mono);
    int y = area.top() + fm.height() + 4;
    for (std::size_t slot = 0; slot < s.capacity; ++slot, y += mm.height() + 2) {
        const QRect row(area.left(), y, area.width(), mm.height() + 1);
        if (!clip.intersects(row)) continue;
        // Slot i is 8 bytes at offset 8·i of the slot area, little-endian as the CPU stores it.
        QString line = QStringLiteral("+%1").arg(slot * 8, 3, 16, QLatin1Char('0'));
        const auto v = static_cast<std::uint64_t>(s.written[slot] < 0 ? 0 : s.written[slot]);
        for (int b = 0; b < 8; ++b)
            line += QStringLiteral(" %1").arg((v >> (8 * b)) & 0xff, 2, 16, QLatin1Char('0'));
        const double glow = static_cast<double>(glowStep(s, slot, t)) / kGlowSteps;
        if (glow > 0 && s.lastWasPut[slot]) {
            QColor hot = Palette::arrival();
            hot.setAlphaF(glow);
            p.fillRect(row, hot);
        }
        QColor ink = glow > 0 && s.lastWasPut[slot] ? Palette::labelInk() : text;
        if (s.items[slot] < 0) ink.setAlphaF(0.45);  // taken (or never written): free to reuse
        p.setPen(ink);
        p.drawText(row, Qt::AlignLeft | Qt::AlignVCenter,
                   mm.elidedText(line, Qt::ElideRight, row.width()));
    }
    p.setFont(font());
}

}  // namespace interleave::ui
