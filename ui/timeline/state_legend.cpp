#include "ui/timeline/state_legend.h"

#include <QPainter>

#include "ui/base/palette.h"

namespace interleave::ui {

StateLegend::StateLegend(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void StateLegend::setShown(std::uint32_t shown) {
    if (shown == m_shown) return;
    m_shown = shown;
    updateGeometry();
    update();
}

QSize StateLegend::sizeHint() const {
    return {900, heightForWidth(900)};
}

int StateLegend::heightForWidth(int width) const {
    return layout(width, nullptr);
}

int StateLegend::layout(int width, QPainter* p) const {
    const QFontMetrics fm = fontMetrics();
    const int h = fm.height();
    const int rowH = h + 6;
    int x = 4, y = 3;
    auto place = [&](int w) {
        if (x + w > width && x > 4) {
            x = 4;
            y += rowH;
        }
        const int at = x;
        x += w;
        return at;
    };
    for (auto s :
         {ActorState::Running, ActorState::Spinning, ActorState::Working, ActorState::BlockedOnLock,
          ActorState::WaitingOnCondition, ActorState::WaitingOnSemaphore, ActorState::WaitingOnIpc,
          ActorState::WaitingForGil, ActorState::WaitingForTurn, ActorState::WaitingJoin,
          ActorState::Zombie, ActorState::CaptureWait, ActorState::Lost}) {
        if (!lists(s)) continue;
        const auto& style = Palette::state(s);
        const int w = h * 2 + 5 + fm.horizontalAdvance(style.label) + 16;
        const int at = place(w);
        if (!p) continue;
        const QRect r(at, y + 1, h * 2, h - 2);
        p->fillRect(r, style.color);
        if (style.pattern != Qt::NoBrush)
            p->fillRect(r, QBrush(Palette::patternInk(s), style.pattern));
        p->setPen(palette().color(QPalette::WindowText));
        p->drawRect(r);
        p->drawText(QPoint(at + r.width() + 5, y + h - fm.descent()), style.label);
    }
    if (!m_shown || (m_shown & kFolded)) {
        // Not a state: more steps than pixels; zooming in shows them one by one.
        const QString label = tr("many steps (zoom in)");
        const int at = place(h * 2 + 5 + fm.horizontalAdvance(label) + 16);
        if (p) {
            const QRect r(at, y + 1, h * 2, h - 2);
            p->fillRect(r, Palette::foldedFill());
            p->fillRect(r, QBrush(Palette::foldedInk(), Qt::Dense5Pattern));
            p->setPen(palette().color(QPalette::WindowText));
            p->drawRect(r);
            p->drawText(QPoint(at + r.width() + 5, y + h - fm.descent()), label);
        }
    }
    if (!m_shown || (m_shown & kPaused)) {
        // Not a state of one thread: the whole run was held still by Pause.
        const QString label = tr("paused");
        const int at = place(h * 2 + 5 + fm.horizontalAdvance(label) + 16);
        if (p) {
            const QRect r(at, y + 1, h * 2, h - 2);
            p->fillRect(r, Palette::state(ActorState::Working).color);
            p->fillRect(r, Palette::pausedVeil());
            p->setPen(palette().color(QPalette::WindowText));
            p->drawRect(r);
            p->drawText(QPoint(at + r.width() + 5, y + h - fm.descent()), label);
        }
    }
    if (m_shown & kHolds) {
        // The band along a lane's top while it holds a reader-writer lock.
        for (const bool write : {false, true}) {
            const QString label = write ? tr("holds the write lock") : tr("holds the read lock");
            const int at = place(h * 2 + 5 + fm.horizontalAdvance(label) + 16);
            if (!p) continue;
            const QRect r(at, y + 1, h * 2, std::max(3, h / 3));
            p->fillRect(r, write ? Palette::departure() : Palette::arrival());
            if (write) p->fillRect(r, QBrush(Palette::text(), Qt::BDiagPattern));
            p->setPen(palette().color(QPalette::WindowText));
            p->drawRect(r);
            p->drawText(QPoint(at + h * 2 + 5, y + h - fm.descent()), label);
        }
    }
    for (const auto& m : markers()) {
        const int at = place(fm.horizontalAdvance(m) + 16);
        if (p) p->drawText(QPoint(at, y + h - fm.descent()), m);
    }
    return y + rowH;
}

QStringList StateLegend::markers() const {
    QStringList markers = {tr("▲ lock taken"), tr("▽ lock released"),          tr("● put / write"),
                           tr("○ get / read"), tr("—▸ item or message moved"), tr("- -▸ wake-up")};
    if (m_shown & kSignals) markers << tr("◆ signal sent") << tr("◇ its handler runs");
    if (m_shown & kFault) markers << tr("✕ a fault: the process is killed");
    // daemon-threads: the main thread returned and the process's end took the others along.
    if (m_shown & kCutOff) markers << tr("✕ cut off: its process ended under it");
    return markers;
}

void StateLegend::paintEvent(QPaintEvent*) {
    QPainter p(this);
    layout(width(), &p);
}

}  // namespace interleave::ui
