#include "core/analysis/wait_for.h"

#include <algorithm>

#include "core/schema/event_kinds.h"

namespace interleave {
namespace {
// The end of a stretch still open: it holds at every time, the latest included.
constexpr auto kOpen = std::numeric_limits<std::int64_t>::max();
}  // namespace

std::vector<std::uint32_t> WaitForGraph::waitsFor(std::uint32_t actor) const {
    std::vector<std::uint32_t> out;
    const auto w = waiting.find(actor);
    if (w == waiting.end()) return out;
    const auto h = holders.find(w->second);
    if (h == holders.end()) return out;
    // Readers share: a reader is kept out only by a writer.
    const bool asksToRead = reading.count(actor) > 0;
    for (const auto& holder : h->second)
        if (!(asksToRead && holder.reading)) out.push_back(holder.actor);
    return out;
}

std::vector<std::uint32_t> WaitForGraph::cycle() const {
    // Depth-first from each waiter; a node met again on the current path closes a cycle.
    std::set<std::uint32_t> done;
    for (const auto& entry : waiting) {
        if (done.count(entry.first)) continue;
        std::vector<std::uint32_t> path;
        std::vector<std::vector<std::uint32_t>> next;
        std::vector<std::size_t> at;
        path.push_back(entry.first);
        next.push_back(waitsFor(entry.first));
        at.push_back(0);
        while (!path.empty()) {
            if (at.back() == next.back().size()) {
                done.insert(path.back());
                path.pop_back();
                next.pop_back();
                at.pop_back();
                continue;
            }
            const auto to = next.back()[at.back()++];
            if (const auto on = std::find(path.begin(), path.end(), to); on != path.end())
                return {on, path.end()};
            if (done.count(to)) continue;
            path.push_back(to);
            next.push_back(waitsFor(to));
            at.push_back(0);
        }
    }
    return {};
}

bool WaitForReplay::apply(const Row& r) {
    const auto& info = kindInfo(r.kind);
    if (info.effect == StateEffect::ActorExit) {
        m_graph.reading.erase(r.actor);
        return m_graph.waiting.erase(r.actor) > 0;
    }
    if (!info.hold.lock()) return false;
    const bool reading = info.hold.what == Holding::Read;
    switch (info.hold.step) {
        case ObjectStep::Request:
            m_graph.waiting[r.actor] = r.object;
            if (reading)
                m_graph.reading.insert(r.actor);
            else
                m_graph.reading.erase(r.actor);
            return true;
        case ObjectStep::Acquire: {
            m_graph.waiting.erase(r.actor);
            m_graph.reading.erase(r.actor);
            if (m_depth[{r.object, r.actor, reading}]++ == 0) {
                auto& holders = m_graph.holders[r.object];
                const WaitForGraph::Holder h{r.actor, reading};
                holders.insert(
                    std::upper_bound(holders.begin(), holders.end(), h,
                                     [](const auto& x, const auto& y) {
                                         return x.actor < y.actor ||
                                                (x.actor == y.actor && !x.reading && y.reading);
                                     }),
                    h);
            }
            return true;
        }
        case ObjectStep::Release: {
            auto& depth = m_depth[{r.object, r.actor, reading}];
            if (depth == 0 || --depth > 0) return false;
            auto& holders = m_graph.holders[r.object];
            std::erase(holders, WaitForGraph::Holder{r.actor, reading});
            if (holders.empty()) m_graph.holders.erase(r.object);
            return true;
        }
        default:
            return false;
    }
}

WaitForGraph waitForGraphAt(const EventStore& store, std::int64_t t) {
    WaitForReplay replay;
    for (const auto i : store.timeOrder()) {
        if (store.ns(i) > t) break;
        replay.apply(store.row(i));
    }
    return replay.graph();
}

void LockHolders::reset(const EventStore* store) {
    m_store = store;
    m_actors.clear();
}

void LockHolders::update() {
    if (!m_store) return;
    for (const auto& a : m_store->actors())
        if (a.id >= m_actors.size()) m_actors.resize(a.id + 1);
    for (std::uint32_t a = 0; a < m_actors.size(); ++a) {
        auto& s = m_actors[a];
        const auto count = m_store->actorEventCount(a);
        for (; s.next < count; ++s.next) {
            const auto i = m_store->actorEvent(a, s.next);
            const auto& info = kindInfo(m_store->kind(i));
            const bool exits = info.effect == StateEffect::ActorExit;
            if (!exits && !info.hold.lock()) continue;
            const auto ns = m_store->ns(i);
            // Any step of a waiter ends its wait: the acquisition, or its end.
            if (!s.waits.empty() && s.waits.back().span.to == kOpen) s.waits.back().span.to = ns;
            if (exits) continue;
            const auto lock = m_store->objectOf(i);
            const bool reading = info.hold.what == Holding::Read;
            if (info.hold.step == ObjectStep::Request) {
                s.waits.push_back({{ns, kOpen}, lock, reading});
                continue;
            }
            auto held = std::find_if(s.held.begin(), s.held.end(), [&](const Held& h) {
                return h.lock == lock && h.reading == reading;
            });
            if (info.hold.step == ObjectStep::Acquire) {
                if (held == s.held.end())
                    held = s.held.insert(s.held.end(), Held{lock, reading, 0, {}});
                if (held->depth++ == 0) held->spans.push_back({ns, kOpen});
            } else if (info.hold.step == ObjectStep::Release && held != s.held.end() &&
                       held->depth > 0 && --held->depth == 0) {
                held->spans.back().to = ns;
            }
        }
    }
}

bool LockHolders::within(const std::vector<Span>& spans, std::int64_t t) {
    // The last span that began at or before t.
    const auto it = std::upper_bound(spans.begin(), spans.end(), t,
                                     [](std::int64_t v, const Span& s) { return v < s.from; });
    return it != spans.begin() && (t < std::prev(it)->to || std::prev(it)->to == kOpen);
}

std::vector<std::uint32_t> LockHolders::holdersAt(std::uint32_t lock, std::int64_t t,
                                                  std::uint32_t except) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t a = 0; a < m_actors.size(); ++a) {
        if (a == except) continue;
        for (const auto& h : m_actors[a].held)
            if (h.lock == lock && within(h.spans, t)) {
                out.push_back(a);
                break;
            }
    }
    return out;
}

WaitForGraph LockHolders::graphAt(std::int64_t t) const {
    WaitForGraph g;
    for (std::uint32_t a = 0; a < m_actors.size(); ++a) {
        const auto& s = m_actors[a];
        const auto w =
            std::upper_bound(s.waits.begin(), s.waits.end(), t,
                             [](std::int64_t v, const Waited& x) { return v < x.span.from; });
        if (w != s.waits.begin() && (t < std::prev(w)->span.to || std::prev(w)->span.to == kOpen)) {
            g.waiting[a] = std::prev(w)->lock;
            if (std::prev(w)->reading) g.reading.insert(a);
        }
        // Writing before reading for one actor, as WaitForReplay orders them.
        for (const bool reading : {false, true})
            for (const auto& h : s.held)
                if (h.reading == reading && within(h.spans, t))
                    g.holders[h.lock].push_back({a, h.reading});
    }
    return g;
}

void WaitForTracker::reset(const EventStore* store) {
    m_holders.reset(store);
    m_graph = {};
}

const WaitForGraph& WaitForTracker::at(std::int64_t t) {
    m_holders.update();
    m_graph = m_holders.graphAt(t);
    return m_graph;
}

std::vector<std::uint32_t> findDeadlockCycle(const EventStore& store) {
    return waitForGraphAt(store).cycle();
}

}  // namespace interleave
