#include "core/channel_reader.h"

namespace interleave {

ChannelReader::ChannelReader(const Channel& channel, EventStore& store)
    : m_channel(channel),
      m_store(store),
      m_rings(channel.config().maxActors),
      m_dropped(channel.config().maxActors, 0) {}

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
                                     e.capacity, e.ownerPid});
    }
    m_readyActors = ready;
    m_knownObjects = objectLimit;
    m_store.setActors(std::move(actors));
    m_store.setObjects(std::move(objects));
}

std::size_t ChannelReader::drainOnce() {
    refreshTables();
    std::size_t moved = 0;
    for (std::uint32_t i = 0; i < m_rings.size(); ++i) {
        auto& ring = m_rings[i];
        if (!ring.valid()) continue;
        moved +=
            ring.drain([&](const Event* e, std::uint64_t n) { m_store.appendFromActor(i, e, n); });
        const auto d = ring.dropped();
        if (d != m_dropped[i]) {
            m_dropped[i] = d;
            m_store.setDropped(i, d);
        }
    }
    m_store.publish();
    return moved;
}

std::uint64_t ChannelReader::totalDropped() const {
    std::uint64_t t = 0;
    for (auto d : m_dropped)
        t += d;
    return t;
}

}  // namespace interleave
