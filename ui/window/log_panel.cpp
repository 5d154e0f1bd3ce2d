#include "ui/window/log_panel.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/supervise/lab_log.h"
#include "ui/base/palette.h"

namespace interleave::ui {

LogPanel::LogPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_file = new QLabel(this);
    m_file->setWordWrap(true);
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view = new QPlainTextEdit(this);
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(5000);  // a run logging at "trace" cannot eat the memory
    m_view->setPlaceholderText(tr("Nothing reported: the lab logs its warnings and errors here."));
    layout->addWidget(m_file);
    layout->addWidget(m_view, 1);
}

void LogPanel::startRun(const QString& logFile) {
    m_view->clear();
    m_lines = 0;
    m_problems = 0;
    m_file->setText(logFile.isEmpty() ? QString()
                                      : tr("Also written, with timestamps, to %1").arg(logFile));
}

void LogPanel::append(int level, const QString& text, qint64 ns) {
    const auto lvl = static_cast<LogLevel>(level);
    const bool isProblem = lvl >= LogLevel::warn;
    const QString name = QString::fromLatin1(logLevelName(lvl).data(),
                                             static_cast<qsizetype>(logLevelName(lvl).size()));
    const QString line = QStringLiteral("[%1 ms] %2: %3")
                             .arg(static_cast<double>(ns) / 1e6, 0, 'f', 1)
                             .arg(name, text.toHtmlEscaped());
    m_view->appendHtml(isProblem ? QStringLiteral("<span style=\"color:%1\">%2</span>")
                                       .arg(Palette::departure().name(), line)
                                 : line);
    ++m_lines;
    if (isProblem) {
        ++m_problems;
        emit problem(text);
    }
}

QString LogPanel::text() const {
    return m_view->toPlainText();
}

}  // namespace interleave::ui
