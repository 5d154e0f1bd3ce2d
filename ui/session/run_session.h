#pragma once
// One run (or one loaded trace) as the GUI sees it: starts and steers the Supervisor, owns the
// event store the models read, and relays the signal bridge.

#include <QObject>
#include <QString>
#include <QStringList>
#include <chrono>
#include <memory>
#include <vector>

#include "core/channel/event_store.h"
#include "core/supervise/schedule_replay.h"
#include "core/supervise/scheduler.h"
#include "core/supervise/supervisor.h"
#include "core/trace/run_description.h"
#include "ui/session/signal_bridge.h"

namespace interleave::ui {

// A stretch of the run's clock during which it was paused; `endNs` is -1 while it still is.
struct PauseSpan {
    std::int64_t beginNs = 0;
    std::int64_t endNs = -1;
};

class RunSession : public QObject {
    Q_OBJECT
  public:
    explicit RunSession(QObject* parent = nullptr);
    ~RunSession() override;

    // Both return an empty string on success, otherwise what went wrong. `schedule` Manual:
    // every step waits for a grant (scheduler()); `replay`: those grants are given again, in
    // order, and the run then waits for more by hand.
    QString start(const QString& scenario, const QStringList& assignments, double speed,
                  ScheduleMode schedule = ScheduleMode::Free,
                  std::vector<ScheduledActor> replay = {});
    // What the lab of the next run logs, and the file it also writes (empty: none).
    void setLogging(LogLevel level, const QString& file) {
        m_logLevel = level;
        m_logFile = file;
    }
    QString logFile() const { return m_logFile; }
    QString loadTrace(const QString& path);
    QString saveTrace(const QString& path) const;

    void pause();
    void resume();
    void step();
    void stop();
    void setSpeed(double factor);

    bool active() const;                                  // a run is going on
    bool stoppedEarly() const { return m_stoppedEarly; }  // by Stop, before its end
    // The live run's scheduler (null without one), and whether it is scheduled by hand.
    const Scheduler* scheduler() const { return m_scheduler.get(); }
    bool manual() const;
    // Switches the live run between manual and free scheduling.
    void setManual(bool on);
    // The schedule being given again (null when none or when it is done).
    const ScheduleReplay* scheduleReplay() const { return m_scheduleReplay.get(); }
    bool paused() const { return m_paused; }
    bool isReplay() const { return m_replay != nullptr; }
    const EventStore* store() const;
    QString scenario() const { return m_scenario; }
    // The current run's scenario, parameter values, program and machine; a replay's, as its
    // trace says (an empty scenario: a trace from before descriptions were saved).
    const RunDescription& description() const { return m_description; }
    // Pins a note to a moment of an actor's lane; saved with the run.
    void addAnnotation(Annotation note) { m_description.annotations.push_back(std::move(note)); }
    // "Now" on the run's clock, in ns since its origin (the last event for a finished run).
    // While paused it holds at the moment of the pause, so the picture holds still; a step
    // moves it to the step's last event.
    std::int64_t nowNs() const;
    // The run's clock in seconds, as "now", the time axis and the captions have it: pauses
    // included (the timeline veils them), so every number on the screen is on one clock.
    double elapsedSeconds() const;
    // How much of elapsedSeconds() the run spent paused (closed pauses).
    double pausedSeconds() const;
    // When the current run was paused, on its clock, in order. A step splits a pause: the
    // stretch from its grant to its last event is the run's, not veiled.
    const std::vector<PauseSpan>& pauses() const { return m_pauses; }
    // When the viewer paused, on the run's clock (-1: not paused). Steps do not end it: a
    // thread that was not stepped has stood still since then, and its lane ends there.
    std::int64_t heldSinceNs() const { return m_paused ? m_heldSince : -1; }
    std::uint64_t dropped() const;
    QString labStatusText() const;
    quint64 runId() const { return m_runId; }

  signals:
    void storeReset(const interleave::EventStore* store);
    void eventsAppended(quint64 first, quint64 last);
    void stateChanged();
    // A line of the current run's lab log (level: a LogLevel).
    void labLogged(int level, const QString& text, qint64 ns);

  private:
    void replaceStore(std::unique_ptr<Supervisor> run, std::unique_ptr<EventStore> replay);
    void onEventsAppended(quint64 runId, quint64 first, quint64 last);
    void onRunFinished(quint64 runId);

    void endScheduling();  // before the run's channel goes away

    std::unique_ptr<Supervisor> m_run;
    std::unique_ptr<Scheduler> m_scheduler;            // the live run's
    std::unique_ptr<ScheduleReplay> m_scheduleReplay;  // its thread uses the run's channel
    std::unique_ptr<EventStore> m_replay;
    std::unique_ptr<SignalBridge> m_bridge;  // the current run's
    quint64 m_runId = 0;                     // the run whose signals are taken
    quint64 m_nextRunId = 0;
    QString m_scenario;
    RunDescription m_description;
    bool m_paused = false;
    bool m_finished = false;
    bool m_stoppedEarly = false;  // Stop ended the run going on
    std::chrono::steady_clock::time_point m_started{};
    std::chrono::steady_clock::time_point m_ended{};
    std::int64_t m_lastNs = 0;
    std::int64_t m_endNs = 0;  // the run's clock when it ended
    bool m_stepVeil = false;   // the open pause begins at the last step's last event
    std::vector<PauseSpan> m_pauses;
    std::int64_t m_heldSince = -1;  // see heldSinceNs()
    std::chrono::steady_clock::time_point m_pausedAt{};
    std::chrono::steady_clock::duration m_pausedFor{};  // closed pauses
    std::int64_t runClockNs() const;                    // the run's clock, paused or not
    void closePause();
    LogLevel m_logLevel = LogLevel::warn;
    QString m_logFile;
};

}  // namespace interleave::ui
