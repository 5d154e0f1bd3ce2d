#include "core/channel/channel_reader.h"

#include <algorithm>
#include <chrono>

#include "core/sys/futex.h"

namespace interleave {

ChannelReader::ChannelReader(const Channel& channel, EventStore& store)
    : m_channel(channel),
      m_store(store),
      m_rings(channel.config().maxActors),
      m_dropped(channel.config().maxActors, 0),
      m_reparentTaken(channel.config().maxActors, false),
      m_reparentSeen(channel.config().maxActors, 0),
      m_lastTicks(channel.config().maxActors, 0) {}

void ChannelReader::refreshTables() {
    const auto actorLimit = m_channel.actorLimit();
    std::uint32_t ready = 0;
    for (std::uint32_t i = 0; i < actorLimit; ++i)
        if (m_channel.actor(i).ready.load(std::memory_order_acquire)) ++ready;
    const auto objectLimit = m_channel.objectLimit();
    if (ready == m_readyActors && objectLimit == m_knownObjects && !m_tablesDirty) return;
    m_tablesDirty = false;

    std::vector<ActorInfo> actors;
    for (std::uint32_t i = 0; i < actorLimit; ++i) {
        const auto& e = m_channel.actor(i);
        if (!e.ready.load(std::memory_order_acquire)) continue;
        if (!m_rings[i].valid()) m_rings[i] = readerFor(m_channel, i);
        actors.push_back(ActorInfo{i, e.pid, e.ppid, e.tid,
                                   std::string(m_channel.string(e.nameOffset)), e.role,
                                   e.parentActor, m_dropped[i]});
    }
    std::vector<ObjectInfo> objects;
    for (std::uint32_t i = 1; i < objectLimit; ++i) {
        const auto& e = m_channel.object(i);
        if (!e.ready.load(std::memory_order_acquire)) continue;
        objects.push_back(ObjectInfo{i, e.kind, std::string(m_channel.string(e.nameOffset)),
                                     e.capacity, e.ownerPid, e.role, e.owner});
    }
    m_readyActors = ready;
    m_knownObjects = objectLimit;
    m_store.setActors(std::move(actors));
    m_store.setObjects(std::move(objects));
}

void ChannelReader::takeReparents(int settled) {
    // After the rings are drained, clamped to the newest row drained for the actor: the actor's
    // rows stay in time order even when the process recorded more after its handler ran (the
    // row is then late by at most one drain). The handler may also have run while one of the
    // process's threads had stamped a record and not yet published it: that record, earlier
    // than the handler's stamp, comes in a later drain. So the row waits a little, long enough
    // for any record in flight when the signal came to be published.
    constexpr std::int64_t kSettleNs = 20'000'000;
    const auto nowNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::steady_clock::now().time_since_epoch())
                           .count();
    for (std::uint32_t i = 0; i < m_rings.size(); ++i) {
        if (!m_rings[i].valid() || m_reparentTaken[i]) continue;
        const auto& e = m_channel.actor(i);
        const auto stamp = e.reparentTicks.load(std::memory_order_acquire);
        if (stamp == 0) continue;
        if (m_reparentSeen[i] == 0) m_reparentSeen[i] = nowNs;
        if (nowNs - m_reparentSeen[i] < kSettleNs && settled != kAllSettled && settled != e.pid)
            continue;
        m_reparentTaken[i] = true;
        // Ticks compare like time from the run's origin on (rows keep raw ticks, no rounding).
        const auto& base = m_store.timeBase();
        auto at = stamp;
        if (m_lastTicks[i] != 0 && static_cast<std::int64_t>(m_lastTicks[i] - base.tick0) >
                                       static_cast<std::int64_t>(at - base.tick0))
            at = m_lastTicks[i];
        const Event row{at,
                        static_cast<std::uint16_t>(i),
                        EventKind::ProcessReparent,
                        kNoObject,
                        e.pid,
                        e.reparentedTo.load(std::memory_order_relaxed)};
        m_store.appendFromActor(i, &row, 1);
        m_lastTicks[i] = at;
    }
}

