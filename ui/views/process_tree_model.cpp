#include "ui/views/process_tree_model.h"

#include <QFont>

#include "core/schema/sys_text.h"
#include "ui/base/palette.h"

namespace interleave::ui {
namespace {
constexpr double kAnimationNs = 800e6;  // fork/exit highlights fade over 0.8 s of run time

QString signalName(int sig) {
    return QString::fromStdString(interleave::signalName(sig));
}
}  // namespace

ProcessTreeModel::ProcessTreeModel(const TimelineModel* timeline, QObject* parent)
    : QAbstractItemModel(parent), m_timeline(timeline) {
    connect(timeline, &TimelineModel::lanesChanged, this, [this] {
        if (m_timeline->lanes().empty() && !m_nodes.empty()) {
            beginResetModel();
            m_nodes.clear();
            m_looks.clear();
            m_roots.clear();
            m_nodeOfActor.clear();
            m_processNode.clear();
            endResetModel();
        }
        sync();
    });
}

const Lane* ProcessTreeModel::laneOf(const Node& n) const {
    const int lane = m_timeline->laneOfActor(n.actor);
    return lane < 0 ? nullptr : &m_timeline->lanes()[static_cast<std::size_t>(lane)];
}

void ProcessTreeModel::sync() {
    const auto* store = m_timeline->store();
    if (!store) return;
    // Parents before children: processes in creation (actor id) order, then threads.
    auto actors = store->actors();
    std::stable_sort(actors.begin(), actors.end(),
                     [](const ActorInfo& a, const ActorInfo& b) { return a.id < b.id; });
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& a : actors) {
            const bool process = a.role == ActorRole::ProcessMain;
            if ((pass == 0) != process || m_nodeOfActor.count(a.id)) continue;
            int parentNode = -1;
            if (process) {
                const auto it = m_processNode.find(a.ppid);
                if (it != m_processNode.end()) parentNode = it->second;
            } else {
                const auto it = m_processNode.find(a.pid);
                if (it == m_processNode.end()) continue;  // its process is not known yet
                parentNode = it->second;
            }
            Node n;
            n.parent = parentNode;
            n.firstParent = parentNode;
            n.process = process;
            n.actor = a.id;
            n.pid = a.pid;
            n.ppid = a.ppid;
            n.tid = a.tid;
            n.name = QString::fromStdString(a.name);
            const int id = static_cast<int>(m_nodes.size());
            auto& siblings =
                parentNode < 0 ? m_roots : m_nodes[static_cast<std::size_t>(parentNode)].children;
            const int row = static_cast<int>(siblings.size());
            beginInsertRows(parentNode < 0 ? QModelIndex() : indexOfNode(parentNode, 0), row, row);
            m_nodes.push_back(n);
            (parentNode < 0 ? m_roots : m_nodes[static_cast<std::size_t>(parentNode)].children)
                .push_back(id);
            m_nodeOfActor[a.id] = id;
            if (process) m_processNode[a.pid] = id;
            endInsertRows();
        }
    }
}

int ProcessTreeModel::ppidAt(const Node& n) const {
    return m_timeline->parentAt(n.pid, n.ppid, m_cursor);
}

bool ProcessTreeModel::zombieAt(const Node& n) const {
    if (!n.process) return false;
    const Lane* lane = laneOf(n);
    return lane && lane->tracker.stateAt(m_cursor) == ActorState::Zombie;
}

QString ProcessTreeModel::programAt(const Node& n) const {
    return n.process ? m_timeline->programAt(n.pid, m_cursor) : QString();
}

int ProcessTreeModel::killedAt(const Node& n) const {
    return n.process ? m_timeline->killedBy(n.pid, m_cursor) : 0;
}

void ProcessTreeModel::reparent() {
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        auto& n = m_nodes[i];
        if (!n.process) continue;
        const int ppid = ppidAt(n);
        int target = n.firstParent;
        if (ppid != n.ppid)
            if (const auto it = m_processNode.find(ppid); it != m_processNode.end())
                target = it->second;
        if (target == n.parent || target == static_cast<int>(i)) continue;
        const int node = static_cast<int>(i);
        const int from = rowInParent(node);
        auto& dest = target < 0 ? m_roots : m_nodes[static_cast<std::size_t>(target)].children;
        const int to = static_cast<int>(dest.size());
        const QModelIndex src = n.parent < 0 ? QModelIndex() : indexOfNode(n.parent, 0);
        const QModelIndex dst = target < 0 ? QModelIndex() : indexOfNode(target, 0);
        if (!beginMoveRows(src, from, from, dst, to)) continue;
        auto& siblings =
            n.parent < 0 ? m_roots : m_nodes[static_cast<std::size_t>(n.parent)].children;
        siblings.erase(siblings.begin() + from);
        (target < 0 ? m_roots : m_nodes[static_cast<std::size_t>(target)].children).push_back(node);
        m_nodes[i].parent = target;
        endMoveRows();
    }
}

