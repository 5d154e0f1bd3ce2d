#include "ui/views/caption_model.h"

#include <algorithm>

#include "core/analysis/wait_for.h"
#include "core/schema/event_kinds.h"
#include "ui/base/event_text.h"

namespace interleave::ui {

CaptionModel::CaptionModel(const TimelineModel* timeline, int shown, QObject* parent)
    : QAbstractListModel(parent), m_timeline(timeline), m_shown(shown) {}

void CaptionModel::reset() {
    beginResetModel();
    m_all.clear();
    m_visibleRows.clear();
    m_visibleText.clear();
    m_pendingRequests.clear();
    m_steppedRequests.clear();
    m_consumed = 0;
    m_cursor = 0;
    endResetModel();
}

std::int64_t CaptionModel::nsOf(Entry e) const {
    return m_timeline->store()->ns(e);
}

QString CaptionModel::textOf(Entry e) const {
    const auto* store = m_timeline->store();
    const Names names = m_timeline->names();
    const Row r = store->row(e);
    if (r.kind == EventKind::WorkEnd)
        return tr("%1 ends its work").arg(m_timeline->actorName(r.actor));
    auto text = describeEvent(r, names);
    if (r.kind == EventKind::LockRequest &&
        !std::binary_search(m_steppedRequests.begin(), m_steppedRequests.end(), e)) {
        // Held just before the request: the request's own moment may be the holder's release.
        const auto holders = m_timeline->lockHolders().holdersAt(r.object, r.ns - 1, r.actor);
        text += holders.empty()
                    ? tr(" — it is taken: waits")
                    : tr(" — %1 holds it: waits").arg(m_timeline->actorName(holders.front()));
    }
    return text;
}

void CaptionModel::append(std::size_t first, std::size_t last) {
    const auto* store = m_timeline->store();
    if (!store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    for (std::size_t i = first; i < last; ++i) {
        const auto k = store->kind(i);
        // Captions are for steps a person follows; bookkeeping events stay on the timeline.
        const bool work = k == EventKind::WorkEnd || k == EventKind::WorkBegin;
        if ((work && !m_stepping) || k == EventKind::ActorStart || k == EventKind::Note ||
            (kindInfo(k).caption.empty() && !(work && m_stepping)))
            continue;
        const auto row = static_cast<Entry>(i);
        const auto actor = store->actorOf(i);
        if (k == EventKind::LockRequest && m_stepping) {
            m_steppedRequests.insert(
                std::upper_bound(m_steppedRequests.begin(), m_steppedRequests.end(), row), row);
            insert(row);
            continue;
        }
        if (k == EventKind::LockRequest) {
            m_pendingRequests[actor] = row;
            continue;
        }
        if (k == EventKind::LockAcquired) {
            const auto it = m_pendingRequests.find(actor);
            if (it != m_pendingRequests.end()) {
                if (store->row(i).b) insert(it->second);  // it did have to wait
                m_pendingRequests.erase(it);
            }
        }
        insert(row);
    }
    flushBlockedRequests(store->ns(last - 1));
    m_consumed = last;
    refresh();
}

void CaptionModel::insert(Entry e) {
    const auto ns = nsOf(e);
    const auto pos = std::upper_bound(m_all.begin(), m_all.end(), ns,
                                      [this](std::int64_t t, Entry x) { return t < nsOf(x); });
    m_all.insert(pos, e);
}

void CaptionModel::flushBlockedRequests(std::int64_t now) {
    // A request still not granted a millisecond later is a thread blocked on a lock: say so,
    // even when nothing else happens any more (a deadlock).
    for (auto it = m_pendingRequests.begin(); it != m_pendingRequests.end();) {
        if (now - nsOf(it->second) > 1'000'000) {
            insert(it->second);
            it = m_pendingRequests.erase(it);
        } else {
            ++it;
        }
    }
}

void CaptionModel::setCursorTime(std::int64_t ns) {
    m_cursor = ns;
    if (!m_pendingRequests.empty()) flushBlockedRequests(ns);
    refresh();
}

void CaptionModel::refresh() {
    const auto end = std::upper_bound(m_all.begin(), m_all.end(), m_cursor,
                                      [this](std::int64_t t, Entry e) { return t < nsOf(e); });
    std::vector<Entry> visible;
    for (auto it = end; it != m_all.begin() && static_cast<int>(visible.size()) < m_shown;) {
        --it;
        visible.push_back(*it);
    }
    if (visible == m_visibleRows) return;
    beginResetModel();
    m_visibleRows = std::move(visible);
    m_visibleText.clear();
    for (const auto e : m_visibleRows)
        m_visibleText.push_back(textOf(e));
    endResetModel();
}

int CaptionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_visibleRows.size());
}

QVariant CaptionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_visibleRows.size())) return {};
    const auto row = static_cast<std::size_t>(index.row());
    const auto ns = nsOf(m_visibleRows[row]);
    if (role == Qt::DisplayRole)
        return QStringLiteral("%1 ms   %2")
            .arg(static_cast<double>(ns) / 1e6, 8, 'f', 1)
            .arg(m_visibleText[row]);
    if (role == TimeRole) return static_cast<qlonglong>(ns);
    if (role == TextRole) return m_visibleText[row];
    return {};
}

}  // namespace interleave::ui
