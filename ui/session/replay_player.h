#pragma once
// Plays a finished run (a replay of a saved trace, or a run that has ended) on the shared time
// cursor, so that every view shows the run unfold again: at a chosen speed, from the cursor to
// the end, where it stops. Steps the cursor from event to event, forwards or back, through every
// actor's events or one actor's. Playing is a frame timer that moves the cursor by the wall time
// that passed times the speed: the run's own pacing, faster or slower.

#include <QElapsedTimer>
#include <QObject>
#include <cstdint>
#include <optional>

#include "core/channel/event_store.h"

class QTimer;

namespace interleave::ui {

class TimeCursor;

class ReplayPlayer : public QObject {
    Q_OBJECT
  public:
    static constexpr double kMinSpeed = 0.1, kMaxSpeed = 10;

    ReplayPlayer(TimeCursor* cursor, QObject* parent = nullptr);

    // The run to play (null: none); stops playing.
    void setStore(const EventStore* store);
    void setSpeed(double speed);  // clamped to kMinSpeed..kMaxSpeed
    double speed() const { return m_speed; }
    bool playing() const { return m_playing; }
    // From the cursor (from the start when the cursor is at the end) until the end.
    void play();
    void pause();
    void toggle() { m_playing ? pause() : play(); }
    // Moves the cursor to the first event after it (direction > 0) or the last before it, of
    // `actor` only and of `kind` only when given. False, and the cursor stays, when there is
    // none.
    bool stepEvent(int direction, std::optional<std::uint32_t> actor = std::nullopt,
                   std::optional<EventKind> kind = std::nullopt);
    std::int64_t endNs() const;  // the run's last event

  signals:
    void playingChanged(bool playing);

  private:
    void advance();

    TimeCursor* m_cursor;
    const EventStore* m_store = nullptr;
    QTimer* m_timer;
    QElapsedTimer m_clock;           // wall time since the last frame
    mutable std::int64_t m_end = 0;  // endNs() ...
    mutable std::size_t m_endAtSize = static_cast<std::size_t>(-1);  // ... at this store size
    double m_speed = 1;
    bool m_playing = false;
};

}  // namespace interleave::ui
