// Real runs of the IPC scenarios on real forked children, checked from the recorded events.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/schema/event.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// Per pipe object: the message numbers written and read, in the order each side did them.
struct PipeTraffic {
    std::vector<std::int64_t> sent, received;
    std::vector<std::int64_t> sendBlockFill, receiveBlockFill;
    std::int64_t endCount = -1;  // the reader's msg_end: messages it received
    std::uint32_t writer = kNoActor, reader = kNoActor;
};

std::map<std::uint32_t, PipeTraffic> trafficOf(const EventStore& s) {
    std::map<std::uint32_t, PipeTraffic> out;
    // Each side's own order is its actor's order (a ring per actor, in time order).
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const auto i = s.actorEvent(a.id, k);
            const Row r = s.row(i);
            auto& t = out[r.object];
            switch (r.kind) {
                case EventKind::MsgSend:
                    t.sent.push_back(r.a);
                    t.writer = a.id;
                    break;
                case EventKind::MsgReceive:
                    t.received.push_back(r.a);
                    t.reader = a.id;
                    break;
                case EventKind::MsgSendBlocks:
                    t.sendBlockFill.push_back(r.a);
                    break;
                case EventKind::MsgReceiveBlocks:
                    t.receiveBlockFill.push_back(r.a);
                    break;
                case EventKind::MsgEnd:
                    t.endCount = r.a;
                    break;
                default:
                    break;
            }
        }
    out.erase(kNoObject);
    return out;
}

std::vector<std::int64_t> oneTo(std::int64_t n) {
    std::vector<std::int64_t> v;
    for (std::int64_t i = 1; i <= n; ++i)
        v.push_back(i);
    return v;
}

// The lab and each of its `children` ended with status 0, as their parents reported it.
void expectAllExitedCleanly(Supervisor& sup, std::size_t children) {
    const auto& s = sup.store();
    ASSERT_TRUE(sup.labStatus());
    EXPECT_EQ(*sup.labStatus(), exitStatusExited(0));
    std::size_t exits = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.kind(i) == EventKind::ProcessExit && s.row(i).a != sup.labPid()) {
            ++exits;
            EXPECT_EQ(s.row(i).b, exitStatusExited(0)) << "process " << s.row(i).a;
        }
    EXPECT_EQ(exits, children);
}

}  // namespace

TEST(Pipe, EveryMessageArrivesOnceInOrderThroughEachPipeOfAPipeline) {
    for (const int stages : {1, 3}) {
        const auto sup = runFor("pipe",
                                {"messages=30", "message_bytes=1000", "capacity_bytes=4096",
                                 "write_ms=0", "read_ms=1", "stages=" + std::to_string(stages)},
                                20'000);
        const auto& s = sup->store();
        expectAllExitedCleanly(*sup, static_cast<std::size_t>(stages));
        const auto traffic = trafficOf(s);
        ASSERT_EQ(traffic.size(), static_cast<std::size_t>(stages));
        for (const auto& [pipe, t] : traffic) {
            // The reader took each number out of the bytes it read (and checked the rest).
            EXPECT_EQ(t.sent, oneTo(30)) << "pipe " << pipe;
            EXPECT_EQ(t.received, oneTo(30)) << "pipe " << pipe;
            EXPECT_EQ(t.endCount, 30) << "the reader saw end of file after the last message";
            EXPECT_NE(t.writer, t.reader);
            const auto actors = actorsById(s);
            EXPECT_NE(actors.at(t.writer).pid, actors.at(t.reader).pid)
                << "writer and reader are different processes";
        }
    }
}

TEST(Pipe, AFastWriterBlocksOnAFullPipeAndAFastReaderOnAnEmptyOne) {
    // The pipe holds 4 messages of 4096 bytes (one page each).
    {
        const auto sup = runFor("pipe",
                                {"messages=12", "message_bytes=4096", "capacity_bytes=16384",
                                 "write_ms=0", "read_ms=15"},
                                20'000);
        const auto& s = sup->store();
        expectAllExitedCleanly(*sup, 1);
        const auto pipe = objectId(s, "pipe");
        ASSERT_NE(pipe, kNoObject);
        const auto traffic = trafficOf(s);
        const auto& t = traffic.at(pipe);
        EXPECT_EQ(t.received, oneTo(12));
        ASSERT_FALSE(t.sendBlockFill.empty()) << "a writer that never waits on a full pipe";
        // It blocked because there was no room for one more message.
        for (auto fill : t.sendBlockFill)
            EXPECT_GT(fill + 4096, 16384) << "blocked with room for a message";
    }
    {
        const auto sup =
            runFor("pipe", {"messages=8", "message_bytes=64", "write_ms=15", "read_ms=0"}, 20'000);
        const auto& s = sup->store();
        expectAllExitedCleanly(*sup, 1);
        const auto traffic = trafficOf(s);
        const auto& t = traffic.at(objectId(s, "pipe"));
        EXPECT_EQ(t.received, oneTo(8));
        EXPECT_GE(t.receiveBlockFill.size(), 8u) << "the reader waits before each message";
        EXPECT_TRUE(t.sendBlockFill.empty());
    }
}

TEST(Pipe, TheCapacityIsWhatTheKernelGave) {
    // F_SETPIPE_SZ rounds up to a power-of-two number of pages.
    const auto sup = runFor("pipe", {"messages=1", "capacity_bytes=5000", "write_ms=0"}, 20'000);
    const auto& s = sup->store();
    for (const auto& o : s.objects())
        if (o.name == "pipe") {
            EXPECT_EQ(o.kind, ObjectKind::Pipe);
            EXPECT_EQ(o.capacity, 8192u);
        }
    EXPECT_NE(objectId(s, "pipe"), kNoObject);
}

TEST(Pipe, AStoppedRunEndsEveryStageAndReportsIt) {
    // Stopped while the writer is blocked on a full pipe: everyone ends, and says so.
    const auto sup =
        runFor("pipe", {"messages=100000", "write_ms=0", "read_ms=200", "stages=2"}, 700);
    expectAllExitedCleanly(*sup, 2);
    const auto traffic = trafficOf(sup->store());
    for (const auto& [pipe, t] : traffic) {
        // What was read is a prefix of what was written: nothing skipped, nothing invented.
        ASSERT_LE(t.received.size(), t.sent.size());
        EXPECT_EQ(t.received, oneTo(static_cast<std::int64_t>(t.received.size())));
        EXPECT_EQ(t.sent, oneTo(static_cast<std::int64_t>(t.sent.size())));
    }
}
