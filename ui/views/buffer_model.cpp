#include "ui/views/buffer_model.h"

#include <QThread>
#include <algorithm>

#include "ui/base/time_ordered.h"

namespace interleave::ui {
namespace {
BufferState emptyState(std::uint32_t capacity) {
    BufferState s;
    s.capacity = capacity;
    s.items.assign(capacity, -1);
    s.changedNs.assign(capacity, -1);
    s.lastWasPut.assign(capacity, false);
    s.written.assign(capacity, -1);
    return s;
}
}  // namespace

BufferModel::BufferModel(QObject* parent) : QObject(parent) {}

void BufferModel::reset(const EventStore* store) {
    m_store = store;
    m_consumed = 0;
    m_objectsSeen = 0;
    m_queues.clear();
    m_queueOf.clear();
    if (store) append(0, store->size());
    emit changed();
}

void BufferModel::apply(BufferState& s, const Op& op) {
    if (op.slot >= s.capacity) return;
    s.items[op.slot] = op.put ? op.item : -1;
    s.changedNs[op.slot] = op.ns;
    s.lastWasPut[op.slot] = op.put;
    if (op.put) {
        s.written[op.slot] = op.item;
        s.tail = (op.slot + 1) % s.capacity;
        ++s.count;
        ++s.puts;
    } else {
        s.head = (op.slot + 1) % s.capacity;
        if (s.count) --s.count;
        ++s.gets;
    }
}

// Objects are registered while a run goes on (a scenario may build a second buffer later), so
// every batch looks for queues it has not seen yet.
void BufferModel::findQueues() {
    const auto objects = m_store->objects();
    for (std::size_t i = m_objectsSeen; i < objects.size(); ++i) {
        const auto& o = objects[i];
        if (o.kind != ObjectKind::Queue && o.kind != ObjectKind::SharedSegment) continue;
        m_queueOf[o.id] = m_queues.size();
        m_queues.push_back(Queue{o.id,
                                 o.capacity,
                                 QString::fromStdString(o.name),
                                 o.kind == ObjectKind::SharedSegment,
                                 {},
                                 {}});
    }
    m_objectsSeen = objects.size();
}

void BufferModel::insert(Queue& q, const Op& op, std::size_t& firstChanged) {
    firstChanged = std::min(firstChanged, insertByTime(q.ops, op));
}

void BufferModel::resnapshot(Queue& q, std::size_t firstChanged) {
    // Snapshots at or after the first changed op are stale.
    q.snapshots.resize(std::min(q.snapshots.size(), firstChanged / kSnapshotEvery + 1));
    if (q.snapshots.empty()) q.snapshots.push_back(emptyState(q.capacity));
    while (q.snapshots.size() * kSnapshotEvery <= q.ops.size()) {
        BufferState s = q.snapshots.back();
        const std::size_t from = (q.snapshots.size() - 1) * kSnapshotEvery;
        for (std::size_t i = from; i < from + kSnapshotEvery; ++i)
            apply(s, q.ops[i]);
        q.snapshots.push_back(std::move(s));
    }
}

void BufferModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "BufferModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    const auto queuesBefore = m_queues.size();
    findQueues();
    std::vector<std::size_t> firstChanged(m_queues.size(), SIZE_MAX);
    for (std::size_t i = first; i < last && !m_queues.empty(); ++i) {
        const auto k = m_store->kind(i);
        if (k != EventKind::QueuePut && k != EventKind::QueueGet) continue;
        const Row r = m_store->row(i);
        const auto it = m_queueOf.find(r.object);
        if (it == m_queueOf.end()) continue;
        insert(m_queues[it->second],
               Op{r.ns, k == EventKind::QueuePut, r.a,
                  static_cast<std::uint32_t>(static_cast<std::uint64_t>(r.b) >> 32)},
               firstChanged[it->second]);
    }
    m_consumed = last;
    bool changedAny = m_queues.size() != queuesBefore;
    for (std::size_t q = 0; q < m_queues.size(); ++q) {
        if (firstChanged[q] == SIZE_MAX) continue;
        resnapshot(m_queues[q], firstChanged[q]);
        changedAny = true;
    }
    if (changedAny) emit changed();
}

BufferState BufferModel::stateAt(int queue, std::int64_t t) const {
    if (queue < 0 || queue >= queueCount()) return {};  // no such queue (yet)
    const Queue& q = m_queues[static_cast<std::size_t>(queue)];
    if (q.snapshots.empty()) return emptyState(q.capacity);
    const auto end = static_cast<std::size_t>(
        std::upper_bound(q.ops.begin(), q.ops.end(), t,
                         [](std::int64_t x, const Op& o) { return x < o.ns; }) -
        q.ops.begin());
    const std::size_t snap = std::min(end / kSnapshotEvery, q.snapshots.size() - 1);
    BufferState s = q.snapshots[snap];
    for (std::size_t i = snap * kSnapshotEvery; i < end; ++i)
        apply(s, q.ops[i]);
    return s;
}

}  // namespace interleave::ui
