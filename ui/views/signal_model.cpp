#include "ui/views/signal_model.h"

#include <QThread>
#include <algorithm>

#include "core/schema/event_kinds.h"
#include "ui/base/time_ordered.h"

namespace interleave::ui {

SignalModel::SignalModel(QObject* parent) : QAbstractTableModel(parent) {}

void SignalModel::reset(const EventStore* store) {
    beginResetModel();
    m_store = store;
    m_consumed = 0;
    m_objectsSeen = 0;
    m_signals.clear();
    m_signalOf.clear();
    m_shown.clear();
    m_cursor = 0;
    endResetModel();
    if (store) append(0, store->size());
}

void SignalModel::findSignals() {
    const auto objects = m_store->objects();
    const int before = signalCount();
    std::vector<Signal> found;
    for (std::size_t i = m_objectsSeen; i < objects.size(); ++i) {
        const auto& o = objects[i];
        if (o.kind != ObjectKind::Signal) continue;
        found.push_back(Signal{o.id, o.capacity, QString::fromStdString(o.name), {}});
    }
    m_objectsSeen = objects.size();
    if (found.empty()) return;
    beginInsertRows({}, before, before + static_cast<int>(found.size()) - 1);
    for (auto& s : found) {
        m_signalOf[s.object] = m_signals.size();
        m_signals.push_back(std::move(s));
        m_shown.emplace_back();
    }
    endInsertRows();
}

void SignalModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "SignalModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    findSignals();
    for (std::size_t i = first; i < last && !m_signals.empty(); ++i) {
        const auto k = m_store->kind(i);
        // A wait for a signal changes nothing in the signal's own state.
        const auto step = kindInfo(k).signal;
        if (step == SignalStep::None || step == SignalStep::Wait) continue;
        const Row r = m_store->row(i);
        const auto it = m_signalOf.find(r.object);
        if (it == m_signalOf.end()) continue;
        m_signals[it->second].history.add(Op{r.ns, k, r.a});
    }
    m_consumed = last;
    for (auto& sig : m_signals)
        sig.history.settle([&](SignalState& st, const Op& op) {
            st.ns = op.ns;
            switch (kindInfo(op.kind).signal) {
                case SignalStep::Send:
                    ++st.sent;
                    // The kernel keeps at most `capacity` of a signal pending; one more is lost.
                    if (st.waiting >= static_cast<std::int64_t>(sig.capacity))
                        ++st.lost;
                    else
                        ++st.waiting;
                    break;
                case SignalStep::Handled:
                    ++st.handled;
                    st.waiting = std::max<std::int64_t>(0, st.waiting - 1);
                    break;
                case SignalStep::Block:
                    st.blocked = op.a != 0;
                    break;
                case SignalStep::Pending:
                    st.pending = op.a != 0;
                    break;
                case SignalStep::None:
                case SignalStep::Wait:
                    break;
            }
        });
    setCursorTime(m_cursor);
}

SignalState SignalModel::stateAt(int signal, std::int64_t t) const {
    if (signal < 0 || signal >= signalCount()) return {};
    return m_signals[static_cast<std::size_t>(signal)].history.at(t);
}

void SignalModel::setCursorTime(std::int64_t t) {
    m_cursor = t;
    for (int r = 0; r < signalCount(); ++r) {
        const auto now = stateAt(r, t);
        auto& shown = m_shown[static_cast<std::size_t>(r)];
        if (now.ns == shown.ns) continue;
        shown = now;
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
    }
}

int SignalModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : signalCount();
}

int SignalModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SignalModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= signalCount()) return {};
    const int row = index.row();
    const auto& s = m_shown[static_cast<std::size_t>(row)];
    const auto& sig = m_signals[static_cast<std::size_t>(row)];
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Lost)
            return tr("Sent while one was already waiting: the kernel keeps one pending %1, "
                      "and the others are gone.")
                .arg(sig.name);
        if (index.column() == Waiting)
            return sig.capacity > 1
                       ? tr("Pending: sent while blocked. Real-time signals queue: each one "
                            "sent will arrive, in order.")
                       : tr("Pending: sent while blocked. A standard signal is kept once, "
                            "however many times it is sent.");
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Name:
            return sig.name;
        case Blocked:
            return s.blocked ? tr("yes") : tr("no");
        case Sent:
            return QVariant::fromValue(s.sent);
        case Waiting:
            return QVariant::fromValue(s.waiting);
        case Handled:
            return QVariant::fromValue(s.handled);
        case Lost:
            return QVariant::fromValue(s.lost);
    }
    return {};
}

QVariant SignalModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Name:
            return tr("Signal");
        case Blocked:
            return tr("Receiver blocks it");
        case Sent:
            return tr("Sent");
        case Waiting:
            return tr("Pending");
        case Handled:
            return tr("Handled");
        case Lost:
            return tr("Lost");
    }
    return {};
}

}  // namespace interleave::ui
