#include "ui/buffer_model.h"

#include <QThread>
#include <algorithm>

namespace interleave::ui {
namespace {
BufferState emptyState(std::uint32_t capacity) {
    BufferState s;
    s.capacity = capacity;
    s.items.assign(capacity, -1);
    s.changedNs.assign(capacity, -1);
    s.lastWasPut.assign(capacity, false);
    return s;
}
}  // namespace

BufferModel::BufferModel(QObject* parent) : QObject(parent) {}

void BufferModel::reset(const EventStore* store) {
    m_store = store;
    m_consumed = 0;
    m_object = kNoObject;
    m_capacity = 0;
    m_name.clear();
    m_ops.clear();
    m_snapshots.clear();
    if (store) append(0, store->size());
    emit changed();
}

void BufferModel::apply(BufferState& s, const Op& op) const {
    if (op.slot >= s.capacity) return;
    s.items[op.slot] = op.put ? op.item : -1;
    s.changedNs[op.slot] = op.ns;
    s.lastWasPut[op.slot] = op.put;
    if (op.put) {
        s.tail = (op.slot + 1) % s.capacity;
        ++s.count;
        ++s.puts;
    } else {
        s.head = (op.slot + 1) % s.capacity;
        if (s.count) --s.count;
        ++s.gets;
    }
}

void BufferModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "BufferModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    if (m_object == kNoObject) {
        for (const auto& o : m_store->objects()) {
            if (o.kind == ObjectKind::Queue) {
                m_object = o.id;
                m_capacity = o.capacity;
                m_name = QString::fromStdString(o.name);
                break;
            }
        }
    }
    bool grew = false;
    std::size_t firstChanged = m_ops.size();
    for (std::size_t i = first; i < last && m_object != kNoObject; ++i) {
        const auto k = m_store->kind(i);
        if (k != EventKind::QueuePut && k != EventKind::QueueGet) continue;
        const Row r = m_store->row(i);
        if (r.object != m_object) continue;
        const Op op{r.ns, k == EventKind::QueuePut, r.a,
                    static_cast<std::uint32_t>(static_cast<std::uint64_t>(r.b) >> 32)};
        // Rings are drained one actor at a time, so a batch is nearly, not fully, time-ordered.
        const auto pos = std::upper_bound(m_ops.begin(), m_ops.end(), op.ns,
                                          [](std::int64_t t, const Op& o) { return t < o.ns; });
        firstChanged = std::min(firstChanged, static_cast<std::size_t>(pos - m_ops.begin()));
        m_ops.insert(pos, op);
        grew = true;
    }
    m_consumed = last;
    if (!grew) return;
    // Snapshots at or after the first changed op are stale.
    m_snapshots.resize(std::min(m_snapshots.size(), firstChanged / kSnapshotEvery + 1));
    if (m_snapshots.empty()) m_snapshots.push_back(emptyState(m_capacity));
    while (m_snapshots.size() * kSnapshotEvery <= m_ops.size()) {
        BufferState s = m_snapshots.back();
        const std::size_t from = (m_snapshots.size() - 1) * kSnapshotEvery;
        for (std::size_t i = from; i < from + kSnapshotEvery; ++i)
            apply(s, m_ops[i]);
        m_snapshots.push_back(std::move(s));
    }
    emit changed();
}

BufferState BufferModel::stateAt(std::int64_t t) const {
    if (m_snapshots.empty()) return emptyState(m_capacity);
    const auto end = static_cast<std::size_t>(
        std::upper_bound(m_ops.begin(), m_ops.end(), t,
                         [](std::int64_t x, const Op& o) { return x < o.ns; }) -
        m_ops.begin());
    const std::size_t snap = std::min(end / kSnapshotEvery, m_snapshots.size() - 1);
    BufferState s = m_snapshots[snap];
    for (std::size_t i = snap * kSnapshotEvery; i < end; ++i)
        apply(s, m_ops[i]);
    return s;
}

}  // namespace interleave::ui
