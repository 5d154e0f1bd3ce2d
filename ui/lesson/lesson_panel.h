#pragma once
#include <QMap>
#include <QTextBrowser>

#include "core/lesson/lesson_quiz.h"

namespace interleave::ui {

// Renders the scenario's lesson (Markdown from resources/lessons/, compiled in as :/lessons/).
// Beside each "Try this" item: a Check link when its answer can be measured (checkWanted), or
// why it has no single answer. A check's answer is shown under its item only once asked for.
class LessonPanel : public QTextBrowser {
    Q_OBJECT
  public:
    explicit LessonPanel(QWidget* parent = nullptr);
    // Shows the lesson without its machine-readable block, whose goals and questions quiz()
    // then holds (empty for a lesson without one).
    void showLesson(const QString& scenario);
    const LessonQuiz& quiz() const { return m_quiz; }
    const QString& scenario() const { return m_scenario; }

    // What to show under Try this item `item` in place of its Check link: its answer
    // (`answered`, shown as "Checked: ..."), or a note (that it is running, or why a run cannot
    // answer it); empty: the link again.
    void showCheck(int item, const QString& text, bool answered = true);
    QString checkText(int item) const { return m_checks.value(item).first; }
    // The item whose check waits for the run going on (0: none).
    void setPendingCheck(int item) { m_pending = item; }
    int pendingCheck() const { return m_pending; }
    // As a click on item's Check link would (for tests).
    void clickCheck(int item) { emit checkWanted(item); }

  signals:
    void checkWanted(int item);

  private:
    void render();
    void compactHeadings();  // after each setMarkdown

    LessonQuiz m_quiz;
    QString m_scenario;
    std::string m_shown;                       // the lesson's Markdown without its block
    QMap<int, QPair<QString, bool>> m_checks;  // by item: the text, and whether an answer
    int m_pending = 0;
};

}  // namespace interleave::ui
