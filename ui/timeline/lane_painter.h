#pragma once
// Draws the lanes of the timeline: state segments (folded by LaneSummary below ~3 px, so the
// cost follows pixels, not events), acquire/release and put/get markers when there is room for
// them, and arrows from notify to woken thread and from put to get with the item's value.
//
// Drawing is split in two so that a live frame can redraw only what changed: look() computes
// what the lanes look like (cheap: summaries, no pixels), draw() paints the part of a look that
// reaches into a band of columns. Everything drawn for a time depends only on the events up to
// it, so two looks that agree left of a column paint the same pixels there.

#include <QHash>
#include <QPainter>
#include <QStaticText>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "core/schema/event_kinds.h"

#include "ui/timeline/lane_summary.h"
#include "ui/timeline/timeline_model.h"

namespace interleave::ui {

// Where time falls (x) and where each lane sits (y), in the canvas's own pixels.
struct LaneLayout {
    TimeAxis axis;
    std::vector<double> yMid;  // the centre of each lane; kHidden for a folded-away lane
    static constexpr double kHidden = -1e9;
    // Per lane folded away: the lane it is folded into (its process's first), which then
    // summarises it in a strip of its own; -1 otherwise. May be shorter than yMid.
    std::vector<int> foldedInto;
    // The time axis's grid lines (x in canvas pixels): the canvas is opaque, so it draws them
    // itself over the plot's background instead of letting the plot repaint under every band.
    std::vector<double> gridX;
    int tickIn = 0;  // and its ticks, this long, over the axis line along the bottom
    double laneH = 0;
    double fontScale = 1;
    int width = 0, height = 0;

    bool operator==(const LaneLayout& o) const {
        return axis.t0 == o.axis.t0 && axis.t1 == o.axis.t1 && axis.x0 == o.axis.x0 &&
               axis.width == o.axis.width && yMid == o.yMid && foldedInto == o.foldedInto &&
               gridX == o.gridX && tickIn == o.tickIn && laneH == o.laneH &&
               fontScale == o.fontScale && width == o.width && height == o.height;
    }
    // How far a marker reaches either side of its event's column.
    double markerReach() const { return laneH * 0.22 > 3 ? laneH * 0.22 : 3.0; }
    bool hidden(std::size_t lane) const { return lane >= yMid.size() || yMid[lane] == kHidden; }
    int hostOf(std::size_t lane) const { return lane < foldedInto.size() ? foldedInto[lane] : -1; }
    // On the canvas, or close enough to it that its markers reach in.
    bool inView(std::size_t lane) const {
        return !hidden(lane) && yMid[lane] >= -laneH && yMid[lane] <= height + laneH;
    }
    // How far right of its marker a lock's tag may reach.
    double tagReach() const { return 40 * fontScale; }
};

// What the lanes look like at one "now".
struct LaneLook {
    std::vector<std::vector<LaneMark>> marks;  // per lane
    // Per lane: 0 every marker fits; 1 too many events for lock marks, put and get marks go
    // with the item arrows (both ends of an arrow are marked on every lane, or none is); 2 none.
    std::vector<std::uint8_t> dense;
    bool itemsDrawn = false;  // few enough arrows in view to draw them
    // Nothing after this time is drawn: states, marks and arrows (an arrow once it has arrived),
    // so that a replay unfolds as the run did. kWholeRun: everything.
    static constexpr std::int64_t kWholeRun = std::numeric_limits<std::int64_t>::max();
    std::int64_t until = kWholeRun;
    std::int64_t now = 0;  // where what is still going on (a lock held) is drawn to
};

class LanePainter {
  public:
    static constexpr double kMinMarkPx = 3.0;
    static constexpr std::size_t kMaxLinksDrawn = 400;

    explicit LanePainter(const TimelineModel* model) : m_model(model) {}

    // `until`: see LaneLook::until. `heldSince`: the run is paused since then (-1: it is not),
    // and a lane ends there, or at its own last event (a step's): a paused lane does not grow.
    void look(const LaneLayout& layout, std::int64_t now, LaneLook& out,
              std::int64_t until = LaneLook::kWholeRun, std::int64_t heldSince = -1) const;
    // Paints what of `look` reaches into the columns [left, right); the caller clips there.
    void draw(QPainter& p, const LaneLayout& layout, const LaneLook& look, double left,
              double right);
    // Paints just these links (which the model holds), exactly as draw() would, labels
    // included; the caller clips to where they go.
    void drawOnly(QPainter& p, const LaneLayout& layout, const std::vector<Link>& links);
    // Where an item arrow's number goes (`text`: its size): beside the arrow in the gap
    // between two lanes it crosses, never over a lane's middle, where the state labels and the
    // put/get marks are.
    QRectF valueBox(const LaneLayout& layout, const Link& link, QSizeF text) const;
    // The pixels a link covers: its line, head and value label.
    QRect linkBounds(const LaneLayout& layout, const Link& link) const;

