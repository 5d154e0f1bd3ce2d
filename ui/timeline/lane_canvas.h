#pragma once
// The lanes of the timeline, laid over QCustomPlot's axis rect as a transparent child widget.
// QCustomPlot redraws everything on each replot; a live run changes only the columns near "now"
// (and wherever a new arrow starts), so the lanes keep their own picture and a frame redraws
// and repaints just the band of columns that changed. Axes are replotted only when the view
// moves. The time cursor and the paused stretches are painted over the picture, never into it.

#include <QImage>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "ui/timeline/lane_painter.h"

namespace interleave::ui {

class LaneCanvas : public QWidget {
    Q_OBJECT
  public:
    LaneCanvas(const TimelineModel* model, QWidget* parent);

    // A new layout (zoom, pan, resize, lanes, text size) redraws everything at the next refresh.
    void setLaneLayout(const LaneLayout& layout);
    const LaneLayout& laneLayout() const { return m_layout; }
    void setNow(std::int64_t ns) { m_now = ns; }
    void setCursorTime(std::int64_t ns);
    // Draw only what happened up to this time (lanes, marks, arrows, pauses, the lost update's
    // rings, notes), as the live run did: a replay or a video that unfolds.
    // LaneLook::kWholeRun: the whole run. Takes effect at the next refresh.
    void setUntil(std::int64_t ns) { m_until = ns; }
    std::int64_t until() const { return m_until; }
    // Stretches of the run's clock when it was paused (end -1: still paused, until "now").
    void setPauses(const std::vector<std::pair<std::int64_t, std::int64_t>>& pauses);
    int pauseCount() const { return static_cast<int>(m_pauses.size()); }
    // Paused since then (-1: running): see LanePainter::look. Takes effect at the next refresh.
    void setHeldSince(std::int64_t ns) { m_heldSince = ns; }
    // Points on lanes (actor, time) joined in order, ringed and labelled over the picture: the
    // interleaving that lost an update. Empty: none.
    struct Callout {
        std::vector<std::pair<std::uint32_t, std::int64_t>> points;
        QString label;
        // Each later update lost: the write that lost it, ringed and numbered from 2 on.
        std::vector<std::pair<std::uint32_t, std::int64_t>> later;
    };
    void setCallout(const Callout& callout);
    const Callout& callout() const { return m_callout; }
    // Notes pinned to moments of lanes: a pin and the text, over the picture (so they are in an
    // exported picture too).
    struct Note {
        std::uint32_t actor = 0;
        std::int64_t ns = 0;
        QString text;
    };
    void setNotes(std::vector<Note> notes);
    const std::vector<Note>& notes() const { return m_notes; }
    void invalidate() { m_full = true; }  // colours or the store changed
    // Brings the picture up to date with the model and "now", redrawing only the columns that
    // changed, and asks for a repaint of just those.
    void refresh();

    const LanePainter& painter() const { return m_painter; }
    const QImage& picture() const { return m_picture; }
    // What the last refresh redrew: every column, or a band of this many (0: nothing).
    bool lastRefreshWasFull() const { return m_lastFull; }
    int lastBandWidth() const { return m_lastBand; }

    // What the picture shows: a bit per ActorState, StateLegend::kFolded and kPaused.
    std::uint32_t shown() const { return m_shownBits; }

  signals:
    void marksDrawn(std::size_t count);  // after each full redraw, with the segments drawn
    void shownChanged(std::uint32_t shown);

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    // The first column where `now` differs from `before`, or +infinity when they agree.
    double firstChange(const LaneLook& before, const LaneLook& now) const;
    static std::int64_t lastItemStart(const std::vector<Link>& links);
    // A refresh that is not a full redraw: the first column that changed since the picture was
    // drawn (+infinity: none), and the new arrows that can simply be drawn over it.
    double changedFrom(bool cut, std::vector<Link>& overlay) const;
    QRect bandFrom(double left) const;  // the columns to redraw, from `left` to past "now"
    void paintBand(const QRect& band, bool cut);
    void paintOverlay(const std::vector<Link>& overlay, const QRect& band);
    // Over the picture: the lost update's rings and label, later ones ringed, the notes.
    void paintCallout(QPainter& p);
    void paintLaterRings(QPainter& p);
    void paintNotes(QPainter& p);
    void noteShown(const LaneLook& look);
    void showing(std::uint32_t shown);
    QRect cursorRect(std::int64_t ns) const;
    QRect pauseRect(const std::pair<std::int64_t, std::int64_t>& pause) const;
    double xOf(std::int64_t ns) const { return m_layout.axis.toPixel(static_cast<double>(ns)); }
    // The first column right of what is drawn up to m_until (past the right edge: none cut).
    double untilX() const;
    bool shownYet(std::int64_t ns) const { return ns <= m_until; }

    const TimelineModel* m_model;
    LanePainter m_painter;
    LaneLayout m_layout;
    QImage m_picture;
    Callout m_callout;
    std::vector<Note> m_notes;
    LaneLook m_drawn, m_next;                // the look in the picture, and the one being computed
    std::vector<std::size_t> m_drawnEvents;  // per lane: its events when the picture was drawn
    std::size_t m_drawnLinks = 0;            // links taken into the picture
    std::int64_t m_lastItemStart = 0;        // the latest start of an item arrow among them
    std::int64_t m_drawnNow = 0;
    std::int64_t m_until = LaneLook::kWholeRun;
    std::int64_t m_drawnUntil = LaneLook::kWholeRun;  // m_until when the picture was drawn
    std::int64_t m_now = 0;
    std::int64_t m_cursor = 0;
    std::int64_t m_heldSince = -1;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_pauses;
    std::uint32_t m_shownBits = 0;
    bool m_full = true;
    bool m_lastFull = false;
    int m_lastBand = 0;
};

}  // namespace interleave::ui
