#include "ui/window/pointer_highlight.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

#include "ui/base/palette.h"

namespace interleave::ui {

namespace {
constexpr int kRadius = 22;
}

PointerHighlight::PointerHighlight(QWidget* window) : QWidget(window), m_window(window) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    hide();
}

void PointerHighlight::setActive(bool on) {
    if (on == m_active) return;
    m_active = on;
    if (on) {
        qApp->installEventFilter(this);
        setGeometry(m_window->rect());
        raise();
        show();
    } else {
        qApp->removeEventFilter(this);
        hide();
    }
}

bool PointerHighlight::eventFilter(QObject*, QEvent* event) {
    if (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonPress) {
        const auto global = static_cast<QMouseEvent*>(event)->globalPosition().toPoint();
        const QPoint at = m_window->mapFromGlobal(global);
        if (at != m_pos) {
            const QRect old(m_pos - QPoint(kRadius + 4, kRadius + 4),
                            QSize(2 * kRadius + 8, 2 * kRadius + 8));
            m_pos = at;
            setGeometry(m_window->rect());
            raise();
            update(old);
            update(QRect(m_pos - QPoint(kRadius + 4, kRadius + 4),
                         QSize(2 * kRadius + 8, 2 * kRadius + 8)));
        }
    }
    return false;
}

void PointerHighlight::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QColor fill = Palette::accent();
    fill.setAlpha(60);
    p.setBrush(fill);
    p.setPen(QPen(Palette::accent(), 3));
    p.drawEllipse(m_pos, kRadius, kRadius);
}

}  // namespace interleave::ui
