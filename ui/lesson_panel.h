#pragma once
#include <QTextBrowser>

#include "core/trace/lesson_quiz.h"

namespace interleave::ui {

// Renders the scenario's lesson (Markdown from resources/lessons/, compiled in as :/lessons/).
class LessonPanel : public QTextBrowser {
    Q_OBJECT
  public:
    explicit LessonPanel(QWidget* parent = nullptr);
    // Shows the lesson without its machine-readable block, whose goals and questions quiz()
    // then holds (empty for a lesson without one).
    void showLesson(const QString& scenario);
    const LessonQuiz& quiz() const { return m_quiz; }

  private:
    LessonQuiz m_quiz;
};

}  // namespace interleave::ui
