#pragma once
// The lab's log for the current run: what it warned about or failed at, which a window would
// otherwise lose (the lab's stderr goes nowhere when the program starts from a desktop).

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace interleave::ui {

class LogPanel : public QWidget {
    Q_OBJECT
  public:
    explicit LogPanel(QWidget* parent = nullptr);

    void startRun(const QString& logFile);  // clears; says where the file copy goes
    void append(int level, const QString& text, qint64 ns);
    int lineCount() const { return m_lines; }
    int problemCount() const { return m_problems; }  // warnings and errors
    QString text() const;

  signals:
    // A warning or an error arrived (the window shows the panel and says so).
    void problem(const QString& text);

  private:
    QLabel* m_file;
    QPlainTextEdit* m_view;
    int m_lines = 0;
    int m_problems = 0;
};

}  // namespace interleave::ui
