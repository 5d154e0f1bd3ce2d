#pragma once
#include <QWidget>

namespace interleave::ui {

// The key to the timeline: each state's colour, pattern and name, plus the marker shapes.
class StateLegend : public QWidget {
    Q_OBJECT
  public:
    explicit StateLegend(QWidget* parent = nullptr);
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    // Lays the entries out in rows that fit `width`; paints them when `p` is given. Returns the
    // height used.
    int layout(int width, class QPainter* p) const;
};

}  // namespace interleave::ui
