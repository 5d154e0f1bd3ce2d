#pragma once
// Space (pause/resume) and Right (step) work whatever has focus in the window. A parameter
// field takes Space and Right for itself before any shortcut sees them, so after changing a
// value the teacher's Space would be lost: this application event filter gives those two keys
// to the transport first. Enter in a field applies it and hands the keyboard back to the
// timeline.

#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace interleave::ui {

class TransportKeys : public QObject {
    Q_OBJECT
  public:
    // `window`'s widgets are watched; `home` gets the focus back after Enter in a field.
    TransportKeys(QWidget* window, QAction* pause, QAction* step, QWidget* home);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget* m_window;
    QPointer<QAction> m_pause, m_step;
    QPointer<QWidget> m_home;
};

}  // namespace interleave::ui
