#include "core/analysis/wait_for.h"

#include <map>
#include <set>

namespace interleave {

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

std::vector<std::uint32_t> findDeadlockCycle(const EventStore& store) {
    std::map<std::uint32_t, std::uint32_t> holder;   // mutex -> actor holding it
    std::map<std::uint32_t, std::uint32_t> waiting;  // actor -> mutex it asked for
    for (const auto i : store.timeOrder()) {
        const auto actor = store.actorOf(i);
        const auto object = store.objectOf(i);
        switch (store.kind(i)) {
            case EventKind::LockRequest:
                waiting[actor] = object;
                break;
            case EventKind::LockAcquired:
                waiting.erase(actor);
                holder[object] = actor;
                break;
            case EventKind::LockReleased:
                if (auto it = holder.find(object); it != holder.end() && it->second == actor)
                    holder.erase(it);
                break;
            case EventKind::ActorExit:
                waiting.erase(actor);
                break;
            default:
                break;
        }
    }
    auto next = [&](std::uint32_t actor, std::uint32_t& out) {
        const auto w = waiting.find(actor);
        if (w == waiting.end()) return false;
        const auto h = holder.find(w->second);
        if (h == holder.end()) return false;
        out = h->second;
        return true;
    };
    for (const auto& [start, lock] : waiting) {
        std::vector<std::uint32_t> path{start};
        std::set<std::uint32_t> seen{start};
        std::uint32_t at = start;
        while (next(at, at)) {
            if (at == start) return path;
            if (!seen.insert(at).second) break;  // a cycle that does not include start
            path.push_back(at);
        }
        (void)lock;
    }
    return {};
}

}  // namespace interleave
