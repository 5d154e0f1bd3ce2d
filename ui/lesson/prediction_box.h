#pragma once
// Predict, then reveal (as OSTEP's simulators ask): before a run, one of the lesson's questions
// with its choices or a field for a number; when the run ends, the prediction beside what this
// run showed, measured from its events, and the lesson's one sentence on why.

#include <QGroupBox>
#include <optional>
#include <vector>

#include "core/channel/event_store.h"
#include "core/lesson/lesson_quiz.h"
#include "core/lesson/prediction.h"

class QButtonGroup;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace interleave::ui {

class PredictionBox : public QGroupBox {
    Q_OBJECT
  public:
    explicit PredictionBox(QWidget* parent = nullptr);

    void setQuestions(std::vector<QuizQuestion> questions);
    const QuizQuestion* question() const;
    // A run starts: the prediction made so far (if any) is locked in for it.
    void runStarted();
    // The run is over: measure it and reveal, but only for a run that can answer the question
    // (whyRunCannotJudge: predicted, free, to its end, with the question's parameters);
    // otherwise say why not, revealing nothing. `run.predicted` is the box's own to fill in.
    // A store without what the question measures says so.
    void runEnded(const EventStore& store, RunForQuestion run,
                  const std::vector<std::pair<std::string, std::string>>& defaults);
    // The prediction chosen now (for tests): a choice's index, or the number.
    void predictChoice(int index);
    void predictNumber(double value);
    QString revealText() const;
    void nextQuestion();

  signals:
    // The parameter values the question is about ("name=value"), to set before running, over
    // the defaults of every other parameter.
    void settingsWanted(const QStringList& assignments);

  private:
    void showQuestion();

    std::vector<QuizQuestion> m_questions;
    std::size_t m_index = 0;
    QLabel* m_ask;
    QWidget* m_choiceArea;
    QGridLayout* m_choiceLayout;
    QButtonGroup* m_choices;
    QDoubleSpinBox* m_number;
    QPushButton* m_settings;
    QLabel* m_settingsText;
    QLabel* m_reveal;
    QPushButton* m_next;
    std::optional<Prediction> m_locked;  // the prediction of the run going on
    bool m_running = false;
};

}  // namespace interleave::ui
