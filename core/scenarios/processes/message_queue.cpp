// A POSIX message queue between two processes (C6, C9): the kernel keeps whole messages, each
// with a priority, and hands out the highest priority first; a sender waits while the queue is
// full. The parent fills the queue before its reader even exists: the messages live in the
// kernel, not in either process.

#include <algorithm>
#include <chrono>

#include "core/primitives/ipc/traced_message_queue.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

// Message n's priority: the priorities in turn, lowest first, so later messages overtake.
unsigned priorityOf(std::int64_t n, std::int64_t priorities) {
    return static_cast<unsigned>((n - 1) % priorities);
}

int run(const ParamValues& p) {
    const auto messages = p.integer("messages"), priorities = p.integer("priorities");
    const std::chrono::milliseconds writeEvery(p.integer("write_ms")),
        readEach(p.integer("read_ms"));
    const auto depth = static_cast<int>(p.integer("depth"));
    TracedMessageQueue queue("queue", depth, static_cast<std::size_t>(p.integer("message_bytes")));
    // The first messages go in while nobody reads: the reader starts only once they are there,
    // so it takes them out in priority order, not in the order they were sent.
    const auto early = std::min<std::int64_t>(messages, depth);
    std::int64_t n = 1;
    for (; n <= early && !Runtime::stopRequested(); ++n)
        if (!queue.send(n, priorityOf(n, priorities))) break;
    const auto reader = forkTraced("reader", [&] {
        for (std::int64_t got = 0; got < messages && !Runtime::stopRequested(); ++got) {
            if (!queue.receive()) break;  // the run is stopping
            Runtime::work(readEach);
        }
        return 0;
    });
    for (; n <= messages && !Runtime::stopRequested(); ++n) {
        Runtime::work(writeEvery);
        if (!queue.send(n, priorityOf(n, priorities))) break;
    }
    waitTraced(reader);
    return 0;
}

}  // namespace

Scenario makeMessageQueue() {
    return Scenario{
        "message-queue",
        "processes",
        "A parent sends messages with priorities through a POSIX message queue; a child reads "
        "them, highest priority first.",
        {
            ParamSpec::integer("messages", 1, 100000, 16, "", "Messages the parent sends."),
            ParamSpec::integer("depth", 1, TracedMessageQueue::kMaxDepth, 4, "messages",
                               "How many messages the queue holds (mq_maxmsg; at most "
                               "/proc/sys/fs/mqueue/msg_max, 10 by default)."),
            ParamSpec::integer("priorities", 1, TracedMessageQueue::kMaxPriority + 1, 3, "",
                               "Message n has priority (n - 1) mod this: 0, 1, 2, 0, ..."),
            ParamSpec::integer("message_bytes", TracedMessageQueue::kMinMessage,
                               TracedMessageQueue::kMaxMessage, 64, "bytes",
                               "Size of each message (mq_msgsize)."),
            ParamSpec::integer("write_ms", 0, 5000, 150, "ms",
                               "Work before each send, once the reader runs."),
            ParamSpec::integer("read_ms", 0, 5000, 400, "ms",
                               "Work after each message the reader takes."),
        },
        run,
        {ObjectKind::MessageQueue},
    };
}

}  // namespace interleave
