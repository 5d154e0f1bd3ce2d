#pragma once
#include <QWidget>
#include <vector>

#include "ui/session/time_cursor.h"
#include "ui/views/pipe_model.h"

namespace interleave::ui {

class TimelineModel;

// Every pipe of the run at the time cursor, one under the other: a tube from its write end to
// its read end, filled as far as the kernel says it is full, the messages in it by number, and
// which end waits in the kernel (a writer on a full pipe, a reader on an empty one).
class PipeView : public QWidget {
    Q_OBJECT
  public:
    PipeView(PipeModel* model, const TimelineModel* timeline, TimeCursor* cursor,
             QWidget* parent = nullptr);
    QSize minimumSizeHint() const override { return {160, 120}; }
    QSize sizeHint() const override;

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    int pipeHeight() const;
    // One pipe in `area`: its title, the tube between its two ends, and who waits at each.
    void paintPipe(QPainter& p, int pipe, const PipeState& s, const QRect& area);
    void paintTitle(QPainter& p, int pipe, const PipeState& s, const QRect& area);
    void paintTube(QPainter& p, int pipe, const PipeState& s, const QRect& tube);
    void paintEnds(QPainter& p, int pipe, const PipeState& s, const QRect& tube);

    PipeModel* m_model;
    const TimelineModel* m_timeline;
    TimeCursor* m_cursor;
    std::vector<std::int64_t> m_painted;  // per pipe: the event its painted state follows
};

}  // namespace interleave::ui
