#pragma once
// Carries "new events" from the supervisor's reader thread to the GUI thread: at most one
// queued signal per frame (<= 60 Hz) naming the whole new range, never one signal per event.

#include <QObject>
#include <chrono>
#include <cstdint>

namespace interleave::ui {

class SignalBridge : public QObject {
    Q_OBJECT
  public:
    static constexpr std::chrono::milliseconds kFrame{16};

    explicit SignalBridge(QObject* parent = nullptr) : QObject(parent) {}

    // Reader thread: the store has `published` rows; `finished` on the run's last call.
    void onPublished(std::size_t published, bool finished);
    // GUI thread: forget what was announced (a new store).
    void restart();

  signals:
    void eventsAppended(quint64 first, quint64 last);
    void runFinished();

  private:
    std::size_t m_announced = 0;  // reader thread only (and restart(), before a run starts)
    std::chrono::steady_clock::time_point m_lastEmit{};
};

}  // namespace interleave::ui
