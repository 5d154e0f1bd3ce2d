#include "ui/lesson/lesson_panel.h"

#include <QFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QUrl>

// The lessons live in a static library's resource file, which must be registered by hand.
static void initLessonResources() {
    Q_INIT_RESOURCE(interleave);
}

namespace interleave::ui {

namespace {

const QString kCheckScheme = QStringLiteral("interleave-check");

// Text put inside a Markdown list item: every line indented as the item's own, with a hard
// break between lines.
std::string indented(const QString& text) {
    std::string out;
    for (const auto& line : text.split(QLatin1Char('\n')))
        out += (out.empty() ? "" : "  \n") + std::string("   ") + line.toStdString();
    return out;
}

}  // namespace

LessonPanel::LessonPanel(QWidget* parent) : QTextBrowser(parent) {
    initLessonResources();
    setOpenExternalLinks(false);
    setOpenLinks(false);  // a Check link runs a check; it opens nothing
    setMinimumWidth(280);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == kCheckScheme) emit checkWanted(url.path().toInt());
    });
}

void LessonPanel::showLesson(const QString& scenario) {
    QFile file(QStringLiteral(":/lessons/%1.md").arg(scenario));
    m_quiz = {};
    m_scenario = scenario;
    m_checks.clear();
    m_pending = 0;
    m_shown.clear();
    if (!file.open(QIODevice::ReadOnly)) {
        setMarkdown(
            tr("# %1\n\nThere is no lesson for this scenario yet. Run it and watch the timeline: "
               "every coloured stretch is what a real thread was doing.")
                .arg(scenario));
        compactHeadings();
        return;
    }
    std::string shown, error;
    const auto text = file.readAll().toStdString();
    // A block that does not parse is the lesson's author's mistake (a test reads every lesson):
    // the lesson still shows, with no questions.
    if (auto quiz = parseLessonQuiz(text, &shown, error)) m_quiz = std::move(*quiz);
    m_shown = shown.empty() ? text : shown;
    render();
}

void LessonPanel::showCheck(int item, const QString& text, bool answered) {
    if (text.isEmpty())
        m_checks.remove(item);
    else
        m_checks[item] = {text, answered};
    render();
}

void LessonPanel::render() {
    // Each Try this item gets its line, from the last item back so that offsets stay right.
    auto markdown = m_shown;
    const auto items = tryThisItems(markdown);
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        const auto* t = m_quiz.tryItem(it->number);
        if (!t) continue;
        std::string line;
        if (!t->checkable())
            line = indented(tr("*No single answer: %1.*").arg(QString::fromStdString(t->none)));
        else if (const auto check = m_checks.value(it->number); !check.first.isEmpty())
            line = indented(check.second ? tr("**Checked:** %1").arg(check.first)
                                         : QStringLiteral("*%1*").arg(check.first));
        else
            line = "   [" + tr("Check").toStdString() + "](" + kCheckScheme.toStdString() + ":" +
                   std::to_string(it->number) + ")";
        markdown.insert(it->end, "\n\n" + line);
    }
    // Showing an answer must not jump the reader back to the top of the lesson.
    const int scrolled = verticalScrollBar()->value();
    setMarkdown(QString::fromStdString(markdown));
    compactHeadings();
    verticalScrollBar()->setValue(scrolled);
}

void LessonPanel::compactHeadings() {
    // Markdown's title is xx-large: in a side panel at 1280x720 it wrapped into four lines and
    // left the lesson's text a strip. A title a step larger than the text, in bold, and
    // section headings the text's size, leave the panel to the text.
    for (auto block = document()->begin(); block.isValid(); block = block.next()) {
        const int level = block.blockFormat().headingLevel();
        if (level <= 0) continue;
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        QTextCharFormat chars;
        chars.setProperty(QTextFormat::FontSizeAdjustment, level == 1 ? 1 : 0);
        chars.setFontWeight(QFont::Bold);
        cursor.mergeCharFormat(chars);
        cursor.mergeBlockCharFormat(chars);
        QTextBlockFormat format = block.blockFormat();
        format.setTopMargin(level == 1 ? 0 : fontMetrics().height() * 0.6);
        format.setBottomMargin(fontMetrics().height() * 0.3);
        cursor.setBlockFormat(format);
    }
}

}  // namespace interleave::ui
