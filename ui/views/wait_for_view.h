#pragma once
// The wait-for graph at the time cursor: threads (rounded boxes) and locks (circles) around a
// table, an arrow from a lock to the thread holding it, a dashed arrow from a thread to the lock
// it waits for; a cycle is drawn thick in the warning colour and named in one sentence above.

#include <QWidget>

class QPainter;

namespace interleave::ui {

class WaitForModel;

class WaitForView : public QWidget {
    Q_OBJECT
  public:
    explicit WaitForView(WaitForModel* model, QWidget* parent = nullptr);
    QSize minimumSizeHint() const override { return {160, 150}; }
    QSize sizeHint() const override { return {360, 300}; }

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    // The sentence above the graph (the brief one when the whole would crowd it out); returns
    // the height it takes.
    int paintSentence(QPainter& p);

    WaitForModel* m_model;
};

}  // namespace interleave::ui
