#include "core/analysis/goals.h"

#include <algorithm>
#include <map>
#include <set>
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

// Which side of a bounded buffer a wait is for, from the kind table's `wait` column.
BufferWait sideOf(const Row& r, const std::map<std::uint32_t, ObjectRole>& roles) {
    const auto role = [&] {
        const auto it = roles.find(r.object);
        return it == roles.end() ? ObjectRole::Own : it->second;
    };
    switch (kindInfo(r.kind).wait) {
        case BufferWait::ByRole:
            return role() == ObjectRole::Items   ? BufferWait::Empty
                   : role() == ObjectRole::Space ? BufferWait::Full
                                                 : BufferWait::None;
        case BufferWait::ByA:
            return r.a == 1 ? BufferWait::Empty : BufferWait::Full;
        default:
            return kindInfo(r.kind).wait;
    }
}

std::map<std::uint32_t, ObjectRole> objectRoles(const EventStore& store) {
    std::map<std::uint32_t, ObjectRole> roles;
    for (const auto& o : store.objects())
        roles[o.id] = o.role;
    return roles;
}

std::optional<GoalReached> waitsOnFull(const EventStore& store) {
    const auto roles = objectRoles(store);
    auto names = actorNames(store);
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        if (sideOf(r, roles) == BufferWait::Full)
            return GoalReached{r.ns, grantsUntil(store, r.ns),
                               names[r.actor] + " waits on " + store.objectName(r.object) +
                                   ": the buffer is full"};
    }
    return std::nullopt;
}

// Inside: past an exclusive lock or a semaphore (until released), or between reading a shared
// variable and writing it back (a read-modify-write that others must not interleave with).
std::optional<GoalReached> twoInside(const EventStore& store) {
    std::map<std::uint32_t, std::set<std::uint32_t>> inside;  // object -> actors inside
    auto names = actorNames(store);
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        const auto& info = kindInfo(r.kind);
        const bool exclusive = info.hold.what == Holding::Mutex ||
                               info.hold.what == Holding::Write || info.hold.what == Holding::Units;
        const bool enters = (exclusive && info.hold.step == ObjectStep::Acquire) ||
                            info.shared == SharedAccess::Read;
        const bool leaves = (exclusive && info.hold.step == ObjectStep::Release) ||
                            info.shared == SharedAccess::Write;
        auto& in = inside[r.object];
        if (leaves) in.erase(r.actor);
        if (!enters) continue;
        in.insert(r.actor);
        if (in.size() < 2) continue;
        std::string who;
        for (const auto a : in)
            who += (who.empty() ? "" : " and ") + names[a];
        return GoalReached{r.ns, grantsUntil(store, r.ns),
                           who + " are inside " + store.objectName(r.object) + " at once"};
    }
    return std::nullopt;
}

// A reader that asked after a writer began to wait, and got in before it.
std::optional<GoalReached> writerStarved(const EventStore& store) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> writerWaits, readerAsked;
    auto names = actorNames(store);
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        const auto& hold = kindInfo(r.kind).hold;
        const auto key = std::pair{r.object, r.actor};
        if (hold.what == Holding::Write) {
            if (hold.step == ObjectStep::Request) writerWaits[key] = r.ns;
            if (hold.step == ObjectStep::Acquire) writerWaits.erase(key);
            continue;
        }
        if (hold.what != Holding::Read) continue;
        if (hold.step == ObjectStep::Request) readerAsked[key] = r.ns;
        if (hold.step != ObjectStep::Acquire || !readerAsked.count(key)) continue;
        for (const auto& [w, since] : writerWaits)
            if (w.first == r.object && since < readerAsked[key])
                return GoalReached{r.ns, grantsUntil(store, r.ns),
                                   names[r.actor] + " asked to read after " + names[w.second] +
                                       " asked to write, and gets in first: the writer starves"};
    }
    return std::nullopt;
}