    // The leftmost pixel of the arrows drawn once the cut moves between `a` and `b` (either
    // order): those that arrive between them. +infinity when none.
    double firstLinkBetween(const LaneLayout& layout, std::int64_t a, std::int64_t b) const;

    // Which of its pattern (1) and label (2) a mark shows; -1 before anything was drawn.
    int decorations(const LaneMark& m, double laneH) const;

    // Segments, put (●) and get (○) marks drawn by the last full draw (tests, first-event timing).
    std::size_t lastMarkCount() const { return m_lastMarks; }
    std::size_t lastPutMarkCount() const { return m_lastPutMarks; }
    std::size_t lastGetMarkCount() const { return m_lastGetMarks; }
    // Signal marks (◆ sent, ◇ handled) drawn by the last full draw: where, and the name beside.
    struct SignalMark {
        QPointF centre;
        QString name;
    };
    const std::vector<SignalMark>& lastSignalMarks() const { return m_lastSignalMarks; }

    // The ● and ○ of items, and the state labels, drawn by the last full draw (tests): the
    // marks keep off the labels' text.
    const std::vector<QRectF>& lastItemMarks() const { return m_lastItemMarks; }
    const std::vector<QRectF>& lastLabelBoxes() const { return m_lastLabelBoxes; }
    // The radius of an item's ● or ○ on a lane this high.
    static double itemMarkRadius(double laneH);

    // Bands of a held reader-writer lock drawn by the last full draw (tests).
    std::size_t lastHoldCount() const { return m_lastHolds; }
    // Threads summarised in a strip of their folded process's lane by the last full draw.
    std::size_t lastFoldedStripCount() const { return m_lastFoldedStrips; }

  private:
    // Where the lane's open segment ends at `now` (see look()).
    std::int64_t laneEnd(const Lane& lane, std::int64_t now, std::int64_t heldSince) const;
    // A band along the top of the lane while it holds a reader-writer lock, named at its start.
    void drawHolds(QPainter& p, const Lane& lane, const LaneLayout& layout, double yTop,
                   double left, double right, std::int64_t now, std::int64_t until);
    // `lane` and `layout` (null for a folded thread's strip): its labels keep off its marks.
    void drawMarks(QPainter& p, const std::vector<LaneMark>& marks, double yTop, double h,
                   double fontScale, double left, const Lane* lane = nullptr,
                   const LaneLayout* layout = nullptr);
    // Where the text of a segment's label starts: right of the ● and ○ at the segment's start;
    // nullopt when it does not fit before the segment's end or the next of them.
    std::optional<double> labelLeft(const Lane* lane, const LaneLayout* layout,
                                    const QRectF& segment, double textWidth) const;
    void drawEventMarkers(QPainter& p, const Lane& lane, const LaneLayout& layout, double yTop,
                          bool dense, double left, double right, std::int64_t until);
    struct MarkerPass;  // what a pass over one lane's markers shares
    void drawMarker(QPainter& p, MarkerPass& pass, Marker marker, std::size_t event, std::size_t k);
    void drawSignalMark(QPainter& p, MarkerPass& pass, bool sent, std::size_t event, double x);
    // Where the next marker of the lane's events [from, last) is drawn (far right: none near).
    double nextMarkerX(const Lane& lane, const LaneLayout& layout, std::size_t from,
                       std::size_t last) const;
    // The name of the lock a ▲ took, right of it, when there is room before the next event.
    void drawLockTag(QPainter& p, std::uint32_t lock, double x, double bottom, double nextX,
                     double reach);
    // The links reaching column `left`, or when `only` is given, just those.
    void drawLinks(QPainter& p, const LaneLayout& layout, double left,
                   const std::vector<Link>* only = nullptr,
                   std::int64_t until = LaneLook::kWholeRun);
    // The links that may show in the view, sorted by start.
    std::pair<std::vector<Link>::const_iterator, std::vector<Link>::const_iterator> linksInView(
        const TimeAxis& axis) const;

    const TimelineModel* m_model;
    // Laid-out text, so a redraw does not shape the same words again: segment labels (by their
    // text, in m_labelFont) and arrow values, in the fonts they were made with.
    struct Label {
        QStaticText text;
        double width = 0;
    };
    const Label* labelOf(const LaneMark& m) const;  // nullptr: the state has no label
    mutable QHash<QString, Label> m_labels;
    QFont m_labelFont;
    double m_labelHeight = 0;  // 0 until the first draw
    QHash<std::int64_t, QStaticText> m_valueText;
    QFont m_valueFont;
    QHash<QString, QStaticText> m_tagText;  // lock tags, in m_tagFont
    QFont m_tagFont;
    std::size_t m_lastMarks = 0;
    std::size_t m_lastPutMarks = 0, m_lastGetMarks = 0;
    std::vector<SignalMark> m_lastSignalMarks;
    std::vector<QRectF> m_lastItemMarks, m_lastLabelBoxes;
    bool m_collectLabels = false;  // drawMarks keeps its labels' boxes (a full draw's lanes)
    std::size_t m_lastHolds = 0;
    std::size_t m_lastFoldedStrips = 0;
};

}  // namespace interleave::ui