void ChannelReader::takeLosses() {
    const auto& c = m_channel.control();
    CaptureLosses l;
    l.eventsUntraced = c.eventsUntraced.load(std::memory_order_relaxed);
    l.actorsRefused = c.actorsRefused.load(std::memory_order_relaxed);
    l.forksFailed = c.forksFailed.load(std::memory_order_relaxed);
    l.objectsRefused = c.objectsRefused.load(std::memory_order_relaxed);
    l.stringsRefused = c.stringsRefused.load(std::memory_order_relaxed);
    for (const auto& r : m_rings)
        if (r.valid()) l.ringWaits += r.waits();
    if (!(m_store.losses() == l)) m_store.setLosses(l);
}

bool ChannelReader::waitForWork(std::int64_t timeoutNs) {
    const auto& bell = m_channel.control().readerDoorbell;
    const auto seen = bell.load(std::memory_order_acquire);
    if (seen != m_doorbellSeen) {  // rung since we last looked: no sleep
        m_doorbellSeen = seen;
        return true;
    }
    futexWait(bell, seen, timeoutNs);
    m_doorbellSeen = bell.load(std::memory_order_acquire);
    return m_doorbellSeen != seen;
}

std::size_t ChannelReader::drainOnce(int settled) {
    refreshTables();
    std::size_t moved = 0;
    for (std::uint32_t i = 0; i < m_rings.size(); ++i) {
        auto& ring = m_rings[i];
        if (!ring.valid()) continue;
        moved += ring.drain([&](const Event* e, std::uint64_t n) {
            m_store.appendFromActor(i, e, n);
            m_lastTicks[i] = e[n - 1].ticks;
        });
        const auto d = ring.dropped();
        if (d != m_dropped[i]) {
            m_dropped[i] = d;
            m_store.setDropped(i, d);
        }
    }
    takeReparents(settled);
    takeLosses();
    m_store.publish();
    if (settled == kAllSettled) closeOpenLosses();
    return moved;
}

void ChannelReader::closeOpenLosses() {
    // A drop-mode writer marks a gap (lost_begin/lost_end) only when its ring takes a record
    // again; events dropped at the very end of a run would be counted but never marked, and the
    // last gap never drawn. At the end every writer has stopped, so the reader closes such a gap
    // itself: from the actor's last record that got through to the end of what was recorded.
    const auto& base = m_store.timeBase();
    auto later = [&](std::uint64_t x, std::uint64_t y) {
        return static_cast<std::int64_t>(x - base.tick0) >
               static_cast<std::int64_t>(y - base.tick0);
    };
    std::uint64_t endTicks = base.tick0;
    for (std::uint32_t i = 0; i < m_rings.size(); ++i)
        if (m_lastTicks[i] != 0 && later(m_lastTicks[i], endTicks)) endTicks = m_lastTicks[i];
    bool added = false;
    for (std::uint32_t i = 0; i < m_rings.size(); ++i) {
        if (!m_rings[i].valid() || m_dropped[i] == 0) continue;
        std::uint64_t marked = 0;
        for (std::size_t k = 0, n = m_store.actorEventCount(i); k < n; ++k) {
            const auto at = m_store.actorEvent(i, k);
            if (m_store.kind(at) == EventKind::LostEnd)
                marked += static_cast<std::uint64_t>(m_store.row(at).a);
        }
        if (marked >= m_dropped[i]) continue;
        const auto from = m_lastTicks[i] != 0 ? m_lastTicks[i] : base.tick0;
        const auto to = later(from, endTicks) ? from : endTicks;
        const Event gap[2] = {
            Event{from, static_cast<std::uint16_t>(i), EventKind::LostBegin, kNoObject, 0, 0},
            Event{to, static_cast<std::uint16_t>(i), EventKind::LostEnd, kNoObject,
                  static_cast<std::int64_t>(m_dropped[i] - marked), 0}};
        m_store.appendFromActor(i, gap, 2);
        m_lastTicks[i] = to;
        added = true;
    }
    if (added) m_store.publish();
}

std::uint64_t ChannelReader::totalDropped() const {
    std::uint64_t t = 0;
    for (auto d : m_dropped)
        t += d;
    return t;
}

}  // namespace interleave
