#include "ui/signal_bridge.h"

#include <QMetaObject>

namespace interleave::ui {

void SignalBridge::onPublished(std::size_t published, bool finished) {
    const auto now = std::chrono::steady_clock::now();
    const auto id = m_runId;
    if (published > m_announced && (finished || now - m_lastEmit >= kFrame)) {
        const auto first = static_cast<quint64>(m_announced);
        const auto last = static_cast<quint64>(published);
        m_announced = published;
        m_lastEmit = now;
        QMetaObject::invokeMethod(
            this, [this, id, first, last] { emit eventsAppended(id, first, last); },
            Qt::QueuedConnection);
    }
    if (finished)
        QMetaObject::invokeMethod(
            this, [this, id] { emit runFinished(id); }, Qt::QueuedConnection);
}

}  // namespace interleave::ui
