#pragma once
// Every bounded buffer of a run at any moment: which slot holds which item, head, tail, occupancy,
// and when each slot last changed (for the fading highlight). Built from queue_put/queue_get
// events; each queue keeps a snapshot every few hundred operations so seeking anywhere costs
// little. Queues are the run's objects of kind Queue (threads' buffers) and SharedSegment (a
// ring in memory shared by processes), in the order they were registered.

#include <QObject>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

struct BufferState {
    std::uint32_t capacity = 0;
    std::vector<std::int64_t> items;      // per slot; -1 = empty
    std::vector<std::int64_t> changedNs;  // per slot; when it was last put into or taken from
    std::vector<bool> lastWasPut;         // per slot
    std::vector<std::int64_t> written;    // per slot: the last item put there (-1: never), kept
                                          // after a get, as memory keeps its bytes
    std::uint32_t head = 0;               // next slot a consumer takes
    std::uint32_t tail = 0;               // next slot a producer fills
    std::uint32_t count = 0;
    std::uint64_t puts = 0, gets = 0;
};

class BufferModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    explicit BufferModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;  // GUI thread

    bool hasBuffer() const { return !m_queues.empty(); }
    int queueCount() const { return static_cast<int>(m_queues.size()); }
    QString name(int queue) const { return m_queues[static_cast<std::size_t>(queue)].name; }
    std::uint32_t capacity(int queue) const {
        return m_queues[static_cast<std::size_t>(queue)].capacity;
    }
    // A ring in shared memory: the view shows its bytes too.
    bool isSharedSegment(int queue) const {
        return m_queues[static_cast<std::size_t>(queue)].shared;
    }
    BufferState stateAt(int queue, std::int64_t t) const;  // empty for a queue not (yet) seen

  signals:
    void changed();

  private:
    struct Op {
        std::int64_t ns;
        bool put;
        std::int64_t item;
        std::uint32_t slot;
    };
    struct Queue {
        std::uint32_t object = kNoObject;
        std::uint32_t capacity = 0;
        QString name;
        bool shared = false;
        std::vector<Op> ops;                 // sorted by time
        std::vector<BufferState> snapshots;  // state after ops [0, k * kSnapshotEvery)
    };
    void findQueues();
    static void apply(BufferState& s, const Op& op);
    static void insert(Queue& q, const Op& op, std::size_t& firstChanged);
    static void resnapshot(Queue& q, std::size_t firstChanged);

    const EventStore* m_store = nullptr;
    std::size_t m_consumed = 0;
    std::size_t m_objectsSeen = 0;
    std::vector<Queue> m_queues;
    std::unordered_map<std::uint32_t, std::size_t> m_queueOf;  // object id -> index
    static constexpr std::size_t kSnapshotEvery = 256;
};

}  // namespace interleave::ui
