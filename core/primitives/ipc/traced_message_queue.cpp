#include "core/primitives/ipc/traced_message_queue.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <stdexcept>

#include "core/primitives/ipc/message_bytes.h"
#include "core/primitives/ipc/run_names.h"
#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/clock.h"

namespace interleave {
namespace {

// Each wait in the kernel is cut into slices, so that a stopping run never leaves a process
// waiting for a partner that has already stopped.
constexpr std::int64_t kSliceNs = 50'000'000;

int s_made = 0;  // queues this lab process has made (their names' index)

}  // namespace

TracedMessageQueue::TracedMessageQueue(std::string_view name, int depth, std::size_t messageBytes)
    : m_bytes(messageBytes), m_depth(depth) {
    if (depth < 1 || depth > kMaxDepth || messageBytes < kMinMessage || messageBytes > kMaxMessage)
        throw std::invalid_argument("message queue of depth " + std::to_string(depth) + " and " +
                                    std::to_string(messageBytes) + "-byte messages (depth 1.." +
                                    std::to_string(kMaxDepth) + ", " + std::to_string(kMinMessage) +
                                    ".." + std::to_string(kMaxMessage) + " bytes)");
    if (s_made >= kMaxQueuesPerRun)
        throw std::logic_error("a run makes at most " + std::to_string(kMaxQueuesPerRun) +
                               " message queues");
    const auto path = runQueueName(getpid(), ++s_made);
    mq_attr attr{};
    attr.mq_maxmsg = depth;
    attr.mq_msgsize = static_cast<long>(messageBytes);
    m_queue = mq_open(path.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    if (m_queue == static_cast<mqd_t>(-1))
        throw std::runtime_error(errnoText(
            "mq_open(" + path +
            ") (the limits are in /proc/sys/fs/mqueue and RLIMIT_MSGQUEUE; a container may "
            "have no message queues)"));
    // Nothing but our descriptors (inherited by the children we fork) keeps it from now on.
    mq_unlink(path.c_str());
    m_id =
        Runtime::registerObject(ObjectKind::MessageQueue, name, static_cast<std::uint32_t>(depth));
}

TracedMessageQueue::~TracedMessageQueue() {
    if (m_queue != static_cast<mqd_t>(-1)) mq_close(m_queue);
}

long TracedMessageQueue::held() const {
    mq_attr attr{};
    return mq_getattr(m_queue, &attr) == 0 ? attr.mq_curmsgs : -1;
}

bool TracedMessageQueue::send(std::int64_t number, unsigned priority) {
    if (priority > kMaxPriority)
        throw std::invalid_argument("message priority " + std::to_string(priority));
    Runtime::checkpoint(EventKind::MsgSend, m_id, number);
    std::array<std::uint8_t, kMaxMessage> buf;
    fillMessage(buf.data(), m_bytes, number);
    const char* bytes = reinterpret_cast<const char*>(buf.data());
    // A deadline already past: the send is made if there is room and refused at once if not.
    // Waiting for room is poll()'s (on Linux a queue descriptor is a file descriptor,
    // mq_overview(7)), so that the call that sends never sleeps in the kernel and can be
    // stamped just before it: cause before effect, the receive is recorded later.
    const timespec past{0, 0};
    bool waited = false;
    while (true) {
        const long before = held();
        const auto stamp = orderedTicks();
        if (mq_timedsend(m_queue, bytes, m_bytes, priority, &past) == 0) {
            // The fill is what this send leaves, counted before it: a reader may be taking one.
            Runtime::emitAt(stamp, EventKind::MsgSend, m_id, number,
                            packMsgFill(std::min<long>(before + 1, m_depth), priority));
            return true;
        }
        if (errno == EINTR) continue;
        if (errno != ETIMEDOUT && errno != EAGAIN) throw std::runtime_error(errnoText("mq_send"));
        if (!waited) {
            // Refused for want of room: at that instant the queue held all it can. Asking the
            // kernel again could already count a message the reader has taken since.
            Runtime::emitOrdered(EventKind::MsgSendBlocks, m_id, m_depth);
            waited = true;
        }
        pollfd p{static_cast<int>(m_queue), POLLOUT, 0};
        while (poll(&p, 1, static_cast<int>(kSliceNs / 1'000'000)) == 0)
            if (Runtime::stopRequested()) return false;
        if (Runtime::stopRequested()) return false;
    }
}

std::optional<TracedMessageQueue::Received> TracedMessageQueue::receive() {
    Runtime::checkpoint(EventKind::MsgReceive, m_id);
    std::array<std::uint8_t, kMaxMessage> buf;
    char* bytes = reinterpret_cast<char*>(buf.data());
    const timespec past{0, 0};
    bool waited = false;
    unsigned priority = 0;
    long n = -1;
    while (true) {
        const timespec until = waited ? realtimeDeadline(kSliceNs) : past;
        n = mq_timedreceive(m_queue, bytes, kMaxMessage, &priority, &until);
        if (n >= 0) break;
        if (errno != ETIMEDOUT && errno != EINTR) throw std::runtime_error(errnoText("mq_receive"));
        if (errno == ETIMEDOUT && !waited) {
            // Refused for want of a message: at that instant the queue was empty.
            Runtime::emitOrdered(EventKind::MsgReceiveBlocks, m_id, 0);
            waited = true;
        }
        if (waited && Runtime::stopRequested()) return std::nullopt;
    }
    if (static_cast<std::size_t>(n) != m_bytes)
        throw std::runtime_error("mq_receive got " + std::to_string(n) + " bytes, not " +
                                 std::to_string(m_bytes));
    const auto number = checkedMessageNumber(buf.data(), m_bytes, "the message queue");
    Runtime::emitOrdered(EventKind::MsgReceive, m_id, number, packMsgFill(held(), priority));
    return Received{number, priority};
}

}  // namespace interleave