ProcessTreeModel::Look ProcessTreeModel::lookOf(int node) const {
    constexpr int kFadeSteps = 20;
    const auto& n = m_nodes[static_cast<std::size_t>(node)];
    const QModelIndex i = indexOfNode(node, 0);
    Look l;
    if (const Lane* lane = laneOf(n)) {
        l.state = lane->tracker.stateAt(m_cursor);
        l.started = lane->tracker.startNs() >= 0 && lane->tracker.startNs() <= m_cursor;
        const auto cpu = lane->cpuAt(m_cursor);
        l.cpuMs = cpu < 0 ? -1 : cpu / 1'000'000;
    }
    l.killed = killedAt(n);
    l.execed = !programAt(n).isEmpty();
    l.ppid = n.process ? ppidAt(n) : 0;
    l.appear = static_cast<int>(data(i, AppearRole).toDouble() * kFadeSteps);
    l.end = static_cast<int>(data(i, EndRole).toDouble() * kFadeSteps);
    return l;
}

void ProcessTreeModel::setCursorTime(std::int64_t ns) {
    m_cursor = ns;
    reparent();
    m_looks.resize(m_nodes.size(), Look{ActorState::Exited, false, -1, -1});
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const int node = static_cast<int>(i);
        const Look look = lookOf(node);
        if (look == m_looks[i]) continue;
        m_looks[i] = look;
        emit dataChanged(indexOfNode(node, 0), indexOfNode(node, ColumnCount - 1));
    }
}

int ProcessTreeModel::rowInParent(int node) const {
    const auto& n = m_nodes[static_cast<std::size_t>(node)];
    const auto& siblings =
        n.parent < 0 ? m_roots : m_nodes[static_cast<std::size_t>(n.parent)].children;
    return static_cast<int>(std::find(siblings.begin(), siblings.end(), node) - siblings.begin());
}

QModelIndex ProcessTreeModel::indexOfNode(int node, int column) const {
    return createIndex(rowInParent(node), column, static_cast<quintptr>(node + 1));
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    const auto& siblings = parent.isValid() ? m_nodes[parent.internalId() - 1].children : m_roots;
    if (row >= static_cast<int>(siblings.size())) return {};
    return createIndex(row, column,
                       static_cast<quintptr>(siblings[static_cast<std::size_t>(row)] + 1));
}

QModelIndex ProcessTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    const int p = m_nodes[child.internalId() - 1].parent;
    return p < 0 ? QModelIndex() : indexOfNode(p, 0);
}

int ProcessTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(m_roots.size());
    if (parent.column() != 0) return 0;
    return static_cast<int>(m_nodes[parent.internalId() - 1].children.size());
}

int ProcessTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Name:
            return tr("Process / thread");
        case Cpu:
            return tr("CPU");
        case Pid:
            return tr("PID");
        case Ppid:
            return tr("PPID");
        case Tid:
            return tr("TID");
        case State:
            return tr("State");
    }
    return {};
}

