#pragma once
// The timeline: one lane per actor, grouped by process; QCustomPlot provides axes, zoom (wheel)
// and pan (drag); a click moves the time cursor there, a double-click fits the whole run and
// follows "now" again. The lanes themselves are a LaneCanvas over the plot's axis rect, so a
// live frame redraws the columns that changed, not the plot. Following a live run, the view
// holds still while "now" crosses it; at the right edge it doubles (a young run keeps its start
// in view, up to kGrowLiveMs) or pages forward: the picture (and its
// labels) can be read while it fills in, and the axes are redrawn once a page, not once a frame.

#include <QFont>
#include <QSharedPointer>
#include <QWidget>
#include <array>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/analysis/lost_update.h"

#include <QElapsedTimer>

#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_model.h"

class QCustomPlot;
class QCPItemText;
class QScrollBar;
class QTimer;

namespace interleave::ui {

class LaneCanvas;
class StateLegend;
class LanePainter;

class TimelineView : public QWidget {
    Q_OBJECT
  public:
    static constexpr double kLiveWindowMs = 5000;  // what live follow shows unless one zooms
    static constexpr double kPageKeep = 0.25;      // of the window kept in view when paging on
    static constexpr double kGrowLiveMs = 20000;   // until then the live page grows, from 0
    // Of the window, the veil left in view when a page turned after a long pause skips it.
    static constexpr double kPauseSliver = 0.02;
    // A live run's lanes are redrawn at most this often (and only once "now" has filled a new
    // pixel column): at the default width a 60 Hz frame fills about three columns, and drawing
    // them two frames at a time is half the work for a picture that moves as smoothly.
    static constexpr int kLiveLanesMs = 33;

    TimelineView(TimelineModel* model, TimeCursor* cursor, QWidget* parent = nullptr);

    void setNow(std::int64_t ns);  // the run's clock, for live follow and the open segments
    // Unfolding: while the cursor is not live, the lanes show only what happened up to it (a
    // replay that plays, a video), as the live run did; otherwise the whole run.
    void setUnfolding(bool on);
    bool unfolding() const { return m_unfolding; }
    void setFontScale(double scale);
    // The whole run; while it is young (`exact` false) at least the live window, so it fills from
    // the left instead of stretching.
    void fitAll(bool exact = false);
    // A new run: live, at the default window from 0, whatever the last run was zoomed to.
    void startLive();
    // Stretches of the run's clock when it was paused (end -1: still paused, until "now"),
    // drawn over every lane in the "paused" style of the legend. `heldSince`: the run is paused
    // since then (steps do not end it; -1: it is not): lanes not stepped end there. A page
    // turned after a long pause skips its veil.
    void setPauses(const std::vector<std::pair<std::int64_t, std::int64_t>>& pauses,
                   std::int64_t heldSince = -1);
    int pauseBandCount() const;
    void applyTheme();
    // Room for the legend, the axis and every lane at a readable height: the splitter then
    // takes space from the views below (which scroll) before it squeezes the lanes flat.
    QSize minimumSizeHint() const override;
    // Everything drawn again now: axes and every lane (tests, benchmarks).
    void redrawAll();
    QCustomPlot* plot() const { return m_plot; }
    // The timeline as it is shown (legend, lanes, axes) to `path`: a PNG image, or a PDF page of
    // the same size for slides and handouts (by the name's ending). Written whole or not at
    // all; returns what went wrong, or an empty string.
    QString savePicture(const QString& path);
    LaneCanvas* canvas() const { return m_canvas; }
    // A process's thread lanes folded into its first lane (a click on that lane's label does
    // the same), or shown again.
    void setProcessCollapsed(int pid, bool collapsed);
    bool processCollapsed(int pid) const { return m_collapsed.count(pid) > 0; }
    // Every process of the run folded (or none); processes that appear later follow suit.
    void setAllCollapsed(bool collapsed);
    // Lanes on screen and in all (not folded away); the first one on screen.
    int rowsShown() const { return m_rowsShown; }
    int rowCount() const { return static_cast<int>(m_laneOfRow.size()); }
    int firstRow() const { return m_firstRow; }
    void scrollToRow(int row);
    // The lane drawn in row `row`, -1 if none.
    int laneOfRow(int row) const;
    // Lanes never get lower than this (pixels): with more than fit, the lanes scroll.
    double minLanePitch() const;
    // Points at the interleaving that lost an update (nullopt: none found, or a new run).
    void setLostUpdate(const std::optional<LostUpdate>& update, const EventStore* store);
    // Every update lost: the first explained step by step, each later one ringed and numbered.
    void setLostUpdates(const std::vector<LostUpdate>& updates, const EventStore* store);
    const LanePainter* lanes() const;

