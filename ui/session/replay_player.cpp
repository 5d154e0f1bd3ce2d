#include "ui/session/replay_player.h"

#include <QTimer>
#include <algorithm>

#include "ui/session/time_cursor.h"

namespace interleave::ui {

ReplayPlayer::ReplayPlayer(TimeCursor* cursor, QObject* parent)
    : QObject(parent), m_cursor(cursor), m_timer(new QTimer(this)) {
    m_timer->setInterval(16);  // a frame
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ReplayPlayer::advance);
}

void ReplayPlayer::setStore(const EventStore* store) {
    pause();
    m_store = store;
    m_endAtSize = static_cast<std::size_t>(-1);
}

void ReplayPlayer::setSpeed(double speed) {
    m_speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

std::int64_t ReplayPlayer::endNs() const {
    if (!m_store) return 0;
    // Asked every frame while playing and at every move of the cursor: found again only when
    // the store has grown (a run that just ended hands its last events in).
    if (m_store->size() == m_endAtSize) return m_end;
    m_endAtSize = m_store->size();
    m_end = 0;
    for (const auto& a : m_store->actors())
        if (const auto n = m_store->actorEventCount(a.id))
            m_end = std::max(m_end, m_store->ns(m_store->actorEvent(a.id, n - 1)));
    return m_end;
}

void ReplayPlayer::play() {
    if (!m_store || m_playing) return;
    if (m_cursor->live() || m_cursor->time() >= endNs()) m_cursor->setTime(0);
    m_playing = true;
    m_clock.start();
    m_timer->start();
    emit playingChanged(true);
}

void ReplayPlayer::pause() {
    if (!m_playing) return;
    m_playing = false;
    m_timer->stop();
    emit playingChanged(false);
}

void ReplayPlayer::advance() {
    const auto wall = m_clock.nsecsElapsed();
    m_clock.start();
    const auto end = endNs();
    const auto next = std::min(
        end, m_cursor->time() + static_cast<std::int64_t>(static_cast<double>(wall) * m_speed));
    m_cursor->setTime(next);
    if (next >= end) pause();
}

bool ReplayPlayer::stepEvent(int direction, std::optional<std::uint32_t> actor,
                             std::optional<EventKind> kind) {
    if (!m_store) return false;
    const auto t = m_cursor->time();
    // Per actor, whose events are in time order: the nearest event of each, then the nearest
    // of those. No walk over the whole run, so a step is as quick in a run of millions (with a
    // kind, only over that actor's events of other kinds up to the next of that kind).
    const auto matches = [&](std::size_t row) { return !kind || m_store->kind(row) == *kind; };
    std::optional<std::int64_t> best;
    for (const auto& a : m_store->actors()) {
        if (actor && a.id != *actor) continue;
        const auto count = m_store->actorEventCount(a.id);
        if (direction > 0) {
            auto k = m_store->actorLowerBound(a.id, t + 1);
            while (k < count && !matches(m_store->actorEvent(a.id, k)))
                ++k;
            if (k < count) {
                const auto ns = m_store->ns(m_store->actorEvent(a.id, k));
                best = best ? std::min(*best, ns) : ns;
            }
        } else {
            auto k = std::min(m_store->actorLowerBound(a.id, t), count);
            while (k > 0 && !matches(m_store->actorEvent(a.id, k - 1)))
                --k;
            if (k > 0) {
                const auto ns = m_store->ns(m_store->actorEvent(a.id, k - 1));
                best = best ? std::max(*best, ns) : ns;
            }
        }
    }
    if (!best) return false;
    pause();
    m_cursor->setTime(*best);
    return true;
}

}  // namespace interleave::ui
