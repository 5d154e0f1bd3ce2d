#include "core/actor_states.h"

namespace interleave {

std::string_view stateName(ActorState s) {
    switch (s) {
        case ActorState::Running: return "running";
        case ActorState::BlockedOnLock: return "blocked on lock";
        case ActorState::WaitingOnCondition: return "waiting on condition";
        case ActorState::WaitingOnSemaphore: return "waiting on semaphore";
        case ActorState::Working: return "working";
        case ActorState::WaitingJoin: return "waiting to join";
        case ActorState::Exited: return "exited";
    }
    return "unknown";
}

std::map<int, ProcessEnd> processEnds(const EventStore& store) {
    std::map<int, ProcessEnd> ends;
    for (std::size_t i = 0, n = store.size(); i < n; ++i) {
        if (store.kind(i) != EventKind::ProcessExit) continue;
        const auto r = store.row(i);
        ends.try_emplace(static_cast<int>(r.a), ProcessEnd{r.ns, r.b});
    }
    return ends;
}

std::vector<StateSegment> stateSegments(const EventStore& store, const ActorInfo& actor,
                                        const std::map<int, ProcessEnd>& ends, std::int64_t until) {
    std::vector<StateSegment> out;
    const auto count = store.actorEventCount(actor.id);
    if (count == 0) return out;

    ActorState state = ActorState::Running;
    std::uint32_t object = kNoObject;
    std::int64_t since = store.ns(store.actorEvent(actor.id, 0));
    bool ended = false;
    auto moveTo = [&](std::int64_t t, ActorState next, std::uint32_t obj) {
        if (t > since) out.push_back({since, t, state, object});
        state = next;
        object = obj;
        since = t;
    };
    for (std::size_t k = 0; k < count && !ended; ++k) {
        const auto r = store.row(store.actorEvent(actor.id, k));
        switch (r.kind) {
            case EventKind::LockRequest: moveTo(r.ns, ActorState::BlockedOnLock, r.object); break;
            case EventKind::LockAcquired:
                // An uncontended acquisition was never blocked: fold the blip into running.
                if (state == ActorState::BlockedOnLock && r.b == 0) {
                    state = ActorState::Running;
                    object = kNoObject;
                    if (!out.empty() && out.back().state == ActorState::Running &&
                        out.back().end == since)
                        since = out.back().begin, out.pop_back();
                } else if (state == ActorState::BlockedOnLock) {
                    moveTo(r.ns, ActorState::Running, kNoObject);
                }
                break;
            case EventKind::CondWait: moveTo(r.ns, ActorState::WaitingOnCondition, r.object); break;
            case EventKind::SemBlock: moveTo(r.ns, ActorState::WaitingOnSemaphore, r.object); break;
            case EventKind::WorkBegin: moveTo(r.ns, ActorState::Working, kNoObject); break;
            case EventKind::JoinRequest:
            case EventKind::ProcessWait: moveTo(r.ns, ActorState::WaitingJoin, kNoObject); break;
            case EventKind::CondWoken:
            case EventKind::SemAcquired:
            case EventKind::WorkEnd:
            case EventKind::Joined:
                if (state != ActorState::Running) moveTo(r.ns, ActorState::Running, kNoObject);
                break;
            case EventKind::ProcessExit:
                if (r.a == actor.pid) {
                    moveTo(r.ns, ActorState::Exited, kNoObject);
                    ended = true;
                } else if (state == ActorState::WaitingJoin) {
                    moveTo(r.ns, ActorState::Running, kNoObject);
                }
                break;
            case EventKind::ActorExit:
                moveTo(r.ns, ActorState::Exited, kNoObject);
                ended = true;
                break;
            default: break;
        }
    }
    if (!ended) {
        // A thread that never said goodbye ended with its process (killed, or exited under it).
        const auto it = ends.find(actor.pid);
        if (it != ends.end() && it->second.ns >= since) {
            moveTo(it->second.ns, ActorState::Exited, kNoObject);
            ended = true;
        }
    }
    if (!ended && until > since) out.push_back({since, until, state, object});
    return out;
}

}  // namespace interleave