  signals:
    void firstMarksDrawn();  // emitted once per run, when the first segment is on screen
    // A right-click on a lane: the user may pin a note to that actor at that moment.
    void noteRequested(std::uint32_t actor, std::int64_t ns);
    // A click put the time cursor somewhere (looking around, not playing).
    void cursorPlaced();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void setUpPlot();         // axes, tickers and interactions
    void connectFollowers();  // the plot, the model and the cursor, followed
    void rebuildLaneLabels();
    // Lanes come grouped by process, its main thread first: the lane a fold keeps.
    bool firstOfProcess(std::size_t lane) const;
    // The other lanes a click on this lane's name folds (0: not a process's first lane).
    int foldableThreads(std::size_t lane) const;
    void rebuildRows();      // which lanes have a row, after a fold or new lanes
    void applyRowRange();    // the y range and the scroll bar for m_firstRow and m_rowsShown
    int rowAt(int y) const;  // the row under a y of the plot, -1 if none
    void requestReplot();    // axes and lanes, at the next pass of the event loop
    void scheduleRefresh();  // new events: the lanes' changed columns, within a frame
    void refreshLanes();
    // A live frame that moved "now": whether the lanes are redrawn in it (see kLiveLanesMs).
    bool liveLanesDue(std::int64_t ns) const;
    // Live follow: the page doubles or turns when "now" left it; whether it did.
    bool followNow(double nowMs);
    // Where a page of `size` ms that shows `nowMs` begins: a quarter back, past a long veil.
    double pageStart(double nowMs, double size) const;
    double veiledMs(double fromMs, double toMs) const;  // of [from, to], under a pause's veil
    void syncCanvas();  // the canvas over the axis rect, with the plot's current mapping
    void fitTicks();
    void showTooltip(const QPoint& pos);
    QString describeAt(int lane, std::int64_t t, double nsPerPixel) const;

    TimelineModel* m_model;
    TimeCursor* m_cursor;
    QCustomPlot* m_plot;
    LaneCanvas* m_canvas;
    StateLegend* m_legend;
    QCPItemText* m_emptyHint;
    QSharedPointer<class TimeTicker> m_timeTicker;
    std::int64_t m_now = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_pauses;  // see setPauses
    std::int64_t m_heldSince = -1;
    std::int64_t m_lanesNow = -1;  // "now" the lanes were last brought up to
    QElapsedTimer m_lanesClock;    // since then
    bool m_follow = true;
    // Fitted to the whole run (fitAll(true)), and the layout the fit was made for: a change
    // of either fits it again, until the viewer zooms or pans.
    bool m_fitted = false;
    struct FittedFor {
        double laneH = 0;
        int width = 0;
    } m_fittedFor;
    bool m_unfolding = false;
    bool m_reportedFirstMarks = false;
    bool m_replotQueued = false;
    enum class LabelMode { OneLine, TwoLines, NameOnly };
    LabelMode m_labelMode = LabelMode::OneLine;
    QFont m_laneFont;  // the lane labels' font at the window's text size
    QTimer* m_refreshFallback;
    double m_fontScale = 1.0;
    QPoint m_pressPos;
    QScrollBar* m_laneScroll;
    std::set<int> m_collapsed;     // pids whose thread lanes are folded away
    bool m_collapseAll = false;    // processes met later come folded too
    std::set<int> m_seenPids;      // the processes rebuildRows has met
    std::vector<int> m_laneOfRow;  // row -> lane
    std::vector<int> m_rowOfLane;  // lane -> row, -1 when folded away
    int m_firstRow = 0;
    int m_rowsShown = 0;
    bool m_swallowRelease = false;  // the release that ends a double-click
};

}  // namespace interleave::ui
