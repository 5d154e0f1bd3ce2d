#include "core/analysis/goals.h"

#include <map>
#include <vector>

#include "core/analysis/lost_update.h"
#include "core/analysis/schedule.h"
#include "core/analysis/wait_for.h"
#include "core/schema/event_kinds.h"

namespace interleave {
namespace {

std::map<std::uint32_t, std::string> actorNames(const EventStore& store) {
    std::map<std::uint32_t, std::string> names;
    for (const auto& a : store.actors())
        names[a.id] = a.name;
    return names;
}

std::optional<GoalReached> lostUpdate(const EventStore& store) {
    const auto lost = firstLostUpdate(store);
    if (!lost) return std::nullopt;
    auto names = actorNames(store);
    const auto ns = store.ns(lost->events[3]);
    return GoalReached{ns, grantsUntil(store, ns),
                       names[lost->overwrote] + " wrote " + std::to_string(lost->value + 1) +
                           " over " + names[lost->lost] + "'s " +
                           std::to_string(lost->lostRead + 1) + ": an update is lost"};
}

std::optional<GoalReached> deadlock(const EventStore& store) {
    if (waitForGraphAt(store).cycle().empty()) return std::nullopt;
    // Reached when the cycle closed, not at the store's last event: steps granted after it (main
    // sent to wait on its join, say) do not count, so the count is the same whenever it is
    // asked, live after each step or at the end of the run. A cycle closes only when someone
    // asks for a lock, so only those steps are checked.
    WaitForReplay replay;
    std::int64_t when = 0;
    std::vector<std::uint32_t> cycle;
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        if (!replay.apply(r) || kindInfo(r.kind).hold.step != ObjectStep::Request) continue;
        when = r.ns;
        cycle = replay.graph().cycle();
        if (!cycle.empty()) break;
    }
    if (cycle.empty()) return std::nullopt;
    auto names = actorNames(store);
    std::string who;
    for (const auto a : cycle)
        who += names[a] + " waits for ";
    who += names[cycle.front()];
    return GoalReached{when, grantsUntil(store, when), who + ": none can ever go on"};
}

std::optional<GoalReached> waitsOnEmpty(const EventStore& store) {
    std::map<std::uint32_t, ObjectRole> roles;
    for (const auto& o : store.objects())
        roles[o.id] = o.role;
    auto names = actorNames(store);
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        const bool items = roles.count(r.object) && roles[r.object] == ObjectRole::Items;
        const bool empty =
            ((r.kind == EventKind::CondWait || r.kind == EventKind::SemBlock) && items) ||
            (r.kind == EventKind::SpinBegin && r.a == 1) || r.kind == EventKind::MsgReceiveBlocks;
        if (empty)
            return GoalReached{r.ns, grantsUntil(store, r.ns),
                               names[r.actor] + " waits on " + store.objectName(r.object) +
                                   ": the buffer is empty"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<Goal> parseGoal(std::string_view name) {
    for (auto g : kGoals)
        if (goalName(g) == name) return g;
    return std::nullopt;
}

std::string_view goalName(Goal goal) {
    switch (goal) {
        case Goal::LostUpdate:
            return "lost-update";
        case Goal::Deadlock:
            return "deadlock";
        case Goal::WaitsOnEmpty:
            return "waits-on-empty";
    }
    return "";
}

std::optional<GoalReached> findGoal(const EventStore& store, Goal goal) {
    switch (goal) {
        case Goal::LostUpdate:
            return lostUpdate(store);
        case Goal::Deadlock:
            return deadlock(store);
        case Goal::WaitsOnEmpty:
            return waitsOnEmpty(store);
    }
    return std::nullopt;
}

}  // namespace interleave
