#include "core/analysis/wait_for.h"

#include <algorithm>
#include <set>

namespace interleave {

std::vector<std::uint32_t> WaitForGraph::cycle() const {
    auto next = [&](std::uint32_t actor, std::uint32_t& out) {
        const auto w = waiting.find(actor);
        if (w == waiting.end()) return false;
        const auto h = holder.find(w->second);
        if (h == holder.end()) return false;
        out = h->second;
        return true;
    };
    for (const auto& entry : waiting) {
        const auto start = entry.first;
        std::vector<std::uint32_t> path{start};
        std::set<std::uint32_t> seen{start};
        std::uint32_t at = start;
        while (next(at, at)) {
            if (at == start) return path;
            if (!seen.insert(at).second) break;  // a cycle that does not include start
            path.push_back(at);
        }
    }
    return {};
}

WaitForGraph waitForGraphAt(const EventStore& store, std::int64_t t) {
    WaitForGraph g;
    for (const auto i : store.timeOrder()) {
        if (store.ns(i) > t) break;
        const auto actor = store.actorOf(i);
        const auto object = store.objectOf(i);
        switch (store.kind(i)) {
            case EventKind::LockRequest:
                g.waiting[actor] = object;
                break;
            case EventKind::LockAcquired:
                g.waiting.erase(actor);
                g.holder[object] = actor;
                break;
            case EventKind::LockReleased:
                if (auto it = g.holder.find(object); it != g.holder.end() && it->second == actor)
                    g.holder.erase(it);
                break;
            case EventKind::ActorExit:
                g.waiting.erase(actor);
                break;
            default:
                break;
        }
    }
    return g;
}

void WaitForTracker::reset(const EventStore* store) {
    m_store = store;
    rebuild();
}

void WaitForTracker::rebuild() {
    m_actors.clear();
    m_at = std::numeric_limits<std::int64_t>::min();
    m_graph = {};
}

const WaitForGraph& WaitForTracker::at(std::int64_t t) {
    if (!m_store) return m_graph;
    if (t < m_at) rebuild();
    m_at = t;
    for (const auto& a : m_store->actors())
        if (a.id >= m_actors.size()) m_actors.resize(a.id + 1);
    bool moved = false;
    for (std::uint32_t a = 0; a < m_actors.size(); ++a) {
        auto& s = m_actors[a];
        const auto count = m_store->actorEventCount(a);
        for (; s.next < count; ++s.next) {
            const auto i = m_store->actorEvent(a, s.next);
            const auto ns = m_store->ns(i);
            if (ns > t) break;
            const auto object = m_store->objectOf(i);
            switch (m_store->kind(i)) {
                case EventKind::LockRequest:
                    s.waiting = object;
                    break;
                case EventKind::LockAcquired:
                    s.waiting = kNoObject;
                    s.held.push_back({object, ns});
                    break;
                case EventKind::LockReleased:
                    std::erase_if(s.held, [&](const Held& h) { return h.lock == object; });
                    break;
                case EventKind::ActorExit:
                    s.waiting = kNoObject;
                    break;
                default:
                    continue;
            }
            moved = true;
        }
    }
    if (!moved) return m_graph;
    // Whoever took a lock last holds it (as in the replay, where a later "acquired" wins).
    m_graph = {};
    std::map<std::uint32_t, std::int64_t> since;
    for (std::uint32_t a = 0; a < m_actors.size(); ++a) {
        const auto& s = m_actors[a];
        if (s.waiting != kNoObject) m_graph.waiting[a] = s.waiting;
        for (const auto& h : s.held) {
            auto [it, fresh] = since.try_emplace(h.lock, h.since);
            if (fresh || h.since >= it->second) {
                it->second = h.since;
                m_graph.holder[h.lock] = a;
            }
        }
    }
    return m_graph;
}

std::vector<std::uint32_t> findDeadlockCycle(const EventStore& store) {
    return waitForGraphAt(store).cycle();
}

std::uint32_t lockHolderBefore(const EventStore& store, std::uint32_t lock, std::int64_t t,
                               std::uint32_t asking) {
    constexpr std::size_t kLookBack = 64;
    for (const auto& a : store.actors()) {
        if (a.id == asking) continue;
        auto k = store.actorLowerBound(a.id, t);
        for (std::size_t n = 0; k > 0 && n < kLookBack; ++n) {
            const auto i = store.actorEvent(a.id, --k);
            if (store.objectOf(i) != lock) continue;
            if (store.kind(i) == EventKind::LockAcquired) return a.id;
            if (store.kind(i) == EventKind::LockReleased) break;
        }
    }
    return kNoActor;
}

}  // namespace interleave
