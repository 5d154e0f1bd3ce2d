#pragma once
// A POSIX message queue between forked processes that reports every message through it: the
// number and priority of each message sent and received, how many the kernel holds after each
// (mq_curmsgs), and each time a send finds the queue full or a receive finds it empty and
// waits in the kernel. The kernel hands out the highest priority first, oldest first within a
// priority.
//
// Made in the lab process before fork(); the children inherit the descriptor. Its name is
// unlinked as soon as it is open, so nothing of it outlives the run's processes; should the lab
// be killed in between, what is left is removed by name (run_names.h).

#include <mqueue.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace interleave {

class TracedMessageQueue {
  public:
    static constexpr std::size_t kMinMessage = 8;
    static constexpr std::size_t kMaxMessage = 8192;  // /proc/sys/fs/mqueue/msgsize_max's default
    static constexpr int kMaxDepth = 10;              // /proc/sys/fs/mqueue/msg_max's default
    static constexpr int kMaxPriority = 31;           // POSIX guarantees at least 32 priorities

    // Throws std::runtime_error when the queue cannot be made (the message names the limit).
    TracedMessageQueue(std::string_view name, int depth, std::size_t messageBytes);
    ~TracedMessageQueue();
    TracedMessageQueue(const TracedMessageQueue&) = delete;
    TracedMessageQueue& operator=(const TracedMessageQueue&) = delete;

    std::uint32_t id() const { return m_id; }

    // Sends message `number` with `priority` (0..kMaxPriority), waiting while the queue is full.
    // Returns false, without sending, when the run is stopping.
    bool send(std::int64_t number, unsigned priority);
    struct Received {
        std::int64_t number;
        unsigned priority;
    };
    // The next message (highest priority first), waiting while the queue is empty; empty when
    // the run is stopping. Throws when the bytes are not what send() wrote.
    std::optional<Received> receive();

  private:
    long held() const;  // mq_curmsgs

    mqd_t m_queue = static_cast<mqd_t>(-1);
    std::size_t m_bytes = 0;
    long m_depth = 0;
    std::uint32_t m_id = 0;
};

}  // namespace interleave
