// Real runs of the pipe and FIFO scenarios: stages in real forked children joined by real pipes,
// or meeting by name through a named FIFO, checked from the recorded events.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/primitives/ipc/run_names.h"
#include "ipc_helpers.h"
#include "process_probe.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

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

TEST(Fifo, TwoProcessesThatShareNoDescriptorMeetByNameAndTheNameIsGoneAfter) {
    std::string tmp = ::testing::TempDir() + "interleave_fifo_XXXXXX";
    ASSERT_NE(mkdtemp(tmp.data()), nullptr);
    setenv("TMPDIR", tmp.c_str(), 1);     // the lab inherits it: its FIFO goes in here
    for (const int ms : {20'000, 150}) {  // to the end, and stopped early
        const auto sup =
            runFor("fifo",
                   {"messages=" + std::string(ms > 1000 ? "25" : "100000"), "message_bytes=2000",
                    "capacity_bytes=4096", "write_ms=0", "read_ms=1"},
                   ms);
        const auto& s = sup->store();
        expectAllExitedCleanly(*sup, 2);
        const auto fifo = objectId(s, "fifo");
        ASSERT_NE(fifo, kNoObject);
        const auto traffic = trafficOf(s);
        const auto& t = traffic.at(fifo);
        ASSERT_FALSE(t.received.empty());
        EXPECT_EQ(t.received, oneTo(static_cast<std::int64_t>(t.received.size())))
            << "in order, each once, bytes checked";
        if (ms > 1000) {
            EXPECT_EQ(t.sent, oneTo(25));
            EXPECT_EQ(t.endCount, 25);
        }
        // Siblings: neither is the other's parent, so no descriptor was handed down.
        const auto actors = actorsById(s);
        const auto& writer = actors.at(t.writer);
        const auto& reader = actors.at(t.reader);
        EXPECT_EQ(writer.ppid, sup->labPid());
        EXPECT_EQ(reader.ppid, sup->labPid());
        EXPECT_NE(writer.pid, reader.pid);
        EXPECT_TRUE(dirEntries(tmp).empty()) << "the FIFO's directory outlived its run";
    }
    unsetenv("TMPDIR");
    rmdir(tmp.c_str());
}
