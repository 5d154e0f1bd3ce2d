#pragma once
#include <QTextBrowser>

namespace interleave::ui {

// Renders the scenario's lesson (Markdown from resources/lessons/, compiled in as :/lessons/).
class LessonPanel : public QTextBrowser {
    Q_OBJECT
  public:
    explicit LessonPanel(QWidget* parent = nullptr);
    void showLesson(const QString& scenario);
};

}  // namespace interleave::ui
