#include "ui/views/pipe_view.h"

#include <QPainter>
#include <algorithm>

#include "ui/base/palette.h"
#include "ui/timeline/timeline_model.h"

namespace interleave::ui {

PipeView::PipeView(PipeModel* model, const TimelineModel* timeline, TimeCursor* cursor,
                   QWidget* parent)
    : QWidget(parent), m_model(model), m_timeline(timeline), m_cursor(cursor) {
    connect(model, &PipeModel::changed, this, [this] {
        updateGeometry();
        update();
    });
    // The cursor moves every frame of a live run; a pipe changes only with its own events.
    connect(cursor, &TimeCursor::changed, this, [this](std::int64_t t) {
        std::vector<std::int64_t> now;
        for (int i = 0; i < m_model->pipeCount(); ++i)
            now.push_back(m_model->stateAt(i, t).ns);
        if (now != m_painted) update();
    });
}

int PipeView::pipeHeight() const {
    return 6 * fontMetrics().height() + 26;
}

QSize PipeView::sizeHint() const {
    return {360, std::max(1, m_model->pipeCount()) * pipeHeight() + 8};
}

void PipeView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Palette::background());
    const auto t = m_cursor->time();
    m_painted.clear();
    if (m_model->pipeCount() == 0) {
        p.setPen(Palette::text());
        p.drawText(rect().adjusted(6, 6, -6, -6), Qt::TextWordWrap,
                   tr("Each pipe, socket or message queue of the run shows here: what the kernel "
                      "holds against its capacity, the messages in flight, and which end waits "
                      "in the kernel. Press Run."));
        return;
    }
    const int h = pipeHeight();
    for (int i = 0; i < m_model->pipeCount(); ++i) {
        const auto s = m_model->stateAt(i, t);
        m_painted.push_back(s.ns);
        paintPipe(p, i, s, QRect(0, 4 + i * h, width(), h));
    }
}

namespace {

// What the view says about each kind of object: its two ends, the calls that wait, the unit.
struct Words {
    QString sendEnd, receiveEnd, sendCall, receiveCall, unit;
};
Words wordsFor(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::MessageQueue:
            return {PipeView::tr("mq_send()"), PipeView::tr("mq_receive()"),
                    QStringLiteral("mq_send()"), QStringLiteral("mq_receive()"),
                    PipeView::tr("messages")};
        case ObjectKind::Socket:
            return {PipeView::tr("sending socket"), PipeView::tr("receiving socket"),
                    QStringLiteral("send()"), QStringLiteral("recv()"), PipeView::tr("bytes")};
        default:
            return {PipeView::tr("write end"), PipeView::tr("read end"), QStringLiteral("write()"),
                    QStringLiteral("read()"), PipeView::tr("bytes")};
    }
}

}  // namespace

