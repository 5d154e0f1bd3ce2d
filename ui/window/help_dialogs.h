#pragma once
// The help the window carries with it, no browser or network needed: the user guide (the
// bundled docs/user-guide.md and its screenshots), the sheet of every key, and the welcome of a
// first start.

#include <QDialog>
#include <QString>
#include <utility>
#include <vector>

class QLabel;
class QTextBrowser;

namespace interleave::ui {

// Help > User guide: the guide rendered from the resource :/guide/user-guide.md, its images
// scaled down to the dialog's width. Resizable; Esc closes it.
class GuideDialog : public QDialog {
    Q_OBJECT
  public:
    explicit GuideDialog(QWidget* parent);
    QTextBrowser* browser() const { return m_browser; }
    static QString guideUrl();  // where the bundled guide is

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void fitImages();  // every picture at most the page's width, none enlarged
    QTextBrowser* m_browser;
};

// Help > Keyboard shortcuts (and `?`): every key the window defines, read from its actions and
// shortcuts when the sheet opens, so the sheet cannot drift from what the keys do.
class ShortcutSheet : public QDialog {
    Q_OBJECT
  public:
    // Key (as shown to the user) and what it does, in the order the window made them; keys
    // that do the same thing share a row ("1, 2, …, 9").
    using Rows = std::vector<std::pair<QString, QString>>;
    static Rows collect(const QWidget* window);
    ShortcutSheet(const QWidget* window, QWidget* parent);
    QString text() const;  // the sheet as plain text
    QTextBrowser* browser() const { return m_browser; }

  private:
    QTextBrowser* m_browser;
};

// The welcome of a first start: what Interleave is, where to begin, the teacher's three keys.
class WelcomeDialog : public QDialog {
    Q_OBJECT
  public:
    // `run`, `pause`, `presenter`: the keys as the window has them.
    WelcomeDialog(const QString& run, const QString& pause, const QString& presenter,
                  QWidget* parent);
    QString text() const;

  signals:
    void guideRequested();
    void scenarioRequested(const QString& name);

  private:
    QLabel* m_label;
};

}  // namespace interleave::ui
