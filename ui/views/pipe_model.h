#pragma once
// Every pipe of a run (and every other kernel object that carries messages: socket, message
// queue) at any moment: what the kernel holds (as the last send or receive measured it), the
// messages in it, and whether its sender or its receiver is blocked. Built from msg_* events;
// each event keeps the state after it, so a seek is one binary search.

#include <QObject>
#include <QString>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/base/time_ordered.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

struct PipeState {
    std::int64_t ns = -1;                         // the event this state follows (-1: before any)
    std::int64_t fill = 0;                        // bytes in the pipe (FIONREAD), as last measured
    std::int64_t lastSent = 0, lastReceived = 0;  // the numbers of the last message each way
    std::uint64_t sends = 0, receives = 0;
    bool writerBlocked = false, readerBlocked = false;
    bool ended = false;  // the reader saw end of file
    std::uint32_t writer = kNoActor, reader = kNoActor;
    EventKind last = EventKind::None;
    // A message queue's messages in the order the kernel hands them out (highest priority
    // first): few (at most 10), so each state keeps its own copy. Pipes and sockets keep their
    // order in the model instead (PipeModel::messagesHeld).
    struct Queued {
        std::int64_t number, priority;
    };
    std::vector<Queued> queued;
    std::int64_t messagesInPipe() const {
        return sends >= receives ? static_cast<std::int64_t>(sends - receives) : 0;
    }
};

class PipeModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    explicit PipeModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;  // GUI thread

    int pipeCount() const { return static_cast<int>(m_pipes.size()); }
    QString name(int pipe) const { return m_pipes[static_cast<std::size_t>(pipe)].name; }
    std::uint32_t capacity(int pipe) const {
        return m_pipes[static_cast<std::size_t>(pipe)].capacity;
    }
    ObjectKind kind(int pipe) const { return m_pipes[static_cast<std::size_t>(pipe)].kind; }
    PipeState stateAt(int pipe, std::int64_t t) const;  // the default state before any event
    // The messages in the object in state `s`, next out first, at most `max` of them.
    std::vector<PipeState::Queued> messagesHeld(int pipe, const PipeState& s,
                                                std::size_t max) const;

    // The kernel objects this model follows: whatever carries msg_* records.
    static bool carriesMessages(ObjectKind k) {
        return k == ObjectKind::Pipe || k == ObjectKind::Fifo || k == ObjectKind::Socket ||
               k == ObjectKind::MessageQueue;
    }

  signals:
    void changed();

  private:
    struct Op {
        std::int64_t ns;
        EventKind kind;
        std::uint32_t actor;
        std::int64_t a, b;
    };
    struct Pipe {
        std::uint32_t object = kNoObject;
        ObjectKind kind = ObjectKind::Pipe;
        std::uint32_t capacity = 0;
        QString name;
        History<Op, PipeState> history;
        std::vector<std::int64_t> sentOrder;  // pipes and sockets: numbers sent, first first
    };
    void findPipes();
    static void apply(PipeState& s, const Op& op, bool queue);

    const EventStore* m_store = nullptr;
    std::size_t m_consumed = 0;
    std::size_t m_objectsSeen = 0;
    std::vector<Pipe> m_pipes;
    std::unordered_map<std::uint32_t, std::size_t> m_pipeOf;  // object id -> index
};

}  // namespace interleave::ui
