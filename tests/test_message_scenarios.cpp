// Real runs of the message-queue and socket scenarios on real forked children, checked from the
// recorded events.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <mqueue.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <utility>
#include <vector>

#include "core/primitives/ipc/run_names.h"
#include "ipc_helpers.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// Per message-queue object: each receive's (number, priority), in the reader's order.
std::vector<std::pair<std::int64_t, std::int64_t>> queueReceives(const EventStore& s,
                                                                 std::uint32_t queue) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (r.kind == EventKind::MsgReceive && r.object == queue)
                out.emplace_back(r.a, msgPriority(r.b));
        }
    return out;
}

}  // namespace

TEST(MessageQueue, EveryMessageArrivesOnceAndWhatWaitedComesOutHighestPriorityFirst) {
    const auto sup =
        runFor("message-queue",
               {"messages=20", "depth=5", "priorities=3", "write_ms=0", "read_ms=5"}, 20'000);
    const auto& s = sup->store();
    expectAllExitedCleanly(*sup, 1);
    const auto queue = objectId(s, "queue");
    ASSERT_NE(queue, kNoObject);
    for (const auto& o : s.objects())
        if (o.id == queue) {
            EXPECT_EQ(o.kind, ObjectKind::MessageQueue);
            EXPECT_EQ(o.capacity, 5u);
        }
    const auto traffic = trafficOf(s);
    const auto& t = traffic.at(queue);
    EXPECT_EQ(t.sent, oneTo(20)) << "the parent sends 1..20 in order";
    auto received = t.received;
    std::sort(received.begin(), received.end());
    EXPECT_EQ(received, oneTo(20)) << "each message arrives exactly once";
    const auto got = queueReceives(s, queue);
    ASSERT_EQ(got.size(), 20u);
    for (const auto& [number, priority] : got)
        EXPECT_EQ(priority, (number - 1) % 3) << "message " << number << " kept its priority";
    // The first five were all in the queue before the reader existed: it takes the one of
    // highest priority first (3, the only one of priority 2).
    EXPECT_EQ(got.front(), std::make_pair(std::int64_t{3}, std::int64_t{2}));
    // Every receive took the best message the queue held: highest priority, oldest within it.
    // A message certainly held is one whose send was stamped before the reader's previous step
    // (stamps come after the call returns, in one order for every process) and that the reader
    // took later.
    std::map<std::int64_t, std::int64_t> sentAt, priorityOf, takenAt;  // by message number
    std::vector<std::int64_t> receiveNs;
    std::int64_t readerForkNs = -1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const Row r = s.row(i);
        if (r.kind == EventKind::ProcessFork) readerForkNs = r.ns;
        if (r.object != queue) continue;
        if (r.kind == EventKind::MsgSend) {
            sentAt[r.a] = r.ns;
            priorityOf[r.a] = msgPriority(r.b);
        }
        if (r.kind == EventKind::MsgReceive) {
            takenAt[r.a] = static_cast<std::int64_t>(receiveNs.size());
            receiveNs.push_back(r.ns);
        }
    }
    ASSERT_EQ(receiveNs.size(), 20u);
    for (std::size_t k = 0; k < got.size(); ++k) {
        const auto [number, priority] = got[k];
        const auto before = k == 0 ? readerForkNs : receiveNs[k - 1];
        for (const auto& [m, at] : sentAt) {
            if (at >= before || takenAt.at(m) <= static_cast<std::int64_t>(k)) continue;
            EXPECT_TRUE(priorityOf.at(m) < priority || (priorityOf.at(m) == priority && m > number))
                << "took " << number << " (priority " << priority << ") while " << m
                << " (priority " << priorityOf.at(m) << ") waited";
        }
    }
    // A fast sender fills the queue and then waits on it, full.
    ASSERT_FALSE(t.sendBlockFill.empty());
    for (auto fill : t.sendBlockFill)
        EXPECT_EQ(fill, 5) << "the sender waited on a queue that was not full";
}

TEST(MessageQueue, NoQueueOutlivesItsRunNotEvenByName) {
    const auto sup = runFor("message-queue", {"messages=3", "write_ms=0", "read_ms=0"}, 20'000);
    expectAllExitedCleanly(*sup, 1);
    // The name was unlinked as soon as the queue was open: opening it again finds nothing.
    for (const auto& name : runQueueNames(sup->labPid())) {
        errno = 0;
        EXPECT_EQ(mq_open(name.c_str(), O_RDONLY), static_cast<mqd_t>(-1)) << name;
        EXPECT_EQ(errno, ENOENT) << name;
    }
}

TEST(Socket, EveryRequestIsAnsweredWithItsSquareOverStreamAndDatagram) {
    for (const char* type : {"stream", "datagram"}) {
        const auto sup = runFor("socket",
                                {std::string("type=") + type, "requests=12", "message_bytes=3000",
                                 "client_ms=0", "server_ms=0"},
                                20'000);
        const auto& s = sup->store();
        expectAllExitedCleanly(*sup, 1);
        const auto toServer = objectId(s, "socket to server"),
                   toClient = objectId(s, "socket to client");
        ASSERT_NE(toServer, kNoObject);
        ASSERT_NE(toClient, kNoObject);
        const auto traffic = trafficOf(s);
        const auto& up = traffic.at(toServer);
        const auto& down = traffic.at(toClient);
        std::vector<std::int64_t> squares;
        for (std::int64_t n = 1; n <= 12; ++n)
            squares.push_back(n * n);
        EXPECT_EQ(up.sent, oneTo(12)) << type;
        EXPECT_EQ(up.received, oneTo(12)) << type << ": in order, each once, bytes checked";
        EXPECT_EQ(down.sent, squares) << type;
        EXPECT_EQ(down.received, squares) << type;
        // One pair, both ways: the client sends on one direction and receives on the other.
        EXPECT_EQ(up.writer, down.reader) << type;
        EXPECT_EQ(up.reader, down.writer) << type;
        EXPECT_EQ(up.endCount, 12) << type << ": the server saw the client finish";
        EXPECT_EQ(down.endCount, 12) << type << ": and the client saw the server finish";
    }
}
