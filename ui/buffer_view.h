#pragma once
#include <QHash>
#include <QStaticText>
#include <QWidget>
#include <vector>

#include "ui/buffer_model.h"
#include "ui/time_cursor.h"

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
    // Most items shown at once in a queue since the run began (never more than its capacity).
    std::uint32_t maxShownCount(int queue = 0) const {
        return static_cast<std::size_t>(queue) < m_maxShown.size()
                   ? m_maxShown[static_cast<std::size_t>(queue)]
                   : 0;
    }

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    struct Layout {
        int gap = 6, boxW = 28, boxH = 40, rowH = 60, perRow = 1, height = 0;
        QRect hex;  // a shared segment's bytes, beside or under its slots (empty: none)
    };
    Layout layoutFor(int queue) const;
    // A shared segment's slots as the bytes they hold: what one process wrote into memory the
    // others read. A taken item's bytes stay (dimmed) until a producer overwrites them.
    void paintHex(QPainter& p, const QRect& area, const BufferState& s, std::int64_t t);
    QRect slotBox(const Layout& l, int top, int slot) const;
    // Paints what of one queue meets `clip`; returns the height the queue uses.
    int paintQueue(QPainter& p, int queue, int top, const QRect& clip);
    // How brightly each slot of each queue glows at `t`, in steps: a fading highlight is
    // repainted when it changes by a step, and only the slot that fades.
    std::vector<std::uint8_t> glowSteps(std::int64_t t) const;
    // Text centred in `box`, laid out once per string and font: a live run repaints slots many
    // times a second, and shaping the same few words each time was most of the view's cost.
    void drawCentered(QPainter& p, const QRect& box, const QString& text, int flags);

    BufferModel* m_model;
    const TimelineModel* m_timeline;
    TimeCursor* m_cursor;
    std::vector<std::uint32_t> m_maxShown;  // per queue
    int m_queuesLaidOut = 0;
    std::vector<std::uint64_t> m_paintedOps;  // puts and gets per queue at the last repaint
    std::vector<std::uint8_t> m_paintedGlow;  // glowSteps() at the last repaint
    QHash<QString, QStaticText> m_texts;      // in m_textFont
    QFont m_textFont;
};

}  // namespace interleave::ui
