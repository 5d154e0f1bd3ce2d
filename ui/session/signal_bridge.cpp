#include "ui/session/signal_bridge.h"

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

void SignalBridge::onLog(const LabLogLine& line) {
    const auto id = m_runId;
    const int level = static_cast<int>(line.level);
    const auto text = QString::fromStdString(line.text);
    const auto ns = static_cast<qint64>(line.ns);
    QMetaObject::invokeMethod(
        this, [this, id, level, text, ns] { emit labLogged(id, level, text, ns); },
        Qt::QueuedConnection);
}

}  // namespace interleave::ui
