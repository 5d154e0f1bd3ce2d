#pragma once
// A ring that follows the mouse over a window, drawn by the program itself so that screen
// recordings (which often leave the system pointer out) show where the teacher points. Lets
// every mouse event through.

#include <QPoint>
#include <QWidget>

namespace interleave::ui {

class PointerHighlight : public QWidget {
    Q_OBJECT
  public:
    explicit PointerHighlight(QWidget* window);
    void setActive(bool on);
    bool active() const { return m_active; }
    QPoint position() const { return m_pos; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent*) override;

  private:
    QWidget* m_window;
    QPoint m_pos{-100, -100};
    bool m_active = false;
};

}  // namespace interleave::ui
