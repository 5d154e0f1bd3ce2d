#pragma once
// The shared variables at the time cursor: each one's value in a large box, and beside it each
// thread's private copy while it has read the value and not yet written it back (the window
// in which another thread's update gets lost).

#include <QWidget>

namespace interleave::ui {

class SharedVariableModel;
class TimelineModel;
class TimeCursor;

class SharedVariableView : public QWidget {
    Q_OBJECT
  public:
    SharedVariableView(SharedVariableModel* model, const TimelineModel* timeline,
                       TimeCursor* cursor, QWidget* parent = nullptr);
    QSize minimumSizeHint() const override { return {160, 100}; }
    QSize sizeHint() const override { return {360, 200}; }

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    SharedVariableModel* m_model;
    const TimelineModel* m_timeline;
    TimeCursor* m_cursor;
};

}  // namespace interleave::ui
