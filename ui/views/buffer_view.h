#pragma once
#include <QElapsedTimer>
#include <QHash>
#include <QPixmap>
#include <QRegion>
#include <QStaticText>
#include <QWidget>
#include <map>
#include <tuple>
#include <vector>

#include "ui/session/time_cursor.h"
#include "ui/views/buffer_model.h"

namespace interleave::ui {

class TimelineModel;

// Every bounded buffer of the run at the time cursor, one under the other: one box per slot
// with its item, head and tail marked, occupancy, and the most recent changes highlighted and
// fading. Sits in a scroll area when the queues need more height than there is.
class BufferView : public QWidget {
    Q_OBJECT
  public:
    BufferView(BufferModel* model, const TimelineModel* timeline, TimeCursor* cursor,
               QWidget* parent = nullptr);
    QSize minimumSizeHint() const override { return {120, 150}; }  // narrow: slots wrap
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    // What the last move of the cursor asked to repaint: only what changed (empty: nothing).
    const QRegion& lastDirty() const { return m_lastDirty; }
    // Most items shown at once in a queue since the run began (never more than its capacity).
    std::uint32_t maxShownCount(int queue = 0) const {
        return static_cast<std::size_t>(queue) < m_maxShown.size()
                   ? m_maxShown[static_cast<std::size_t>(queue)]
                   : 0;
    }

  protected:
    void paintEvent(QPaintEvent*) override;
    void changeEvent(QEvent* event) override;

  private:
    struct Layout {
        int gap = 6, boxW = 28, boxH = 40, rowH = 60, perRow = 1, height = 0;
        QRect hex;  // a shared segment's bytes, beside or under its slots (empty: none)
    };
    // What a queue shows at one time, slot by slot: a region is repainted exactly when its part
    // of this changes.
    struct SlotLook {
        std::int64_t item = -1, written = -1;
        int glow = 0;
        bool put = false, head = false, tail = false;
        bool operator==(const SlotLook&) const = default;
    };
    struct QueueLook {
        QString name;
        std::uint32_t count = 0;
        std::uint64_t puts = 0, gets = 0, lost = 0;
        std::vector<SlotLook> cells;
        bool sameTitle(const QueueLook& o) const {
            return name == o.name && count == o.count && puts == o.puts && gets == o.gets &&
                   lost == o.lost;
        }
    };
    std::vector<QueueLook> looksAt(std::int64_t t) const;
    // What changed between two looks, in widget coordinates; everything when the queues differ.
    QRegion dirtyBetween(const std::vector<QueueLook>& before,
                         const std::vector<QueueLook>& now) const;
    void onCursor(std::int64_t t);
    // Laid out once per width, font and capacity: the cursor moves every frame of a live run
    // and the layout measures text.
    Layout layoutFor(int queue) const;
    QRect hexRow(const Layout& l, int top, int slot) const;
    // A shared segment's slots as the bytes they hold: what one process wrote into memory the
    // others read. A taken item's bytes stay (dimmed) until a producer overwrites them.
    void paintHex(QPainter& p, const QRect& area, const BufferState& s, std::int64_t t,
                  const QRect& clip);
    QRect slotBox(const Layout& l, int top, int slot) const;
    // A slot's rounded box, filled and outlined; drawn once per look and size, then copied.
    void drawBox(QPainter& p, const QRect& box, const QColor& fill, const QColor& edge, int pen);
    // Paints what of one queue meets `clip`; returns the height the queue uses.
    int paintQueue(QPainter& p, int queue, int top, const QRect& clip);
    // The queue's two title lines (its name, how full, puts and gets, or that events were lost).
    void paintQueueTitle(QPainter& p, int queue, const BufferState& s, int top, const QRect& clip);
    // Slot `i` in `box`: its item, its number, head and tail under it (`gap` wide either side).
    void paintSlot(QPainter& p, const BufferState& s, std::int64_t t, int i, const QRect& box,
                   int gap, const QFont& small);
    // Text centred in `box`, laid out once per string and font: a live run repaints slots many
    // times a second, and shaping the same few words each time was most of the view's cost.
    void drawCentered(QPainter& p, const QRect& box, const QString& text, int flags);

    BufferModel* m_model;
    const TimelineModel* m_timeline;
    TimeCursor* m_cursor;
    std::vector<std::uint32_t> m_maxShown;  // per queue
    int m_queuesLaidOut = 0;
    std::vector<QueueLook> m_painted;  // what the last repaint was asked to show
    QRegion m_lastDirty;
    QElapsedTimer m_liveClock;  // since the last live move taken (see onCursor)
    class QTimer* m_liveDue;    // takes the last live move when no more come
    mutable std::vector<std::pair<std::uint64_t, Layout>> m_layouts;  // per queue, with its key
    mutable int m_monoAdvance = -1, m_monoHeight = 0;                 // the hex lines' font
    QHash<QString, QStaticText> m_texts;                              // in m_textFont
    using BoxKey = std::tuple<QRgb, QRgb, int, int, int>;  // fill, edge, pen, width, height
    std::map<BoxKey, QPixmap> m_boxes;
    QFont m_textFont;
};

}  // namespace interleave::ui
