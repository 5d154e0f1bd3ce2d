#pragma once
// Carries "new events" from the supervisor's reader thread to the GUI thread: at most one
// queued signal per frame (<= 60 Hz) naming the whole new range, never one signal per event.
//
// One bridge per run, and every signal carries the run's id: a queued signal of a run that has
// since been replaced (Restart) reaches the session after the new run started, and the session
// must be able to tell it apart and drop it.

#include <QObject>
#include <QString>
#include <chrono>
#include <cstdint>

#include "core/supervise/lab_log.h"

namespace interleave::ui {

class SignalBridge : public QObject {
    Q_OBJECT
  public:
    static constexpr std::chrono::milliseconds kFrame{16};

    explicit SignalBridge(quint64 runId, QObject* parent = nullptr)
        : QObject(parent), m_runId(runId) {}

    quint64 runId() const { return m_runId; }
    // Reader thread: the store has `published` rows; `finished` on the run's last call.
    void onPublished(std::size_t published, bool finished);
    // Reader thread: a line of the lab's log. Lines are rare (warnings and errors by default),
    // so each is one queued signal.
    void onLog(const LabLogLine& line);

  signals:
    void eventsAppended(quint64 runId, quint64 first, quint64 last);
    void runFinished(quint64 runId);
    void labLogged(quint64 runId, int level, const QString& text, qint64 ns);

  private:
    const quint64 m_runId;
    std::size_t m_announced = 0;  // reader thread only
    std::chrono::steady_clock::time_point m_lastEmit{};
};

}  // namespace interleave::ui
