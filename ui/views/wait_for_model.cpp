#include "ui/views/wait_for_model.h"

#include <algorithm>

#include "core/schema/event_kinds.h"
#include "ui/base/sorted_ids.h"

namespace interleave::ui {

WaitForModel::WaitForModel(Names names, QObject* parent)
    : QObject(parent), m_names(std::move(names)) {}

void WaitForModel::reset(const EventStore* store) {
    m_store = store;
    m_tracker.reset(store);
    m_time = 0;
    m_threads.clear();
    m_locks.clear();
    m_graph = {};
    m_cycle.clear();
    emit changed();
}

void WaitForModel::append(std::size_t first, std::size_t last) {
    if (!m_store) return;
    const auto nodes = m_threads.size() + m_locks.size();
    for (auto i = first; i < last; ++i) {
        if (kindInfo(m_store->kind(i)).group != KindGroup::Mutex) continue;
        insertSorted(m_threads, m_store->actorOf(i));
        insertSorted(m_locks, m_store->objectOf(i));
    }
    // Events that arrive late (another ring drained later) may change the graph at the cursor.
    const bool grew = m_threads.size() + m_locks.size() != nodes;
    refresh();
    if (grew) emit changed();
}

void WaitForModel::setCursorTime(std::int64_t t) {
    m_time = t;
    refresh();
}

void WaitForModel::refresh() {
    if (!m_store) return;
    const auto& g = m_tracker.at(m_time);
    if (g == m_graph) return;
    m_graph = g;
    m_cycle = g.cycle();
    // The tracker reads the store itself and may be ahead of what append() has seen: every
    // thread and lock of the graph is a node, or the view would leave out part of a cycle.
    for (const auto& [lock, holders] : g.holders) {
        insertSorted(m_locks, lock);
        for (const auto& h : holders)
            insertSorted(m_threads, h.actor);
    }
    for (const auto& [actor, lock] : g.waiting) {
        insertSorted(m_threads, actor);
        insertSorted(m_locks, lock);
    }
    emit changed();
}

QString WaitForModel::heldBy(std::uint32_t actor) const {
    const auto lock = m_graph.waiting.at(actor);
    const auto by = m_graph.waitsFor(actor);
    if (by.empty()) return tr("%1 asks for %2").arg(m_names.actor(actor), m_names.object(lock));
    QStringList names;
    for (const auto a : by)
        names << m_names.actor(a);
    return tr("%1 waits for %2, held by %3")
        .arg(m_names.actor(actor), m_names.object(lock), names.join(QStringLiteral(", ")));
}

QString WaitForModel::sentence() const {
    if (!m_cycle.empty()) return tr("Deadlock: %1").arg(deadlockSentence(m_graph, m_names));
    QStringList waits;
    for (const auto& entry : m_graph.waiting)
        waits << heldBy(entry.first);
    if (!waits.isEmpty()) return waits.join(QStringLiteral("; "));
    if (m_locks.empty()) return tr("No lock taken yet.");
    return tr("Nobody waits for a lock.");
}

QString WaitForModel::briefSentence() const {
    auto step = [this](std::uint32_t actor) {
        return m_graph.waiting.count(actor) ? heldBy(actor) : m_names.actor(actor);
    };
    if (!m_cycle.empty()) {
        if (m_cycle.size() <= 3) return sentence();
        return tr("Deadlock: %n threads in a circle, each waiting for a lock the next one holds: "
                  "%1, … %2.",
                  nullptr, static_cast<int>(m_cycle.size()))
            .arg(step(m_cycle.front()), step(m_cycle.back()));
    }
    if (m_graph.waiting.size() <= 2) return sentence();
    return tr("%n threads wait for a lock; %1, …", nullptr,
              static_cast<int>(m_graph.waiting.size()))
        .arg(step(m_graph.waiting.begin()->first));
}

}  // namespace interleave::ui
