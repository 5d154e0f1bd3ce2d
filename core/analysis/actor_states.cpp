#include "core/analysis/actor_states.h"

#include "core/schema/event_kinds.h"

#include <algorithm>

namespace interleave {

std::string_view stateName(ActorState s) {
    switch (s) {
        case ActorState::Running:
            return "running";
        case ActorState::BlockedOnLock:
            return "blocked on lock";
        case ActorState::WaitingOnCondition:
            return "waiting on condition";
        case ActorState::WaitingOnSemaphore:
            return "waiting on semaphore";
        case ActorState::Working:
            return "working";
        case ActorState::WaitingJoin:
            return "waiting to join";
        case ActorState::Exited:
            return "exited";
        case ActorState::CaptureWait:
            return "capture wait";
        case ActorState::Lost:
            return "events lost";
        case ActorState::Spinning:
            return "busy-waiting";
        case ActorState::WaitingOnIpc:
            return "waiting in the kernel";
        case ActorState::Zombie:
            return "zombie";
        case ActorState::WaitingForGil:
            return "waiting for the GIL";
        case ActorState::WaitingForTurn:
            return "waiting for its turn";
    }
    return "unknown";
}

void ActorStateTracker::moveTo(std::int64_t t, ActorState next, std::uint32_t object) {
    if (t > m_since) m_closed.push_back({m_since, t, m_state, m_object});
    m_state = next;
    m_object = object;
    m_since = t;
}

void ActorStateTracker::insertStretch(std::int64_t t, ActorState kind) {
    if (m_markBeginNs < 0) return;
    const auto state = m_state;
    const auto object = m_object;
    const auto begin = std::max(m_markBeginNs, m_since);
    moveTo(begin, kind, kNoObject);
    moveTo(std::max(t, begin), state, object);
    m_markBeginNs = -1;
}

void ActorStateTracker::feed(const Row& r) {
    if (m_ended) return;
    // A zombie does nothing; only its reaping (its own process_exit, for the lab) ends it.
    if (m_state == ActorState::Zombie && kindInfo(r.kind).effect != StateEffect::ProcessExit)
        return;
    if (!m_started) {
        m_started = true;
        m_since = r.ns;
        m_firstNs = r.ns;
    }
    switch (kindInfo(r.kind).effect) {
        case StateEffect::LockRequest:
            m_requestNs = r.ns;
            m_requestObject = r.object;
            break;
        case StateEffect::LockAcquired:
            if (m_requestNs >= 0 && r.b != 0) {
                moveTo(m_requestNs, ActorState::BlockedOnLock, m_requestObject);
                moveTo(r.ns, ActorState::Running, kNoObject);
            }
            m_requestNs = -1;
            break;
        case StateEffect::ToCondWait:
            moveTo(r.ns, ActorState::WaitingOnCondition, r.object);
            break;
        case StateEffect::ToSemWait:
            moveTo(r.ns, ActorState::WaitingOnSemaphore, r.object);
            break;
        case StateEffect::ToWorking:
            moveTo(r.ns, ActorState::Working, kNoObject);
            break;
        case StateEffect::ToSpinning:
            moveTo(r.ns, ActorState::Spinning, r.object);
            break;
        case StateEffect::ToIpcWait:
            moveTo(r.ns, ActorState::WaitingOnIpc, r.object);
            break;
        case StateEffect::ToJoinWait:
            moveTo(r.ns, ActorState::WaitingJoin, kNoObject);
            break;
        case StateEffect::ToGilWait:
            moveTo(r.ns, ActorState::WaitingForGil, r.object);
            break;
        case StateEffect::ToTurnWait:
            moveTo(r.ns, ActorState::WaitingForTurn, kNoObject);
            break;
        case StateEffect::ToRunning:
            if (m_state != ActorState::Running) moveTo(r.ns, ActorState::Running, kNoObject);
            break;
        case StateEffect::ProcessExit:
            if (r.a == m_pid) {
                processEnded(r.ns);
            } else if (m_state == ActorState::WaitingJoin) {
                moveTo(r.ns, ActorState::Running, kNoObject);
            }
            break;
        case StateEffect::ActorExit:
            if (m_processMain) {
                moveTo(r.ns, ActorState::Zombie, kNoObject);
                break;
            }
            moveTo(r.ns, ActorState::Exited, kNoObject);
            m_ended = true;
            break;
        case StateEffect::StretchBegin:
            m_markBeginNs = r.ns;
            break;
        case StateEffect::CaptureWaitEnd:
            insertStretch(r.ns, ActorState::CaptureWait);
            break;
        case StateEffect::LostEnd:
            insertStretch(r.ns, ActorState::Lost);
            break;
        case StateEffect::None:
            break;
    }
}

void ActorStateTracker::processEnded(std::int64_t ns) {
    if (m_ended || !m_started) return;
    if (m_requestNs >= 0 && ns > m_requestNs)
        moveTo(m_requestNs, ActorState::BlockedOnLock, m_requestObject);
    moveTo(std::max(ns, m_since), ActorState::Exited, kNoObject);
    m_ended = true;
}

ActorState ActorStateTracker::current() const {
    return m_requestNs >= 0 && !m_ended ? ActorState::BlockedOnLock : m_state;
}

std::vector<StateSegment> ActorStateTracker::openSegments(std::int64_t until) const {
    std::vector<StateSegment> out;
    if (m_ended || !m_started || until <= m_since) return out;
    if (m_requestNs >= 0 && until > m_requestNs) {
        if (m_requestNs > m_since) out.push_back({m_since, m_requestNs, m_state, m_object});
        out.push_back(
            {std::max(m_requestNs, m_since), until, ActorState::BlockedOnLock, m_requestObject});
    } else {
        out.push_back({m_since, until, m_state, m_object});
    }
    return out;
}

std::vector<StateSegment> ActorStateTracker::segmentsUntil(std::int64_t until) const {
    std::vector<StateSegment> out;
    for (const auto& s : m_closed) {
        if (s.begin >= until) break;
        out.push_back(s);
        if (out.back().end > until) out.back().end = until;
    }
    const auto open = openSegments(until);
    out.insert(out.end(), open.begin(), open.end());
    return out;
}

ActorState ActorStateTracker::stateAt(std::int64_t t) const {
    if (!m_started || t < m_firstNs) return ActorState::Exited;
    const auto it = std::partition_point(m_closed.begin(), m_closed.end(),
                                         [&](const StateSegment& s) { return s.end <= t; });
    if (it != m_closed.end() && it->begin <= t) return it->state;
    if (m_ended) return ActorState::Exited;
    if (m_requestNs >= 0 && t >= m_requestNs) return ActorState::BlockedOnLock;
    return t >= m_since ? m_state : ActorState::Running;
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
    ActorStateTracker tracker(actor.pid, actor.role == ActorRole::ProcessMain);
    const auto count = store.actorEventCount(actor.id);
    for (std::size_t k = 0; k < count; ++k)
        tracker.feed(store.row(store.actorEvent(actor.id, k)));
    if (const auto it = ends.find(actor.pid); it != ends.end()) tracker.processEnded(it->second.ns);
    return tracker.segmentsUntil(until);
}

}  // namespace interleave
