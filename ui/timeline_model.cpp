#include "ui/timeline_model.h"

#include <QThread>
#include <algorithm>
#include <set>

namespace interleave::ui {

TimelineModel::TimelineModel(QObject* parent) : QObject(parent) {}

void TimelineModel::reset(const EventStore* store) {
    m_store = store;
    m_consumed = 0;
    m_lanes.clear();
    m_laneOf.clear();
    m_objects.clear();
    m_lockTags.clear();
    m_links.clear();
    m_semPending.clear();
    m_linkArrivals.clear();
    m_puts.clear();
    m_gets.clear();
    m_sends.clear();
    m_receives.clear();
    m_wakes.clear();
    m_wokens.clear();
    m_lastNs = 0;
    m_reparented.clear();
    m_killed.clear();
    m_execs.clear();
    m_faults = 0;
    m_signalEvents = 0;
    m_holds = 0;
    m_signalSends.clear();
    m_signalsHandled.clear();
    emit lanesChanged();
    if (store) append(0, store->size());
}

int TimelineModel::laneOfActor(std::uint32_t actor) const {
    const auto it = m_laneOf.find(actor);
    return it == m_laneOf.end() ? -1 : it->second;
}

QString TimelineModel::actorName(std::uint32_t actor) const {
    const int lane = laneOfActor(actor);
    return lane < 0 ? QStringLiteral("actor %1").arg(actor)
                    : m_lanes[static_cast<std::size_t>(lane)].name;
}

QString TimelineModel::objectName(std::uint32_t object) const {
    const auto it = m_objects.find(object);
    return it == m_objects.end() ? QString() : QString::fromStdString(it->second.name);
}

QString TimelineModel::lockTag(std::uint32_t object) const {
    const auto it = m_lockTags.find(object);
    return it == m_lockTags.end() ? QString() : it->second;
}

const ObjectInfo* TimelineModel::objectInfo(std::uint32_t object) const {
    const auto it = m_objects.find(object);
    return it == m_objects.end() ? nullptr : &it->second;
}

Names TimelineModel::names() const {
    return Names{[this](std::uint32_t a) { return actorName(a); },
                 [this](std::uint32_t o) { return objectName(o); },
                 [this](std::uint32_t o) { return objectInfo(o); },
                 [this](std::int64_t pid) { return processName(pid); }};
}

int TimelineModel::parentAt(int pid, int firstParent, std::int64_t t) const {
    const auto it = m_reparented.find(pid);
    if (it == m_reparented.end()) return firstParent;
    int parent = firstParent;
    for (const auto& [ns, ppid] : it->second)
        if (ns <= t) parent = ppid;
    return parent;
}

QString TimelineModel::programAt(int pid, std::int64_t t) const {
    const auto it = m_execs.find(pid);
    return it != m_execs.end() && it->second.first <= t ? objectName(it->second.second) : QString();
}

int TimelineModel::killedBy(int pid, std::int64_t t) const {
    const auto it = m_killed.find(pid);
    return it != m_killed.end() && it->second.first <= t ? it->second.second : 0;
}

QString TimelineModel::processName(std::int64_t pid) const {
    for (const auto& l : m_lanes)
        if (l.processMain && l.pid == pid)
            return QStringLiteral("%1 (pid %2)").arg(l.name).arg(pid);
    // A signal sent to one thread (pthread_sigqueue) names the thread by its id.
    for (const auto& l : m_lanes)
        if (!l.processMain && l.tid == pid)
            return QStringLiteral("%1 (tid %2)").arg(l.name).arg(pid);
    return QStringLiteral("process %1").arg(pid);
}

void TimelineModel::refreshActors() {
    const auto actors = m_store->actors();
    bool added = false;
    std::vector<Lane> lanes = std::move(m_lanes);
    std::set<int> pids;
    for (const auto& a : actors)
        pids.insert(a.pid);
    for (const auto& a : actors) {
        if (m_laneOf.count(a.id)) continue;
        Lane lane;
        lane.actor = a.id;
        lane.pid = a.pid;
        lane.tid = a.tid;
        lane.processMain = a.role == ActorRole::ProcessMain;
        lane.name = QString::fromStdString(a.name);
        lane.label = QStringLiteral("%1   pid %2 · tid %3").arg(lane.name).arg(a.pid).arg(a.tid);
        // The run's first process (the lab; its parent, the supervisor, is not in the run) is
        // never drawn a zombie: the moment between its end and the supervisor's reaping is no
        // part of any lesson, and in a lesson about threads a "zombie" would only mislead.
        const bool root = lane.processMain && !pids.count(a.ppid);
        lane.tracker = ActorStateTracker(a.pid, lane.processMain && !root);
        lanes.push_back(std::move(lane));
        m_laneOf[a.id] = 0;
        added = true;
    }
    if (added) {
        // Group by process in the order processes appeared; within one, its main thread first.
        std::map<int, std::uint32_t> processOrder;
        for (const auto& l : lanes) {
            auto [it, inserted] = processOrder.try_emplace(l.pid, l.actor);
            if (!inserted) it->second = std::min(it->second, l.actor);
        }
        // ... as a tree: each process right after its parent's lanes and its elder siblings'
        // families, so a grandchild sits under its parent. The key of a process is the
        // appearance order of each process on its way down from the first.
        std::map<int, int> parentOf;
        for (const auto& a : actors)
            if (a.role == ActorRole::ProcessMain) parentOf[a.pid] = a.ppid;
        std::map<int, std::vector<std::uint32_t>> keyOf;
        for (const auto& [pid, first] : processOrder) {
            std::vector<std::uint32_t> key;
            std::set<int> seen;  // a parent pid reused by a later process must not loop
            for (int at = pid; processOrder.count(at) && seen.insert(at).second;) {
                key.push_back(processOrder[at]);
                const auto up = parentOf.find(at);
                if (up == parentOf.end()) break;
                at = up->second;
            }
            std::reverse(key.begin(), key.end());
            keyOf[pid] = std::move(key);
        }
        std::stable_sort(lanes.begin(), lanes.end(), [&](const Lane& x, const Lane& y) {
            const auto& px = keyOf[x.pid];
            const auto& py = keyOf[y.pid];
            if (px != py) return px < py;
            if (x.processMain != y.processMain) return x.processMain;
            return x.actor < y.actor;
        });
        for (std::size_t i = 0; i < lanes.size(); ++i)
            m_laneOf[lanes[i].actor] = static_cast<int>(i);
    }
    m_lanes = std::move(lanes);
    for (const auto& o : m_store->objects())
        m_objects[o.id] = o;
    m_lockTags.clear();
    for (const auto& [id, o] : m_objects) {
        if (o.kind != ObjectKind::Mutex) continue;
        auto tag = QString::fromStdString(o.name);
        if (tag.endsWith(QLatin1String(".lock"))) tag.chop(5);
        if (tag.startsWith(QLatin1String("lock "))) tag.remove(0, 5);
        m_lockTags[id] = tag;
    }
    if (m_lockTags.size() < 2) m_lockTags.clear();
    if (added) emit lanesChanged();
}

void TimelineModel::addLink(const Link& l) {
    const auto pos = std::upper_bound(m_links.begin(), m_links.end(), l.t0,
                                      [](std::int64_t t, const Link& x) { return t < x.t0; });
    m_links.insert(pos, l);
    m_linkArrivals.push_back(l);
}

void TimelineModel::pairSemaphore(const Row& r) {
    // A release while threads were blocked lets one of them through: the arrow goes from the
    // latest such release before a blocked thread's "passes" to it. Either may reach the store
    // first (each actor's ring is drained on its own), so each waits for the other; a few
    // unpaired ones are kept (a release can lose its permit to a thread that never blocked).
    constexpr std::size_t kKeep = 64;
    auto& pending = m_semPending[r.object];
    auto& releases = pending.first;
    auto& passes = pending.second;
    const std::pair<std::int64_t, std::uint32_t> self{r.ns, r.actor};
    if (r.kind == EventKind::SemAcquired) {
        auto best = releases.end();
        for (auto it = releases.begin(); it != releases.end(); ++it)
            if (it->first <= r.ns && it->second != r.actor &&
                (best == releases.end() || it->first > best->first))
                best = it;
        if (best == releases.end()) {
            passes.push_back(self);
            if (passes.size() > kKeep) passes.erase(passes.begin());
            return;
        }
        addLink(Link{best->first, r.ns, best->second, r.actor, Link::Kind::Wake, 0});
        releases.erase(best);
        return;
    }
    auto best = passes.end();
    for (auto it = passes.begin(); it != passes.end(); ++it)
        if (it->first >= r.ns && it->second != r.actor &&
            (best == passes.end() || it->first < best->first))
            best = it;
    if (best == passes.end()) {
        releases.push_back(self);
        if (releases.size() > kKeep) releases.erase(releases.begin());
        return;
    }
    addLink(Link{r.ns, best->first, r.actor, best->second, Link::Kind::Wake, 0});
    passes.erase(best);
}

void TimelineModel::pairItem(const Row& r, bool from, Ends& mine, Ends& other, std::uint32_t key) {
    // Pair the two ends of an item's journey, whichever the store saw first.
    const auto it = other.find({key, r.a});
    if (it == other.end()) {
        mine[{key, r.a}] = {r.ns, r.actor};
        return;
    }
    const auto [t, actor] = it->second;
    other.erase(it);
    // A message is stamped as its write returns, and its reader may have it a moment earlier:
    // the arrow never points back in time.
    addLink(from ? Link{r.ns, std::max(t, r.ns), r.actor, actor, Link::Kind::Item, r.a}
                 : Link{t, std::max(t, r.ns), actor, r.actor, Link::Kind::Item, r.a});
}

std::int64_t Lane::cpuAt(std::int64_t t) const {
    const auto after = std::upper_bound(cpu.begin(), cpu.end(), t,
                                        [](std::int64_t x, const auto& s) { return x < s.first; });
    return after == cpu.begin() ? -1 : std::prev(after)->second;
}

void TimelineModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "TimelineModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    refreshActors();
    std::map<int, std::int64_t> processEnds;
    for (std::size_t i = first; i < last; ++i) {
        const Row r = m_store->row(i);
        m_lastNs = std::max(m_lastNs, r.ns);
        const int lane = laneOfActor(r.actor);
        if (lane >= 0) m_lanes[static_cast<std::size_t>(lane)].tracker.feed(r);
        switch (r.kind) {
            case EventKind::CpuTime:
                if (lane >= 0) m_lanes[static_cast<std::size_t>(lane)].cpu.emplace_back(r.ns, r.a);
                break;
            case EventKind::ProcessExit:
                processEnds[static_cast<int>(r.a)] = r.ns;
                if (exitWasSignal(r.b))
                    m_killed.try_emplace(static_cast<int>(r.a), r.ns, exitCodeOrSignal(r.b));
                break;
            case EventKind::ProcessFault:
                ++m_faults;
                break;
            case EventKind::RwReadAcquired:
            case EventKind::RwWriteAcquired:
                if (lane >= 0) {
                    m_lanes[static_cast<std::size_t>(lane)].holds.push_back(
                        {r.ns, -1, r.object, r.kind == EventKind::RwWriteAcquired});
                    ++m_holds;
                }
                break;
            case EventKind::RwReadReleased:
            case EventKind::RwWriteReleased:
                if (lane >= 0)
                    for (auto& h : m_lanes[static_cast<std::size_t>(lane)].holds)
                        if (h.end < 0 && h.lock == r.object) h.end = r.ns;
                break;
            case EventKind::ProcessExec:
                m_execs[static_cast<int>(r.a)] = {r.ns, r.object};
                break;
            case EventKind::ProcessReparent: {
                auto& moves = m_reparented[static_cast<int>(r.a)];
                moves.emplace_back(r.ns, static_cast<int>(r.b));
                std::sort(moves.begin(), moves.end());
                break;
            }
            case EventKind::QueuePut:
            case EventKind::QueueGet:
                // An item's number is unique in its run, whichever buffer it passes through.
                pairItem(r, r.kind == EventKind::QueuePut,
                         r.kind == EventKind::QueuePut ? m_puts : m_gets,
                         r.kind == EventKind::QueuePut ? m_gets : m_puts, kNoObject);
                break;
            case EventKind::MsgSend:
            case EventKind::MsgReceive:
                // A message keeps its number through every pipe of a pipeline.
                pairItem(r, r.kind == EventKind::MsgSend,
                         r.kind == EventKind::MsgSend ? m_sends : m_receives,
                         r.kind == EventKind::MsgSend ? m_receives : m_sends, r.object);
                break;
            case EventKind::SignalSend:
            case EventKind::SignalHandled: {
                // A delivery carries the number of the send it came from (b); a lost send has
                // none, and keeps no arrow.
                ++m_signalEvents;
                Row numbered = r;
                numbered.a = r.b;
                const bool send = r.kind == EventKind::SignalSend;
                pairItem(numbered, send, send ? m_signalSends : m_signalsHandled,
                         send ? m_signalsHandled : m_signalSends, r.object);
                break;
            }
            case EventKind::CondNotifyOne:
            case EventKind::CondWakes:
            case EventKind::CondWoken: {
                // A notify names the thread it wakes (notify_one in b, each of notify_all's in
                // a cond_wakes); the woken thread's wake-up is paired with it by that name.
                const bool notify = r.kind != EventKind::CondWoken;
                const auto named = r.kind == EventKind::CondWakes ? r.a : r.b;
                if (notify && named < 0) break;
                const auto target = notify ? static_cast<std::uint32_t>(named) : r.actor;
                auto& mine = notify ? m_wakes[target] : m_wokens[target];
                auto& other = notify ? m_wokens[target] : m_wakes[target];
                if (other.empty()) {
                    mine.emplace_back(r.ns, r.actor);
                } else {
                    const auto [t, actor] = other.front();
                    other.erase(other.begin());
                    addLink(notify ? Link{r.ns, t, r.actor, target, Link::Kind::Wake, 0}
                                   : Link{t, r.ns, actor, target, Link::Kind::Wake, 0});
                }
                break;
            }
            case EventKind::SemReleased:
            case EventKind::SemAcquired:
                if (r.kind == EventKind::SemReleased ? r.b > 0 : r.b != 0) pairSemaphore(r);
                break;
            default:
                break;
        }
    }
    // Threads that never said goodbye end with their process.
    for (const auto& [pid, ns] : processEnds)
        for (auto& l : m_lanes)
            if (l.pid == pid) l.tracker.processEnded(ns);
    m_consumed = last;
    emit dataAppended();
}

}  // namespace interleave::ui
