#include "ui/signal_bridge.h"

#include <QMetaObject>

namespace interleave::ui {

void SignalBridge::onPublished(std::size_t published, bool finished) {
    const auto now = std::chrono::steady_clock::now();
    if (published > m_announced && (finished || now - m_lastEmit >= kFrame)) {
        const auto first = static_cast<quint64>(m_announced);
        const auto last = static_cast<quint64>(published);
        m_announced = published;
        m_lastEmit = now;
        QMetaObject::invokeMethod(
            this, [this, first, last] { emit eventsAppended(first, last); }, Qt::QueuedConnection);
    }
    if (finished)
        QMetaObject::invokeMethod(
            this, [this] { emit runFinished(); }, Qt::QueuedConnection);
}

void SignalBridge::restart() {
    m_announced = 0;
    m_lastEmit = {};
}

}  // namespace interleave::ui
