#pragma once
#include <QWidget>

#include "ui/buffer_model.h"
#include "ui/time_cursor.h"

namespace interleave::ui {

class TimelineModel;

// The bounded buffer at the time cursor: one box per slot with its item, head and tail marked,
// occupancy, and the most recent changes highlighted and fading.
class BufferView : public QWidget {
    Q_OBJECT
  public:
    BufferView(BufferModel* model, const TimelineModel* timeline, TimeCursor* cursor,
               QWidget* parent = nullptr);
    QSize minimumSizeHint() const override { return {260, 150}; }
    // Most items shown at once since the run began (a check that never exceeds capacity).
    std::uint32_t maxShownCount() const { return m_maxShown; }

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    BufferModel* m_model;
    const TimelineModel* m_timeline;
    TimeCursor* m_cursor;
    std::uint32_t m_maxShown = 0;
};

}  // namespace interleave::ui