QString ProcessTreeModel::formatCpu(std::int64_t ns) {
    if (ns < 1'000'000'000) return tr("%1 ms").arg(ns / 1'000'000);
    return tr("%1 s").arg(static_cast<double>(ns) / 1e9, 0, 'f', 2);
}

QVariant ProcessTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto& n = m_nodes[index.internalId() - 1];
    const Lane* lane = laneOf(n);
    const ActorState state = lane ? lane->tracker.stateAt(m_cursor) : ActorState::Exited;
    const bool started =
        lane && lane->tracker.startNs() >= 0 && lane->tracker.startNs() <= m_cursor;
    switch (role) {
        case StartedRole:
            return !lane || started;  // without a lane it cannot be known: shown
        case Qt::DisplayRole:
            return displayOf(n, lane, state, started, index.column());
        case Qt::ToolTipRole:
            return toolTipOf(n, index.column());
        case Qt::DecorationRole:
            if (index.column() == State && started && state != ActorState::Exited)
                return Palette::state(state).color;
            if (index.column() == State && zombieAt(n))
                return Palette::state(ActorState::WaitingJoin).color;
            return {};
        case Qt::FontRole: {
            QFont f;
            // Struck out once gone; a zombie is not gone yet, and is set in italics.
            const bool zombie = zombieAt(n);
            f.setStrikeOut(started && state == ActorState::Exited && !zombie);
            f.setItalic(zombie);
            f.setBold(n.process && index.column() == Name);
            return f;
        }
        case AppearRole: {
            if (!lane || lane->tracker.startNs() < 0) return 0.0;
            const double age = static_cast<double>(m_cursor - lane->tracker.startNs());
            return age < 0 || age > kAnimationNs ? 0.0 : 1.0 - age / kAnimationNs;
        }
        case EndRole: {
            if (!lane || !lane->tracker.ended() || state != ActorState::Exited || !started)
                return 0.0;
            const auto& closed = lane->tracker.closed();
            const double age =
                closed.empty() ? kAnimationNs : static_cast<double>(m_cursor - closed.back().end);
            return age < 0 || age > kAnimationNs ? 0.0 : 1.0 - age / kAnimationNs;
        }
    }
    return {};
}

QVariant ProcessTreeModel::displayOf(const Node& n, const Lane* lane, ActorState state,
                                     bool started, int column) const {
    switch (column) {
        case Name:
            // Said in the first column too: at 1280x720 the State column is off screen.
            if (zombieAt(n)) return tr("%1 — zombie").arg(n.name);
            if (const int sig = killedAt(n))
                return tr("%1 — killed by %2").arg(n.name, signalName(sig));
            if (const auto program = programAt(n); !program.isEmpty())
                return tr("%1 — now runs %2").arg(n.name, program);
            return n.name;
        case Cpu: {
            const auto cpu = lane ? lane->cpuAt(m_cursor) : -1;
            return cpu < 0 ? QVariant() : QVariant(formatCpu(cpu));
        }
        case Pid:
            return n.pid;
        case Ppid:
            return n.process ? QVariant(ppidAt(n)) : QVariant();
        case Tid:
            return n.tid;
        case State:
            if (zombieAt(n)) return tr("zombie: ended, not yet reaped");
            if (const int sig = killedAt(n))
                return tr("killed by signal %1 (%2)").arg(sig).arg(signalName(sig));
            return !started ? tr("not started") : Palette::state(state).label;
    }
    return {};
}

QString ProcessTreeModel::toolTipOf(const Node& n, int column) const {
    if (column == Cpu)
        return tr("CPU time %1 has used so far (from /proc): time on a core, not time "
                  "waiting or sleeping.")
            .arg(n.name);
    if (zombieAt(n))
        return tr("Process %1 (pid %2) has ended, but its parent has not waited for it "
                  "yet: "
                  "a zombie. The kernel keeps its pid and exit status until then.")
            .arg(n.name)
            .arg(n.pid);
    if (const int sig = killedAt(n))
        return tr("Process %1 (pid %2) was killed by signal %3 (%4): every thread in it "
                  "ended at that moment, wherever it was. Other processes go on.")
            .arg(n.name)
            .arg(n.pid)
            .arg(sig)
            .arg(signalName(sig));
    if (const auto program = programAt(n); !program.isEmpty())
        return tr("Process %1 (pid %2) replaced its program with %3 (exec): the same "
                  "process, pid and parent, running another program, which records "
                  "nothing. Its end is still seen, by its parent's wait.")
            .arg(n.name)
            .arg(n.pid)
            .arg(program);
    if (n.process && n.firstParent < 0)
        return tr("Process %1 (pid %2): the lab, where the run starts. It is the run's "
                  "subreaper: a process of the run whose parent ends is re-parented to it.")
            .arg(n.name)
            .arg(n.pid);
    if (n.process && ppidAt(n) != n.ppid)
        return tr("Process %1 (pid %2) was orphaned: its parent (pid %3) ended first, and "
                  "the "
                  "kernel made pid %4, the run's subreaper, its parent.")
            .arg(n.name)
            .arg(n.pid)
            .arg(n.ppid)
            .arg(ppidAt(n));
    return n.process ? tr("Process %1 (pid %2), child of pid %3. Its threads share pid %2.")
                           .arg(n.name)
                           .arg(n.pid)
                           .arg(n.ppid)
                     : tr("Thread %1 of process %2: same pid, its own tid %3.")
                           .arg(n.name)
                           .arg(n.pid)
                           .arg(n.tid);
}

}  // namespace interleave::ui
