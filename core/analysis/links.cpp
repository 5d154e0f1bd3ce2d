#include "core/analysis/links.h"

#include <algorithm>

#include "core/schema/event_kinds.h"

namespace interleave {

void LinkPairer::feed(const Row& r) {
    const auto& end = kindInfo(r.kind).link;
    const auto key = end.key == LinkKey::A ? r.a : end.key == LinkKey::B ? r.b : r.actor;
    switch (end.family) {
        case LinkFamily::None:
            return;
        case LinkFamily::Item: {
            // An item's number is unique in its run, whichever buffer it passes through.
            auto& [puts, gets] = m_numbered[static_cast<int>(end.family)];
            pairNumbered(r, end.from, {kNoObject, key}, end.from ? puts : gets,
                         end.from ? gets : puts);
            return;
        }
        case LinkFamily::Message:
        case LinkFamily::Signal: {
            // A message keeps its number through every pipe of a pipeline; a delivery carries
            // the number of the send it came from (a lost send has none, and keeps no arrow).
            auto& [sends, receives] = m_numbered[static_cast<int>(end.family)];
            pairNumbered(r, end.from, {r.object, key}, end.from ? sends : receives,
                         end.from ? receives : sends);
            return;
        }
        case LinkFamily::Wake:
            // A notify names the thread it wakes; the woken thread's wake-up pairs by that name.
            if (key >= 0) pairWake(r, end.from, static_cast<std::uint32_t>(key));
            return;
        case LinkFamily::Semaphore:
            // Only a release while threads were blocked, and a pass that had blocked.
            if (end.from ? r.b > 0 : r.b != 0) pairSemaphore(r, end.from);
            return;
    }
}

void LinkPairer::add(const Link& l) {
    const auto pos = std::upper_bound(m_links.begin(), m_links.end(), l.t0,
                                      [](std::int64_t t, const Link& x) { return t < x.t0; });
    m_links.insert(pos, l);
    m_arrivals.push_back(l);
}

void LinkPairer::pairNumbered(const Row& r, bool from, Key key, Ends& mine, Ends& other) {
    const auto it = other.find(key);
    if (it == other.end()) {
        mine[key] = {r.ns, r.actor};
        return;
    }
    const auto [t, actor] = it->second;
    other.erase(it);
    // Causes are stamped before their effects (docs/architecture.md), so t0 <= t1 always holds
    // for the engine's own runs; a loaded trace is not trusted to keep it.
    add(from ? Link{r.ns, std::max(t, r.ns), r.actor, actor, Link::Kind::Item, key.second}
             : Link{t, std::max(t, r.ns), actor, r.actor, Link::Kind::Item, key.second});
}

void LinkPairer::pairWake(const Row& r, bool from, std::uint32_t target) {
    auto& [notifies, wokens] = m_wakes[target];
    auto& mine = from ? notifies : wokens;
    auto& other = from ? wokens : notifies;
    if (other.empty()) {
        mine.emplace_back(r.ns, r.actor);
        return;
    }
    const auto [t, actor] = other.front();
    other.erase(other.begin());
    add(from ? Link{r.ns, t, r.actor, target, Link::Kind::Wake, 0}
             : Link{t, r.ns, actor, target, Link::Kind::Wake, 0});
}

void LinkPairer::pairSemaphore(const Row& r, bool from) {
    // The arrow goes from the latest release before a blocked thread's pass to it. A few
    // unpaired ones are kept (a release can lose its permit to a thread that never blocked).
    constexpr std::size_t kKeep = 64;
    auto& [releases, passes] = m_semaphores[r.object];
    auto& mine = from ? releases : passes;
    auto& other = from ? passes : releases;
    auto best = other.end();
    for (auto it = other.begin(); it != other.end(); ++it) {
        const bool fits = from ? it->first >= r.ns : it->first <= r.ns;
        const bool better =
            best == other.end() || (from ? it->first < best->first : it->first > best->first);
        if (fits && it->second != r.actor && better) best = it;
    }
    if (best == other.end()) {
        mine.emplace_back(r.ns, r.actor);
        if (mine.size() > kKeep) mine.erase(mine.begin());
        return;
    }
    add(from ? Link{r.ns, best->first, r.actor, best->second, Link::Kind::Wake, 0}
             : Link{best->first, r.ns, best->second, r.actor, Link::Kind::Wake, 0});
    other.erase(best);
}

std::vector<Link> allLinks(const EventStore& store) {
    LinkPairer pairer;
    for (std::size_t i = 0; i < store.size(); ++i)
        pairer.feed(store.row(i));
    return pairer.links();
}

}  // namespace interleave
