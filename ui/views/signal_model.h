#pragma once
// Every signal of a run at the time cursor, one row each: whether its receiver blocks it,
// how many were sent and handled, how many wait (pending) and how many were lost. Built from
// signal_* events; each event keeps the counts after it, so a seek is one binary search.
//
// What may wait comes from the object's capacity (the schema), never from its name: a standard
// signal keeps one pending (capacity 1), a real-time one queues up to its limit. A signal sent
// while as many as that already wait is lost, as the kernel does; which one was delivered
// (each carries its send's number) shows it on the timeline.

#include <QAbstractTableModel>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/base/time_ordered.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

struct SignalState {
    std::int64_t ns = -1;  // the event this state follows (-1: before any)
    std::int64_t sent = 0, handled = 0;
    std::int64_t waiting = 0;  // sent, not yet delivered: pending, or on its way
    std::int64_t lost = 0;     // sent while `capacity` already waited
    bool blocked = false, pending = false;
};

class SignalModel : public QAbstractTableModel, public RunFollower {
    Q_OBJECT
  public:
    enum Column { Name, Sent, Waiting, Handled, Lost, Blocked, ColumnCount };

    explicit SignalModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;  // GUI thread
    void setCursorTime(std::int64_t t) override;

    int signalCount() const { return static_cast<int>(m_signals.size()); }
    SignalState stateAt(int signal, std::int64_t t) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

  private:
    struct Op {
        std::int64_t ns;
        EventKind kind;
        std::int64_t a;
    };
    struct Signal {
        std::uint32_t object = kNoObject;
        std::uint32_t capacity = 0;  // how many can wait, pending
        QString name;
        History<Op, SignalState> history;
    };
    void findSignals();

    const EventStore* m_store = nullptr;
    std::size_t m_consumed = 0, m_objectsSeen = 0;
    std::vector<Signal> m_signals;
    std::unordered_map<std::uint32_t, std::size_t> m_signalOf;  // object id -> row
    std::int64_t m_cursor = 0;
    std::vector<SignalState> m_shown;  // per row, at the cursor
};

}  // namespace interleave::ui
