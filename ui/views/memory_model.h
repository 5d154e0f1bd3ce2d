#pragma once
// Each process's own memory at the time cursor, one row per process: where its counter is (the
// same address in every process after fork()), the value it holds there, and how much of the
// memory it inherited is still shared with another process or already its own (copied on
// write). Built from variable_at, shared_* and memory_pages events.

#include <QAbstractTableModel>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/base/time_ordered.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

struct MemoryState {
    std::int64_t ns = -1;  // the event this state follows (-1: before any)
    std::int64_t address = 0, value = 0;
    bool seen = false;                         // a value has been read or written
    std::int64_t sharedKiB = -1, ownKiB = -1;  // -1: not measured yet
};

class MemoryModel : public QAbstractTableModel, public RunFollower {
    Q_OBJECT
  public:
    enum Column { Process, Address, Value, Shared, Own, ColumnCount };

    explicit MemoryModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;  // GUI thread
    void setCursorTime(std::int64_t t) override;

    int processCount() const { return static_cast<int>(m_rows.size()); }
    // The run measures a process's memory (it has a `memory` object): only then does this
    // model's view show.
    bool measuresMemory() const { return m_measuresMemory; }
    MemoryState stateAt(int row, std::int64_t t) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

  private:
    struct Op {
        std::int64_t ns;
        EventKind kind;
        std::int64_t a, b;
    };
    struct ProcessRow {
        int pid = 0;
        std::uint32_t variable = kNoObject;
        QString name;
        History<Op, MemoryState> history;
    };
    void findRows();
    int rowOfPid(int pid) const;

    const EventStore* m_store = nullptr;
    std::size_t m_consumed = 0, m_objectsSeen = 0;
    std::vector<ProcessRow> m_rows;
    std::unordered_map<std::uint32_t, std::size_t> m_rowOfVariable;
    std::int64_t m_cursor = 0;
    std::vector<MemoryState> m_shown;
    bool m_measuresMemory = false;
};

}  // namespace interleave::ui
