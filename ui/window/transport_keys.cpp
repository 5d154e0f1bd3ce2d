#include "ui/window/transport_keys.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTimer>

namespace interleave::ui {

TransportKeys::TransportKeys(QWidget* window, QAction* pause, QAction* step, QWidget* home)
    : QObject(window), m_window(window), m_pause(pause), m_step(step), m_home(home) {
    qApp->installEventFilter(this);
}

bool TransportKeys::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress) return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    // Only this window's widgets: a dialog over it keeps its keys.
    if (!widget || widget->window() != m_window) return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() & ~Qt::KeypadModifier) return false;
    QAction* action = key->key() == Qt::Key_Space   ? m_pause.data()
                      : key->key() == Qt::Key_Right ? m_step.data()
                                                    : nullptr;
    if (action) {
        // A shortcut that fires never reaches here as a key press; this one was taken by the
        // focused widget first, so the transport gets it now.
        if (action->isEnabled()) action->trigger();
        return true;
    }
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    const bool field = qobject_cast<QAbstractSpinBox*>(widget) ||
                       qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget);
    if (enter && field && m_home) {
        // The field applies the value as usual; then the keyboard belongs to the transport.
        QTimer::singleShot(0, m_home, [home = m_home] {
            if (home) home->setFocus(Qt::ShortcutFocusReason);
        });
    }
    return false;
}

}  // namespace interleave::ui
