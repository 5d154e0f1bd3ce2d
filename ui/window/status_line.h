#pragma once
// The status bar's line: what the run is doing (a sentence the window words), and its numbers:
// time, events, events a second, and losses, loud when there are any.

#include <QElapsedTimer>
#include <QObject>
#include <cstdint>

class QLabel;
class QStatusBar;

namespace interleave::ui {

class RunSession;

class StatusLine : public QObject {
    Q_OBJECT
  public:
    StatusLine(QStatusBar* bar, QObject* parent);

    bool due() const { return m_clock.elapsed() >= 250; }  // four times a second is enough
    void restart() { m_eventsBefore = 0; }                 // a new run's numbers
    void show(const RunSession& session, const QString& state);
    QString state() const;  // the sentence shown

  private:
    QLabel* m_state;
    QLabel* m_elapsed;
    QLabel* m_events;
    QLabel* m_rate;
    QLabel* m_dropped;
    QElapsedTimer m_clock;  // since the last show, for the rate
    std::uint64_t m_eventsBefore = 0;
};

}  // namespace interleave::ui
