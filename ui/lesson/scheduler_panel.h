#pragma once
// Scheduler mode's panel: a card per actor, in lane order, saying the step it will take next
// ("thread 2: read counter (now 41)"). Clicking a card, or pressing its number, lets exactly that
// actor take that step; an actor blocked in the kernel says so and cannot be chosen. Under the
// cards, the lesson's goals, each ticked with the steps it took once the events show it, and
// "Run freely" and "Replay this schedule".

#include <QWidget>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/analysis/goals.h"
#include "core/lesson/lesson_quiz.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace interleave::ui {

class RunSession;

class SchedulerPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SchedulerPanel(RunSession* session, QWidget* parent = nullptr);

    // The goals of the scenario's lesson (unknown goal names are left out).
    void setGoals(const std::vector<LessonGoal>& goals);
    // Reads the scheduler and the events again; the window calls it every frame.
    void refresh();
    // Grants a step to the actor of card `number` (1 = the first). False when that actor
    // cannot take one now.
    bool choose(int number);
    // The same for the card of `actor` (the code panel's click on its line).
    bool chooseActor(std::uint32_t actor);
    // Whether the current run or trace has a schedule to give again.
    bool hasSchedule() const { return m_hasSchedule; }

    // For tests.
    int cardCount() const { return static_cast<int>(m_cards.size()); }
    QPushButton* card(int index) const { return m_cards[static_cast<std::size_t>(index)]; }
    QString goalText() const;
    std::size_t stepsGranted() const { return m_granted; }

  signals:
    void runFreely();
    void replayRequested();
    void goalReached(const QString& text);

  private:
    void rebuildCards(std::size_t count);
    void checkGoals();

    RunSession* m_session;
    QLabel* m_intro;
    QVBoxLayout* m_cardBox;
    std::vector<QPushButton*> m_cards;
    std::vector<std::uint32_t> m_cardActor;
    QLabel* m_goals;
    QPushButton* m_free;
    QPushButton* m_replay;
    struct GoalState {
        Goal goal;
        QString text;
        std::optional<GoalReached> reached;
    };
    std::vector<GoalState> m_goalStates;
    const void* m_store = nullptr;  // the store the goals were read from
    std::size_t m_seen = 0;         // its size then
    std::size_t m_granted = 0;
    bool m_hasSchedule = false;
    std::size_t m_scheduleCheckedAt = 0;  // store size + 1 when last asked; 0: not asked
};

}  // namespace interleave::ui
