#pragma once
// The transport: Run (Restart while a run goes on), Pause/Resume, Step, Stop, the speed of
// simulated work, and Live. The window connects the actions; the bar only shows the state.

#include <QToolBar>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/channel/speed_range.h"
#include "core/schema/event_kinds.h"

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace interleave::ui {

class TransportBar : public QToolBar {
    Q_OBJECT
  public:
    explicit TransportBar(QWidget* parent);

    QAction* runAction() const { return m_run; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* liveAction() const { return m_live; }

    // The speed slider is logarithmic: 0.05x .. 4x for a run, 0.1x .. 10x for playing one.
    double speed() const;
    void setSpeed(double speed);
    // The icons again, in the theme now applied (light icons on a dark tool bar).
    void applyTheme();
    // Pause, Step and Stop only while a run goes on; Pause reads Resume while paused.
    void showRunState(bool active, bool paused);
    // A finished run or a replay: Pause reads Play (Pause while it plays), Step reads Next
    // event; Stop has nothing to stop.
    void showReplayState(bool playing);
    // Where the cursor is in a finished run, 0 (start) .. 1 (end), on the scrub slider.
    void setScrubPosition(double fraction);
    QSlider* scrubSlider() const { return m_scrub; }
    bool scrubShown() const;  // only for a finished run
    // What Next and Previous step through in a finished run: every actor's events, or one
    // actor's; every kind, or one kind. Offered: the run's actors and the kinds it has.
    void setStepChoices(const std::vector<std::pair<std::uint32_t, QString>>& actors,
                        const std::vector<EventKind>& kinds);
    std::optional<std::uint32_t> stepActor() const;
    std::optional<EventKind> stepKind() const;
    QComboBox* stepActorBox() const { return m_stepActor; }
    QComboBox* stepKindBox() const { return m_stepKind; }

  signals:
    void speedChanged(double speed);
    void scrubbed(double fraction);  // the user dragged the scrub slider

  private:
    QAction* m_run;
    QAction* m_pause;
    QAction* m_step;
    QAction* m_stop;
    QAction* m_live;
    void setSpeedRange(double lowest, double highest);

    QSlider* m_speed;
    QLabel* m_speedLabel;
    QSlider* m_scrub;
    QAction* m_scrubAction;
    QComboBox* m_stepActor;
    QComboBox* m_stepKind;
    std::vector<QAction*> m_replayOnly;  // the step choices: shown with the scrub slider
    double m_min = kMinSpeed, m_max = kMaxSpeed;
};

}  // namespace interleave::ui
