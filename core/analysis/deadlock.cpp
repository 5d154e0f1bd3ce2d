#include "core/analysis/deadlock.h"

#include <algorithm>

#include "core/schema/event_kinds.h"

namespace interleave {
std::int64_t& DeadlockWatch::Table::at(std::uint32_t object, std::uint32_t actor) {
    if (object >= cells.size()) cells.resize(object + 1);
    auto& row = cells[object];
    if (actor >= row.size()) row.resize(actor + 1, 0);
    return row[actor];
}

std::int64_t DeadlockWatch::Table::get(std::uint32_t object, std::uint32_t actor) const {
    if (object >= cells.size() || actor >= cells[object].size()) return 0;
    return cells[object][actor];
}

std::vector<std::uint32_t> DeadlockWatch::Table::actorsOf(std::uint32_t object,
                                                          bool everSet) const {
    std::vector<std::uint32_t> out;
    if (object >= cells.size()) return out;
    for (std::uint32_t a = 0; a < cells[object].size(); ++a)
        if (everSet ? cells[object][a] != 0 : cells[object][a] > 0) out.push_back(a);
    return out;
}

DeadlockWatch::ActorState& DeadlockWatch::state(std::uint32_t actor) {
    if (actor >= m_actors.size()) m_actors.resize(actor + 1);
    return m_actors[actor];
}

void DeadlockWatch::update(const EventStore& store, std::int64_t until, std::size_t limit) {
    const auto n = std::min(store.size(), m_next + std::min(limit, store.size()));
    if (m_next >= n) return;
    for (const auto& a : store.actors()) {
        auto& list = m_pidActors[a.pid];
        if (std::find(list.begin(), list.end(), a.id) == list.end()) list.push_back(a.id);
    }
    // Times are compared in ticks since the origin (same order as ns, no multiplication).
    const std::int64_t untilTicks =
        until == std::numeric_limits<std::int64_t>::max()
            ? until
            : static_cast<std::int64_t>(store.ticksAt(until) - store.timeBase().tick0);
    for (; m_next < n; ++m_next) {
        const auto i = m_next;
        const auto kind = store.kind(i);
        const auto group = kindInfo(kind).group;
        // What an actor records while it is blocked says nothing about the wait.
        if (group == KindGroup::Capture || kind == EventKind::CpuTime || kind == EventKind::Note ||
            kind == EventKind::ProcessReparent)
            continue;
        const auto actor = store.actorOf(i);
        const auto& info = kindInfo(kind);
        // A join: main's wait for a thread (a process's wait for a child is left as running).
        const bool joins =
            info.effect == StateEffect::ToJoinWait && info.group == KindGroup::Lifecycle;
        const bool sync = info.hold.what != Holding::None || joins ||
                          info.effect == StateEffect::ActorExit ||
                          info.effect == StateEffect::ProcessExit;
        if (!sync) {
            // Anything else the actor records means it runs, whatever it waited for (a
            // semaphore closed under it, a stop): the common case, kept cheap.
            if (actor < m_actors.size() && m_actors[actor].wait != Wait::None &&
                store.tickDelta(i) <= untilTicks)
                m_actors[actor].wait = Wait::None;
            continue;
        }
        const auto t = store.tickDelta(i);
        if (t > untilTicks) continue;
        const auto object = store.objectOf(i);
        if (group != KindGroup::Lifecycle && group != KindGroup::Process && object == kNoObject)
            continue;
        auto& s = state(actor);
        // Giving the mutex up is how a condition wait begins; any other step ends a wait.
        const bool givesUpMutex =
            info.hold.what == Holding::Mutex && info.hold.step == ObjectStep::Release;
        if (!(s.wait == Wait::Cond && givesUpMutex && object == s.condMutex)) s.wait = Wait::None;
        auto down = [](std::int64_t& held) { held = std::max<std::int64_t>(0, held - 1); };
        auto woke = [this](std::uint32_t cv, std::int64_t who, std::int64_t at) {
            if (who < 0 || who > 0xffff) return;  // actor ids are 16 bits in the store
            auto& last = m_notified.at(cv, static_cast<std::uint32_t>(who));
            last = std::max(last, at + 1);
        };
        if (joins) {
            s.wait = Wait::Join;
            s.object = static_cast<std::uint32_t>(store.row(i).a);
            continue;
        }
        if (info.effect == StateEffect::ActorExit) {
            s.gone = true;
            continue;
        }
        if (info.effect == StateEffect::ProcessExit) {
            if (const auto it = m_pidActors.find(static_cast<int>(store.row(i).a));
                it != m_pidActors.end())
                for (const auto a : it->second)
                    state(a).gone = true;
            continue;
        }
        // Each kind of object by the step taken on it (the kind table's `hold` column).
        const auto step = info.hold.step;
        switch (info.hold.what) {
            case Holding::Mutex:
            case Holding::Read:
            case Holding::Write: {
                auto& held = info.hold.what == Holding::Mutex  ? m_mutexHeld
                             : info.hold.what == Holding::Read ? m_readHeld
                                                               : m_writeHeld;
                if (step == ObjectStep::Request) {
                    s.wait = info.hold.what == Holding::Mutex  ? Wait::Mutex
                             : info.hold.what == Holding::Read ? Wait::RwRead
                                                               : Wait::RwWrite;
                    s.object = object;
                } else if (step == ObjectStep::Acquire) {
                    ++held.at(object, actor);
                    if (info.hold.what == Holding::Mutex) m_mutexUsers.at(object, actor) = 1;
                } else if (step == ObjectStep::Release) {
                    down(held.at(object, actor));
                }
                break;
            }
            case Holding::Units:
                if (step == ObjectStep::Request) {
                    s.wait = Wait::Sem;
                    s.object = object;
                } else if (step == ObjectStep::Acquire) {
                    ++m_semHeld.at(object, actor);
                } else if (step == ObjectStep::Release) {
                    --m_semHeld.at(object, actor);
                    m_semRaisers.at(object, actor) = 1;
                }
                break;
            case Holding::Condition:
                if (step == ObjectStep::Request) {
                    s.wait = Wait::Cond;
                    s.object = object;
                    s.condMutex = static_cast<std::uint32_t>(store.row(i).a);
                    s.since = t;
                    break;
                }
                m_notifiers.at(object, actor) = 1;
                if (step == ObjectStep::Notify && store.row(i).b >= 0)
                    woke(object, store.row(i).b, t);
                else if (step == ObjectStep::Wakes)
                    woke(object, store.row(i).a, t);
                break;
            case Holding::None:
                break;
        }
    }
}

bool DeadlockWatch::woken(std::uint32_t actor) const {
    const auto& s = m_actors[actor];
    const auto last = m_notified.get(s.object, actor);  // +1; 0: never
    return last != 0 && last - 1 >= s.since;
}

DeadlockWatch::Edges DeadlockWatch::edgesOf(std::uint32_t actor) const {
    const auto& s = m_actors[actor];
    Edges e;
    switch (s.wait) {
        case Wait::None:
            break;
        case Wait::Mutex:
            e.to = m_mutexHeld.actorsOf(s.object);
            break;
        case Wait::RwWrite:
            // Alone: every reader and the writer inside must leave, itself included (a reader
            // that asks to write waits for itself).
            e.to = m_readHeld.actorsOf(s.object);
            for (const auto w : m_writeHeld.actorsOf(s.object))
                e.to.push_back(w);
            break;
        case Wait::RwRead:
            e.to = m_writeHeld.actorsOf(s.object);
            // No writer inside: it is held back by the writers waiting (writers preferred).
            if (e.to.empty())
                for (std::uint32_t a = 0; a < m_actors.size(); ++a)
                    if (a != actor && !m_actors[a].gone && m_actors[a].wait == Wait::RwWrite &&
                        m_actors[a].object == s.object)
                        e.to.push_back(a);
            break;
        case Wait::Sem:
            e.any = true;
            e.to = m_semHeld.actorsOf(s.object);
            for (const auto a : m_semRaisers.actorsOf(s.object, true))
                if (a != actor) e.to.push_back(a);
            break;
        case Wait::Cond:
            if (woken(actor)) {
                // Woken: all it still needs is the mutex back.
                e.to = m_mutexHeld.actorsOf(s.condMutex);
                break;
            }
            e.any = true;
            for (const auto& [pid, actors] : m_pidActors)
                for (const auto a : actors)
                    if (a != actor && (a >= m_actors.size() || !m_actors[a].gone))
                        e.to.push_back(a);
            for (const auto a : m_notifiers.actorsOf(s.object, true))
                if (a != actor) e.likely.push_back(a);
            for (const auto a : m_mutexUsers.actorsOf(s.condMutex, true))
                if (a != actor) e.likely.push_back(a);
            break;
        case Wait::Join:
            e.to.push_back(s.object);
            break;
    }
    for (auto* list : {&e.to, &e.likely}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    return e;
}

std::set<std::uint32_t> DeadlockWatch::deadlocked() const {
    std::map<std::uint32_t, Edges> edges;
    for (std::uint32_t a = 0; a < m_actors.size(); ++a) {
        if (m_actors[a].gone || m_actors[a].wait == Wait::None) continue;
        auto e = edgesOf(a);
        if (!e.to.empty()) edges.emplace(a, std::move(e));
    }
    std::set<std::uint32_t> stuck;
    for (const auto& [a, e] : edges)
        stuck.insert(a);
    for (bool changed = true; changed;) {
        changed = false;
        for (auto it = stuck.begin(); it != stuck.end();) {
            const auto& to = edges.at(*it).to;
            const auto in = [&](std::uint32_t b) { return stuck.count(b) != 0; };
            const bool still = edges.at(*it).any ? std::all_of(to.begin(), to.end(), in)
                                                 : std::any_of(to.begin(), to.end(), in);
            if (still) {
                ++it;
            } else {
                it = stuck.erase(it);
                changed = true;
            }
        }
    }
    return stuck;
}

DeadlockCycle DeadlockWatch::cycle() const {
    const auto stuck = deadlocked();
    if (stuck.empty()) return {};
    // Each stuck actor waits for at least one other stuck actor: walking from any of them,
    // always to the lowest such one, comes back to an actor already passed. Joins are taken
    // last: "main waits for thread 1" is true but is not what locked the threads up.
    const auto joining = [&](std::uint32_t a) { return m_actors[a].wait == Wait::Join; };
    std::vector<std::uint32_t> path;
    std::uint32_t at = *stuck.begin();
    for (const auto a : stuck)
        if (!joining(a)) {
            at = a;
            break;
        }
    for (;;) {
        if (const auto seen = std::find(path.begin(), path.end(), at); seen != path.end()) {
            path.erase(path.begin(), seen);
            break;
        }
        path.push_back(at);
        std::uint32_t next = kNoActor;
        const auto e = edgesOf(at);
        for (const auto* list : {&e.likely, &e.to})
            for (const auto b : *list)
                if (stuck.count(b) && (next == kNoActor || (joining(next) && !joining(b))))
                    next = b;
        at = next;
    }
    std::rotate(path.begin(), std::min_element(path.begin(), path.end()), path.end());
    DeadlockCycle c;
    c.actors = path;
    for (const auto a : path) {
        const auto& s = m_actors[a];
        // A woken condition waiter waits for its mutex back, no longer for the condition.
        c.objects.push_back(s.wait == Wait::Join               ? kNoObject
                            : s.wait == Wait::Cond && woken(a) ? s.condMutex
                                                               : s.object);
    }
    return c;
}

DeadlockCycle findDeadlock(const EventStore& store, std::int64_t until) {
    DeadlockWatch watch;
    watch.update(store, until);
    return watch.cycle();
}

}  // namespace interleave
