#include "ui/caption_model.h"

#include <algorithm>

#include "ui/event_text.h"

namespace interleave::ui {

CaptionModel::CaptionModel(const TimelineModel* timeline, int shown, QObject* parent)
    : QAbstractListModel(parent), m_timeline(timeline), m_shown(shown) {}

void CaptionModel::reset() {
    beginResetModel();
    m_all.clear();
    m_visible.clear();
    m_pendingRequests.clear();
    m_consumed = 0;
    m_cursor = 0;
    endResetModel();
}

void CaptionModel::append(std::size_t first, std::size_t last) {
    const auto* store = m_timeline->store();
    if (!store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    const Names names{[this](std::uint32_t a) { return m_timeline->actorName(a); },
                      [this](std::uint32_t o) { return m_timeline->objectName(o); },
                      [this](std::uint32_t o) { return m_timeline->objectCapacity(o); }};
    for (std::size_t i = first; i < last; ++i) {
        const auto k = store->kind(i);
        // Captions are for steps a person follows; bookkeeping events stay on the timeline.
        if (k == EventKind::WorkEnd || k == EventKind::WorkBegin || k == EventKind::ActorStart ||
            k == EventKind::Note)
            continue;
        const Row r = store->row(i);
        QString text = describeEvent(r, names);
        if (text.isEmpty()) continue;
        if (k == EventKind::LockRequest) {
            m_pendingRequests[r.actor] = Caption{r.ns, text + tr(" — it is taken: waits")};
            continue;
        }
        if (k == EventKind::LockAcquired) {
            const auto it = m_pendingRequests.find(r.actor);
            if (it != m_pendingRequests.end()) {
                if (r.b) insert(it->second);  // it did have to wait
                m_pendingRequests.erase(it);
            }
        }
        insert(Caption{r.ns, std::move(text)});
    }
    flushBlockedRequests(store->ns(last - 1));
    m_consumed = last;
    refresh();
}

void CaptionModel::insert(Caption c) {
    const auto pos = std::upper_bound(m_all.begin(), m_all.end(), c.ns,
                                      [](std::int64_t t, const Caption& x) { return t < x.ns; });
    m_all.insert(pos, std::move(c));
}

void CaptionModel::flushBlockedRequests(std::int64_t now) {
    // A request still not granted a millisecond later is a thread blocked on a lock: say so,
    // even when nothing else happens any more (a deadlock).
    for (auto it = m_pendingRequests.begin(); it != m_pendingRequests.end();) {
        if (now - it->second.ns > 1'000'000) {
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
                                      [](std::int64_t t, const Caption& c) { return t < c.ns; });
    std::vector<Caption> visible;
    for (auto it = end; it != m_all.begin() && static_cast<int>(visible.size()) < m_shown;) {
        --it;
        visible.push_back(*it);
    }
    if (visible == m_visible) return;
    beginResetModel();
    m_visible = std::move(visible);
    endResetModel();
}

int CaptionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_visible.size());
}

QVariant CaptionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_visible.size())) return {};
    const auto& c = m_visible[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole)
        return QStringLiteral("%1 ms   %2")
            .arg(static_cast<double>(c.ns) / 1e6, 8, 'f', 1)
            .arg(c.text);
    if (role == TimeRole) return static_cast<qlonglong>(c.ns);
    return {};
}

}  // namespace interleave::ui
