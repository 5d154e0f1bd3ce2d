#include "ui/lesson_panel.h"

#include <QFile>

// The lessons live in a static library's resource file, which must be registered by hand.
static void initLessonResources() {
    Q_INIT_RESOURCE(interleave);
}

namespace interleave::ui {

LessonPanel::LessonPanel(QWidget* parent) : QTextBrowser(parent) {
    initLessonResources();
    setOpenExternalLinks(false);
    setMinimumWidth(280);
}

void LessonPanel::showLesson(const QString& scenario) {
    QFile file(QStringLiteral(":/lessons/%1.md").arg(scenario));
    m_quiz = {};
    if (!file.open(QIODevice::ReadOnly)) {
        setMarkdown(
            tr("# %1\n\nThere is no lesson for this scenario yet. Run it and watch the timeline: "
               "every coloured stretch is what a real thread was doing.")
                .arg(scenario));
        return;
    }
    std::string shown, error;
    const auto text = file.readAll().toStdString();
    // A block that does not parse is the lesson's author's mistake (a test reads every lesson):
    // the lesson still shows, with no questions.
    if (auto quiz = parseLessonQuiz(text, &shown, error)) m_quiz = std::move(*quiz);
    setMarkdown(QString::fromStdString(shown.empty() ? text : shown));
}

}  // namespace interleave::ui
