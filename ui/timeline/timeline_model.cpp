#include "ui/timeline/timeline_model.h"

#include <QThread>
#include <algorithm>
#include <set>

#include "core/schema/event_kinds.h"

namespace interleave::ui {

TimelineModel::TimelineModel(QObject* parent) : QObject(parent) {}

void TimelineModel::reset(const EventStore* store) {
    m_store = store;
    m_lockHolders.reset(store);
    m_consumed = 0;
    m_lanes.clear();
    m_laneOf.clear();
    m_objects.clear();
    m_lockTags.clear();
    m_links.reset();
    m_facts.reset();
    m_lastNs = 0;
    m_holds = 0;
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
    return m_facts.parentAt(pid, firstParent, t);
}

QString TimelineModel::programAt(int pid, std::int64_t t) const {
    const auto program = m_facts.programAt(pid, t);
    return program == kNoObject ? QString() : objectName(program);
}

int TimelineModel::killedBy(int pid, std::int64_t t) const {
    return m_facts.killedBy(pid, t);
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
        // A guard is named by what it guards ("buffer 2" for the buffer's lock); a lock of its
        // own by its own name. Known from the object's role and owner, not from its name.
        const auto owner = m_objects.find(o.owner);
        m_lockTags[id] = QString::fromStdString(
            o.role == ObjectRole::Guard && owner != m_objects.end() ? owner->second.name : o.name);
    }
    if (m_lockTags.size() < 2) m_lockTags.clear();
    if (added) emit lanesChanged();
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
    m_lockHolders.update();
    std::map<int, std::int64_t> processEnds;
    for (std::size_t i = first; i < last; ++i) {
        const Row r = m_store->row(i);
        m_lastNs = std::max(m_lastNs, r.ns);
        const int lane = laneOfActor(r.actor);
        if (lane >= 0) m_lanes[static_cast<std::size_t>(lane)].tracker.feed(r);
        m_links.feed(r);
        m_facts.feed(r);
        if (r.kind == EventKind::CpuTime && lane >= 0)
            m_lanes[static_cast<std::size_t>(lane)].cpu.emplace_back(r.ns, r.a);
        if (kindInfo(r.kind).effect == StateEffect::ProcessExit)
            processEnds[static_cast<int>(r.a)] = r.ns;
        // Each stretch a lane held a reader-writer lock, read or write (the table's hold column).
        if (const auto hold = kindInfo(r.kind).hold;
            lane >= 0 && (hold.what == Holding::Read || hold.what == Holding::Write)) {
            auto& holds = m_lanes[static_cast<std::size_t>(lane)].holds;
            if (hold.step == ObjectStep::Acquire) {
                holds.push_back({r.ns, -1, r.object, hold.what == Holding::Write});
                ++m_holds;
            } else if (hold.step == ObjectStep::Release) {
                for (auto& h : holds)
                    if (h.end < 0 && h.lock == r.object) h.end = r.ns;
            }
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
