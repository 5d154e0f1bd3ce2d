#pragma once
// The bounded buffer at any moment: which slot holds which item, head, tail, occupancy, and when
// each slot last changed (for the fading highlight). Built from queue_put/queue_get events; keeps
// a snapshot every few hundred operations so seeking anywhere costs little.

#include <QObject>
#include <cstdint>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave::ui {

struct BufferState {
    std::uint32_t capacity = 0;
    std::vector<std::int64_t> items;      // per slot; -1 = empty
    std::vector<std::int64_t> changedNs;  // per slot; when it was last put into or taken from
    std::vector<bool> lastWasPut;         // per slot
    std::uint32_t head = 0;               // next slot a consumer takes
    std::uint32_t tail = 0;               // next slot a producer fills
    std::uint32_t count = 0;
    std::uint64_t puts = 0, gets = 0;
};

class BufferModel : public QObject {
    Q_OBJECT
  public:
    explicit BufferModel(QObject* parent = nullptr);

    void reset(const EventStore* store);
    void append(std::size_t first, std::size_t last);  // GUI thread

    bool hasBuffer() const { return m_object != kNoObject; }
    QString name() const { return m_name; }
    std::uint32_t capacity() const { return m_capacity; }
    BufferState stateAt(std::int64_t t) const;

  signals:
    void changed();

  private:
    struct Op {
        std::int64_t ns;
        bool put;
        std::int64_t item;
        std::uint32_t slot;
    };
    void apply(BufferState& s, const Op& op) const;

    const EventStore* m_store = nullptr;
    std::size_t m_consumed = 0;
    std::uint32_t m_object = kNoObject;
    std::uint32_t m_capacity = 0;
    QString m_name;
    std::vector<Op> m_ops;                 // sorted by time
    std::vector<BufferState> m_snapshots;  // state after ops [0, k * kSnapshotEvery)
    static constexpr std::size_t kSnapshotEvery = 256;
};

}  // namespace interleave::ui
