#include "core/analysis/schedule.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace interleave {

std::string scheduledActorText(const ScheduledActor& a) {
    return a.nth == 0 ? a.name : a.name + "#" + std::to_string(a.nth);
}

ScheduledActor parseScheduledActor(const std::string& text) {
    const auto hash = text.rfind('#');
    if (hash == std::string::npos || hash + 1 == text.size() || text.size() - hash > 6)
        return {text, 0};
    for (auto i = hash + 1; i < text.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return {text, 0};
    return {text.substr(0, hash), std::stoi(text.substr(hash + 1))};
}

std::vector<ScheduledActor> scheduleFromEvents(const EventStore& store) {
    std::map<std::uint32_t, ScheduledActor> byId;
    std::map<std::string, int> seen;
    auto actors = store.actors();
    std::sort(actors.begin(), actors.end(), [](auto& x, auto& y) { return x.id < y.id; });
    for (const auto& a : actors)
        byId[a.id] = ScheduledActor{a.name, seen[a.name]++};
    std::vector<ScheduledActor> out;
    for (const auto i : store.timeOrder()) {
        if (store.kind(i) != EventKind::CheckpointPass) continue;
        const auto r = store.row(i);
        if (r.a <= 0) continue;  // went on without a grant
        const auto it = byId.find(r.actor);
        if (it != byId.end()) out.push_back(it->second);
    }
    return out;
}

std::size_t grantsUntil(const EventStore& store, std::int64_t ns) {
    std::size_t n = 0;
    for (std::size_t i = 0, end = store.size(); i < end; ++i)
        if (store.kind(i) == EventKind::CheckpointPass && store.ns(i) <= ns && store.row(i).a > 0)
            ++n;
    return n;
}

}  // namespace interleave
