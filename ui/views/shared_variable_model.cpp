#include "ui/views/shared_variable_model.h"

#include <algorithm>

#include "core/schema/event_kinds.h"
#include "ui/base/sorted_ids.h"

namespace interleave::ui {

SharedVariableModel::SharedVariableModel(QObject* parent) : QObject(parent) {}

void SharedVariableModel::reset(const EventStore* store) {
    m_store = store;
    m_variables.clear();
    m_actors.clear();
    emit changed();
}

void SharedVariableModel::append(std::size_t first, std::size_t last) {
    if (!m_store) return;
    const auto before = m_variables.size() + m_actors.size();
    for (auto i = first; i < last; ++i) {
        if (kindInfo(m_store->kind(i)).group != KindGroup::Shared) continue;
        insertSorted(m_variables, m_store->objectOf(i));
        insertSorted(m_actors, m_store->actorOf(i));
    }
    if (m_variables.size() + m_actors.size() != before) emit changed();
}

std::vector<SharedVariableState> SharedVariableModel::stateAt(std::int64_t t) const {
    std::vector<SharedVariableState> out;
    if (!m_store) return out;
    // A thread's latest step on a variable before t tells both what it holds privately (a read
    // not yet written back) and, among all threads' latest writes, the variable's value.
    constexpr std::size_t kLookBack = 64;
    for (const auto var : m_variables) {
        SharedVariableState s;
        s.name = QString::fromStdString(m_store->objectName(var));
        std::int64_t valueAt = -1;
        for (const auto actor : m_actors) {
            auto k = m_store->actorLowerBound(actor, t + 1);
            bool latest = true;  // the first step on `var` found, going back
            for (std::size_t n = 0; k > 0 && n < kLookBack; ++n) {
                const auto i = m_store->actorEvent(actor, --k);
                if (m_store->objectOf(i) != var) continue;
                const auto kind = m_store->kind(i);
                // Only the variable's own steps: scheduled by hand, the checkpoint before the
                // write names the variable too, and must not hide the copy read before it.
                if (kindInfo(kind).group != KindGroup::Shared) continue;
                if (latest && kind == EventKind::SharedRead)
                    s.copies.push_back({actor, m_store->row(i).a});
                latest = false;
                // Writes are exchanges: the latest one in time, of any thread, is the value.
                if (kind == EventKind::SharedWrite || kind == EventKind::SharedAdd) {
                    if (m_store->ns(i) > valueAt) {
                        valueAt = m_store->ns(i);
                        s.value = m_store->row(i).a;
                    }
                    break;
                }
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace interleave::ui
