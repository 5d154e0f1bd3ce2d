#pragma once
#include <QStringList>
#include <QWidget>
#include <cstdint>

#include "core/analysis/actor_states.h"

namespace interleave::ui {

// The key to the timeline: each state's colour, pattern and name, plus the marker shapes. Once
// lanes are drawn it lists only what the picture uses, so it stays a row or two high even at
// large text; before that, everything.
class StateLegend : public QWidget {
    Q_OBJECT
  public:
    // What the picture shows: a bit per ActorState, and these two.
    static constexpr std::uint32_t kFolded = 1u << 16;
    static constexpr std::uint32_t kPaused = 1u << 17;
    static constexpr std::uint32_t kFault = 1u << 18;    // a crash mark is on the lanes
    static constexpr std::uint32_t kSignals = 1u << 19;  // signal marks are on the lanes
    static constexpr std::uint32_t kHolds = 1u << 20;    // bands of a reader-writer lock held
    static constexpr std::uint32_t kCutOff = 1u << 21;  // a thread was cut off by its process's end

    explicit StateLegend(QWidget* parent = nullptr);
    void setShown(std::uint32_t shown);  // 0: everything
    bool lists(ActorState s) const { return !m_shown || (m_shown >> static_cast<int>(s)) & 1u; }
    // The marker entries listed after the states ("▲ lock taken", ...), in order.
    QStringList markers() const;
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

  protected:
    void paintEvent(QPaintEvent*) override;

  private:
    // Lays the entries out in rows that fit `width`; paints them when `p` is given. Returns the
    // height used.
    int layout(int width, class QPainter* p) const;
    std::uint32_t m_shown = 0;
};

}  // namespace interleave::ui
