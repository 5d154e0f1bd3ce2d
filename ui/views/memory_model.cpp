#include "ui/views/memory_model.h"

#include <QThread>
#include <algorithm>

#include "core/schema/event_kinds.h"
#include "ui/base/time_ordered.h"

namespace interleave::ui {

MemoryModel::MemoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void MemoryModel::reset(const EventStore* store) {
    beginResetModel();
    m_store = store;
    m_consumed = 0;
    m_objectsSeen = 0;
    m_rows.clear();
    m_rowOfVariable.clear();
    m_shown.clear();
    m_measuresMemory = false;
    m_cursor = 0;
    endResetModel();
    if (store) append(0, store->size());
}

void MemoryModel::findRows() {
    const auto objects = m_store->objects();
    std::vector<ProcessRow> found;
    for (std::size_t i = m_objectsSeen; i < objects.size(); ++i) {
        const auto& o = objects[i];
        if (o.kind == ObjectKind::Memory) m_measuresMemory = true;
        // Each process's counter is a row.
        if (o.kind != ObjectKind::Variable) continue;
        found.push_back(ProcessRow{o.ownerPid, o.id, QString::fromStdString(o.name), {}});
    }
    m_objectsSeen = objects.size();
    if (found.empty()) return;
    const int before = processCount();
    beginInsertRows({}, before, before + static_cast<int>(found.size()) - 1);
    for (auto& r : found) {
        m_rowOfVariable[r.variable] = m_rows.size();
        m_rows.push_back(std::move(r));
        m_shown.emplace_back();
    }
    endInsertRows();
}

int MemoryModel::rowOfPid(int pid) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].pid == pid) return static_cast<int>(i);
    return -1;
}

void MemoryModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "MemoryModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    findRows();
    std::unordered_map<std::uint32_t, int> pidOf;  // actor -> pid
    for (const auto& a : m_store->actors())
        pidOf[a.id] = a.pid;
    for (std::size_t i = first; i < last && !m_rows.empty(); ++i) {
        const auto k = m_store->kind(i);
        int row = -1;
        const Row r = k == EventKind::MemoryPages || k == EventKind::VariableAt ||
                              k == EventKind::SharedRead || k == EventKind::SharedAdd ||
                              k == EventKind::SharedWrite
                          ? m_store->row(i)
                          : Row{};
        if (k == EventKind::MemoryPages) {
            // One mapping, measured by each process in its own memory.
            const auto it = pidOf.find(r.actor);
            if (it != pidOf.end()) row = rowOfPid(it->second);
        } else if (k == EventKind::VariableAt || kindInfo(k).group == KindGroup::Shared) {
            const auto it = m_rowOfVariable.find(r.object);
            if (it != m_rowOfVariable.end()) row = static_cast<int>(it->second);
        }
        if (row < 0) continue;
        m_rows[static_cast<std::size_t>(row)].history.add(Op{r.ns, k, r.a, r.b});
    }
    m_consumed = last;
    for (auto& row : m_rows)
        row.history.settle([](MemoryState& s, const Op& op) {
            s.ns = op.ns;
            if (op.kind == EventKind::VariableAt) {
                s.address = op.a;
            } else if (op.kind == EventKind::MemoryPages) {
                s.sharedKiB = op.a;
                s.ownKiB = op.b;
            } else {
                s.value = op.a;
                s.seen = true;
            }
        });
    setCursorTime(m_cursor);
}

MemoryState MemoryModel::stateAt(int row, std::int64_t t) const {
    if (row < 0 || row >= processCount()) return {};
    return m_rows[static_cast<std::size_t>(row)].history.at(t);
}

void MemoryModel::setCursorTime(std::int64_t t) {
    m_cursor = t;
    for (int r = 0; r < processCount(); ++r) {
        const auto now = stateAt(r, t);
        auto& shown = m_shown[static_cast<std::size_t>(r)];
        if (now.ns == shown.ns) continue;
        shown = now;
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
    }
}

int MemoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : processCount();
}

int MemoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= processCount()) return {};
    const auto& s = m_shown[static_cast<std::size_t>(index.row())];
    const auto& row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() != Process)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Address)
            return tr(
                "A virtual address: every process has its own address space, so the same "
                "number in two processes is two different places in memory.");
        if (index.column() == Shared || index.column() == Own)
            return tr(
                "Of the memory the parent filled before fork(), from /proc/self/smaps: "
                "pages still shared with another process, and pages this process has "
                "written, which the kernel copied for it (copy on write).");
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Process:
            return row.name;
        case Address:
            return s.address ? QStringLiteral("0x%1").arg(static_cast<quint64>(s.address), 0, 16)
                             : QString();
        case Value:
            return s.seen ? QVariant::fromValue(s.value) : QVariant();
        case Shared:
            return s.sharedKiB < 0 ? QVariant() : QVariant(tr("%1 KiB").arg(s.sharedKiB));
        case Own:
            return s.ownKiB < 0 ? QVariant() : QVariant(tr("%1 KiB").arg(s.ownKiB));
    }
    return {};
}

QVariant MemoryModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Process:
            return tr("Counter");
        case Address:
            return tr("At address");
        case Value:
            return tr("Value");
        case Shared:
            return tr("Memory shared");
        case Own:
            return tr("Its own");
    }
    return {};
}

}  // namespace interleave::ui
