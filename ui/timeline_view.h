#pragma once
// The timeline: one lane per actor, grouped by process; QCustomPlot provides axes, zoom (wheel)
// and pan (drag); a click moves the time cursor there, a double-click fits the whole run and
// follows "now" again.

#include <QSharedPointer>
#include <QWidget>
#include <array>
#include <utility>
#include <vector>

#include "ui/time_cursor.h"
#include "ui/timeline_model.h"

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemRect;
class QCPItemText;

namespace interleave::ui {

class LanePlottable;

class TimelineView : public QWidget {
    Q_OBJECT
  public:
    static constexpr double kLiveWindowMs = 5000;  // what live follow shows unless one zooms

    TimelineView(TimelineModel* model, TimeCursor* cursor, QWidget* parent = nullptr);

    void setNow(std::int64_t ns);  // the run's clock, for live follow and the open segments
    void setFontScale(double scale);
    // The whole run; while it is young (`exact` false) at least the live window, so it fills from
    // the left instead of stretching.
    void fitAll(bool exact = false);
    // A new run: live, at the default window from 0, whatever the last run was zoomed to.
    void startLive();
    // Stretches of the run's clock when it was paused (end -1: still paused, until "now"),
    // drawn over every lane in the "paused" style of the legend.
    void setPauses(const std::vector<std::pair<std::int64_t, std::int64_t>>& pauses);
    int pauseBandCount() const { return static_cast<int>(m_pauseBands.size()); }
    void applyTheme();
    QCustomPlot* plot() const { return m_plot; }
    LanePlottable* lanes() const { return m_lanes; }

  signals:
    void firstMarksDrawn();  // emitted once per run, when the first segment is on screen

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void rebuildLaneLabels();
    void requestReplot();
    void replotIfMoved();
    void fitTicks();
    void showTooltip(const QPoint& pos);
    QString describeAt(int lane, std::int64_t t, double nsPerPixel) const;

    TimelineModel* m_model;
    TimeCursor* m_cursor;
    QCustomPlot* m_plot;
    LanePlottable* m_lanes;
    QCPItemStraightLine* m_cursorLine;
    QCPItemText* m_emptyHint;
    QSharedPointer<class TimeTicker> m_timeTicker;
    std::vector<QCPItemRect*> m_pauseBands;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_pauses;
    void placePauseBands();
    std::int64_t m_now = 0;
    bool m_follow = true;
    bool m_reportedFirstMarks = false;
    double m_fontScale = 1.0;
    QPoint m_pressPos;
    bool m_swallowRelease = false;       // the release that ends a double-click
    std::array<double, 4> m_drawnKey{};  // now and cursor pixels, range, at the last replot
};

}  // namespace interleave::ui