// A consumer still waiting on an empty buffer when every actor that put items in has ended.
std::optional<GoalReached> emptyForever(const EventStore& store) {
    const auto roles = objectRoles(store);
    std::map<std::uint32_t, std::int64_t> waiting;  // actor -> since (its last event a wait)
    std::set<std::uint32_t> producers, ended;
    std::int64_t when = 0;
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        const auto& info = kindInfo(r.kind);
        waiting.erase(r.actor);
        if (sideOf(r, roles) == BufferWait::Empty) waiting[r.actor] = r.ns;
        if (info.link.from &&
            (info.link.family == LinkFamily::Item || info.link.family == LinkFamily::Message))
            producers.insert(r.actor);
        if (info.effect == StateEffect::ActorExit) ended.insert(r.actor), when = r.ns;
    }
    if (waiting.empty() || producers.empty()) return std::nullopt;
    for (const auto p : producers)
        if (!ended.count(p)) return std::nullopt;
    auto names = actorNames(store);
    const auto& [actor, since] = *waiting.begin();
    const auto at = std::max(since, when);
    return GoalReached{at, grantsUntil(store, at),
                       names[actor] +
                           " waits for an item, and no producer is left: it waits "
                           "forever"};
}

// A send of a standard signal to a process that blocks it while one sent before is not yet
// handled: the kernel keeps one pending signal of each standard kind, so this one is lost.
// Real-time signals (SIGRTMIN and up) queue instead.
std::optional<GoalReached> signalLost(const EventStore& store) {
    std::map<std::uint32_t, int> pidOf;
    for (const auto& a : store.actors())
        pidOf[a.id] = a.pid;
    std::set<std::pair<std::int64_t, std::uint32_t>> blocked, unhandled;  // (pid, signal)
    auto names = actorNames(store);
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        const auto step = kindInfo(r.kind).signal;
        const auto own = std::pair<std::int64_t, std::uint32_t>{pidOf[r.actor], r.object};
        if (step == SignalStep::Block) {
            if (r.a != 0)
                blocked.insert(own);
            else
                blocked.erase(own);
        }
        if (step == SignalStep::Handled) unhandled.erase(own);
        if (step != SignalStep::Send) continue;
        const auto to = std::pair<std::int64_t, std::uint32_t>{r.a, r.object};
        const auto name = store.objectName(r.object);
        if (name.rfind("SIGRT", 0) == 0) continue;
        if (blocked.count(to) && unhandled.count(to))
            return GoalReached{r.ns, grantsUntil(store, r.ns),
                               names[r.actor] + " sends " + name +
                                   " while one is still pending "
                                   "for process " +
                                   std::to_string(r.a) + ": one of the two is lost"};
        unhandled.insert(to);
    }
    return std::nullopt;
}

std::optional<GoalReached> processStep(const EventStore& store, ProcessStep wanted,
                                       const std::string& what) {
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        if (kindInfo(r.kind).process == wanted)
            return GoalReached{r.ns, grantsUntil(store, r.ns),
                               "process " + std::to_string(r.a) + " " + what};
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
        case Goal::WaitsOnFull:
            return "waits-on-full";
        case Goal::TwoInside:
            return "two-inside";
        case Goal::WriterStarved:
            return "writer-starved";
        case Goal::EmptyForever:
            return "empty-forever";
        case Goal::SignalLost:
            return "signal-lost";
        case Goal::ZombieLeft:
            return "zombie";
        case Goal::OrphanReparented:
            return "orphan";
    }
    return "";
}

std::string_view goalTask(Goal goal) {
    switch (goal) {
        case Goal::LostUpdate:
            return "lose an update";
        case Goal::Deadlock:
            return "deadlock two threads";
        case Goal::WaitsOnEmpty:
            return "make a consumer wait on an empty buffer";
        case Goal::WaitsOnFull:
            return "make a producer wait on a full buffer";
        case Goal::TwoInside:
            return "get two threads inside a critical section at once";
        case Goal::WriterStarved:
            return "starve a writer: let a reader who came later in first";
        case Goal::EmptyForever:
            return "leave a consumer waiting on an empty buffer forever";
        case Goal::SignalLost:
            return "lose a signal sent while one is pending";
        case Goal::ZombieLeft:
            return "leave a zombie unreaped";
        case Goal::OrphanReparented:
            return "get an orphan re-parented";
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
        case Goal::WaitsOnFull:
            return waitsOnFull(store);
        case Goal::TwoInside:
            return twoInside(store);
        case Goal::WriterStarved:
            return writerStarved(store);
        case Goal::EmptyForever:
            return emptyForever(store);
        case Goal::SignalLost:
            return signalLost(store);
        case Goal::ZombieLeft:
            return processStep(store, ProcessStep::Zombie,
                               "has ended and is a zombie: nobody has waited for it");
        case Goal::OrphanReparented:
            return processStep(store, ProcessStep::Reparent,
                               "is an orphan: its parent ended, and the kernel gave it another");
    }
    return std::nullopt;
}

}  // namespace interleave