void PipeView::paintPipe(QPainter& p, int pipe, const PipeState& s, const QRect& area) {
    const int line = fontMetrics().height();
    const Words words = wordsFor(m_model->kind(pipe));
    paintTitle(p, pipe, s, area);
    // The tube: messages enter at the sending end (left) and leave at the receiving end (right).
    const int top = area.top() + line + 6;
    const QRect tube(area.left() + 8, top + line, area.width() - 16, line * 2);
    p.setPen(Palette::text());
    p.drawText(QRect(tube.left(), top, tube.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
               words.sendEnd);
    p.drawText(QRect(tube.left(), top, tube.width(), line), Qt::AlignRight | Qt::AlignVCenter,
               words.receiveEnd);
    paintTube(p, pipe, s, tube);
    paintEnds(p, pipe, s, tube);
}

void PipeView::paintTitle(QPainter& p, int pipe, const PipeState& s, const QRect& area) {
    const QFontMetrics fm = fontMetrics();
    const auto capacity = static_cast<std::int64_t>(m_model->capacity(pipe));
    const bool queue = m_model->kind(pipe) == ObjectKind::MessageQueue;
    // The name, then what the kernel holds.
    p.setPen(Palette::text());
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QString name = m_model->name(pipe);
    p.drawText(QPoint(area.left() + 6, area.top() + fm.ascent()), name);
    p.setFont(font());
    const auto inPipe = s.messagesInPipe();
    const QString count = inPipe == 1 ? tr("1 message in it") : tr("%1 messages in it").arg(inPipe);
    // A queue counts messages; a pipe bytes; a socket's capacity is no fixed number (what its
    // sender may have queued, with the kernel's overhead), so it shows only what is in flight.
    const QString fill = queue ? tr("%1 of %2 messages").arg(s.fill).arg(capacity)
                         : capacity > 0
                             ? tr("%1 of %2 bytes · %3").arg(s.fill).arg(capacity).arg(count)
                             : count;
    p.drawText(QRect(area.left() + 12 + QFontMetrics(bold).horizontalAdvance(name), area.top(),
                     area.width(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(fill, Qt::ElideRight, area.width()));
}

void PipeView::paintTube(QPainter& p, int pipe, const PipeState& s, const QRect& tube) {
    const QFontMetrics fm = fontMetrics();
    const auto capacity = static_cast<std::int64_t>(m_model->capacity(pipe));
    const bool queue = m_model->kind(pipe) == ObjectKind::MessageQueue;
    const auto inPipe = s.messagesInPipe();
    p.setPen(QPen(Palette::text(), 1.5));
    p.setBrush(Palette::grid());
    p.drawRect(tube);
    const auto held = m_model->messagesHeld(pipe, s, 64);
    // The filled part: against the capacity where there is one, else a cell per message.
    auto label = [&](const PipeState::Queued& m) {
        return queue ? QStringLiteral("%1 p%2").arg(m.number).arg(m.priority)
                     : QString::number(m.number);
    };
    int cellMin = fm.horizontalAdvance(QStringLiteral("00")) + 6;
    for (const auto& m : held)
        cellMin = std::max(cellMin, fm.horizontalAdvance(label(m)) + 6);
    int fillW = 0;
    if (capacity > 0) {
        const double frac = std::clamp(double(s.fill) / double(capacity), 0.0, 1.0);
        fillW = static_cast<int>(frac * tube.width());
    } else {
        fillW = std::min<int>(tube.width(), static_cast<int>(inPipe) * cellMin);
    }
    if (fillW <= 0) return;
    const QRect bar(tube.right() - fillW + 1, tube.top() + 1, fillW - 1, tube.height() - 1);
    p.fillRect(bar, Palette::arrival());
    // One cell per message, next out at the receiving end, when each has room for its label.
    const int cells = static_cast<int>(held.size());
    const int cellW = cells > 0 ? fillW / cells : 0;
    p.setPen(QPen(Palette::labelInk(), 1));
    if (cells > 0 && cells == inPipe && cellW >= cellMin) {
        for (int k = 0; k < cells; ++k) {
            const QRect cell(bar.right() - (k + 1) * cellW + 1, bar.top(), cellW, bar.height());
            if (k + 1 < cells) p.drawLine(cell.topLeft(), cell.bottomLeft());
            p.drawText(cell, Qt::AlignCenter, label(held[static_cast<std::size_t>(k)]));
        }
    }
}

void PipeView::paintEnds(QPainter& p, int pipe, const PipeState& s, const QRect& tube) {
    const int line = fontMetrics().height();
    const Words words = wordsFor(m_model->kind(pipe));
    const QString name = m_model->name(pipe);
    // Who waits, and for what: one line per end, the waiting one on the state's colour.
    auto status = [&](bool writerSide) -> std::pair<QString, bool> {
        const auto actor = writerSide ? s.writer : s.reader;
        const QString who = actor == kNoActor ? (writerSide ? tr("the sender") : tr("the receiver"))
                                              : m_timeline->actorName(actor);
        if (writerSide && s.writerBlocked)
            return {tr("%1 waits in %2: %3 is full").arg(who, words.sendCall, name), true};
        if (!writerSide && s.readerBlocked)
            return {tr("%1 waits in %2: %3 is empty").arg(who, words.receiveCall, name), true};
        if (!writerSide && s.ended)
            return {tr("%1 saw the end: no sender is left").arg(who), false};
        if (writerSide)
            return {s.sends ? tr("%1 sent message %2").arg(who).arg(s.lastSent) : who, false};
        return {s.receives ? tr("%1 took message %2").arg(who).arg(s.lastReceived) : who, false};
    };
    int y = tube.bottom() + 4;
    for (bool writerSide : {true, false}) {
        const auto [text, waiting] = status(writerSide);
        QFont f = font();
        f.setBold(waiting);
        p.setFont(f);
        const QFontMetrics m(f);
        const QString shown = m.elidedText(text, Qt::ElideRight, tube.width() - 8);
        const QRect box(tube.left(), y, m.horizontalAdvance(shown) + 8, line + 2);
        if (waiting) {
            p.setPen(Qt::NoPen);
            p.setBrush(Palette::state(ActorState::WaitingOnIpc).color);
            p.drawRoundedRect(box, 4, 4);
            p.setPen(Qt::white);  // on the state's blue
        } else {
            p.setPen(Palette::text());
        }
        p.drawText(box, Qt::AlignCenter, shown);
        y += line + 4;
    }
    p.setFont(font());
}

}  // namespace interleave::ui
