// Real runs of the IPC scenarios on real forked children, checked from the recorded events.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <mqueue.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/primitives/ipc/run_names.h"
#include "core/schema/event.h"
#include "process_probe.h"
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

TEST(SharedMemory, EveryItemIsTakenOnceAndNoSlotIsOverwrittenBeforeItIsRead) {
    // Many processes on few slots, without pauses: the semaphores alone keep them apart.
    const auto sup = runFor(
        "shared-memory",
        {"producers=3", "consumers=3", "slots=2", "items=300", "produce_ms=0", "consume_ms=0"},
        30'000);
    const auto& s = sup->store();
    // Each child checks, in the shared memory itself, that it never puts into a full slot nor
    // takes from an empty one (it would exit 70).
    expectAllExitedCleanly(*sup, 6);
    const auto segment = objectId(s, "segment");
    ASSERT_NE(segment, kNoObject);
    // Puts and gets in the order the lock let them in: the lock semaphore orders them, and the
    // records are made while it is held, so their ordered stamps follow that order.
    struct Op {
        std::int64_t ns;
        bool put;
        std::int64_t item;
        std::uint32_t slot;
        std::int64_t pid;
    };
    std::vector<Op> ops;
    const auto actors = actorsById(s);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto r = s.row(i);
        if (r.object != segment || (r.kind != EventKind::QueuePut && r.kind != EventKind::QueueGet))
            continue;
        ops.push_back({r.ns, r.kind == EventKind::QueuePut, r.a,
                       static_cast<std::uint32_t>(static_cast<std::uint64_t>(r.b) >> 32),
                       actors.at(r.actor).pid});
    }
    std::stable_sort(ops.begin(), ops.end(), [](const Op& x, const Op& y) { return x.ns < y.ns; });
    std::map<std::uint32_t, std::int64_t> inSlot;  // slot -> item not yet taken
    std::map<std::int64_t, int> taken;
    std::size_t crossProcess = 0;
    std::map<std::int64_t, std::int64_t> putBy;
    for (const auto& op : ops) {
        ASSERT_LT(op.slot, 2u);
        if (op.put) {
            ASSERT_FALSE(inSlot.count(op.slot))
                << "item " << op.item << " overwrote item " << inSlot[op.slot] << " in slot "
                << op.slot << " before anyone read it";
            inSlot[op.slot] = op.item;
            putBy[op.item] = op.pid;
        } else {
            ASSERT_TRUE(inSlot.count(op.slot)) << "took item " << op.item << " from an empty slot";
            EXPECT_EQ(inSlot[op.slot], op.item) << "read something else than was written";
            inSlot.erase(op.slot);
            ++taken[op.item];
            if (putBy[op.item] != op.pid) ++crossProcess;
        }
    }
    ASSERT_EQ(taken.size(), 300u);
    for (const auto& [item, n] : taken) {
        EXPECT_GE(item, 1);
        EXPECT_LE(item, 300);
        EXPECT_EQ(n, 1) << "item " << item;
    }
    EXPECT_EQ(crossProcess, 300u) << "every item went from one process to another";
}

TEST(SharedMemory, AFullRingMakesProducersWaitOnFreeSlots) {
    const auto sup = runFor(
        "shared-memory",
        {"producers=2", "consumers=1", "slots=2", "items=10", "produce_ms=0", "consume_ms=20"},
        30'000);
    const auto& s = sup->store();
    expectAllExitedCleanly(*sup, 3);
    const auto freeSlots = objectId(s, "segment.free_slots");
    std::size_t blocks = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.kind(i) == EventKind::SemBlock && s.objectOf(i) == freeSlots) ++blocks;
    EXPECT_GT(blocks, 0u);
    for (const auto& o : s.objects())
        if (o.name == "segment.free_slots") {
            EXPECT_EQ(o.role, ObjectRole::Space);
        }
}

TEST(OrphansAndZombies, TheZombieIsSeenBeforeItIsReapedAndTheOrphansNewParentIsTheSubreaper) {
    for (int round = 0; round < 3; ++round) {
        const auto sup = runFor("orphans-and-zombies",
                                {"child_ms=20", "zombie_ms=100", "orphan_ms=150"}, 20'000);
        const auto& s = sup->store();
        ASSERT_TRUE(sup->labStatus());
        EXPECT_EQ(*sup->labStatus(), exitStatusExited(0));
        std::map<std::string, int> pidOf;
        for (const auto& a : s.actors())
            pidOf[a.name] = a.pid;
        std::map<std::int64_t, std::int64_t> zombieAt, reapedAt, reparentedTo;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto r = s.row(i);
            if (r.kind == EventKind::ProcessZombie) zombieAt[r.a] = r.ns;
            if (r.kind == EventKind::ProcessExit) reapedAt[r.a] = r.ns;
            if (r.kind == EventKind::ProcessReparent) reparentedTo[r.a] = r.b;
        }
        // Both children its busy parent had not waited for were seen as zombies, then reaped.
        for (const char* name : {"short-lived child", "parent that leaves"}) {
            const auto pid = pidOf.at(name);
            ASSERT_TRUE(zombieAt.count(pid)) << name << " never seen as a zombie";
            ASSERT_TRUE(reapedAt.count(pid)) << name << " never reaped";
            EXPECT_LT(zombieAt[pid], reapedAt[pid]) << name;
        }
        const auto orphan = pidOf.at("orphan");
        ASSERT_TRUE(reparentedTo.count(orphan));
        EXPECT_EQ(reparentedTo[orphan], sup->labPid()) << "the lab is the run's subreaper";
        EXPECT_TRUE(reapedAt.count(orphan)) << "and the subreaper reaped it";
        EXPECT_FALSE(zombieAt.count(orphan)) << "nobody looked at the orphan as a zombie";
    }
}

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

TEST(CrashIsolation, AFaultKillsEveryThreadOfItsProcessAndNothingElse) {
    const auto sup = runFor("crash-isolation", {"threads=3", "crash_ms=50", "after_ms=50"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->labStatus());
    EXPECT_EQ(*sup->labStatus(), exitStatusExited(0)) << "the parent of the crash goes on";
    std::map<std::string, ActorInfo> byName;
    for (const auto& a : s.actors())
        byName[a.name] = a;
    const int crashed = byName.at("crashing process").pid;
    std::map<std::int64_t, std::int64_t> statusOf;
    std::int64_t faultNs = -1, crashNs = -1, replacementForkNs = -1;
    std::set<std::uint32_t> finished;  // actors that said actor_exit
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto r = s.row(i);
        if (r.kind == EventKind::ProcessExit) {
            statusOf.try_emplace(r.a, r.b);
            if (r.a == crashed) crashNs = r.ns;
        }
        if (r.kind == EventKind::ProcessFault) {
            EXPECT_EQ(r.a, SIGSEGV);
            EXPECT_EQ(r.actor, byName.at("faulty thread").id);
            faultNs = r.ns;
        }
        if (r.kind == EventKind::ProcessFork && r.b == byName.at("replacement").id)
            replacementForkNs = r.ns;
        if (r.kind == EventKind::ActorExit) finished.insert(r.actor);
    }
    EXPECT_EQ(statusOf.at(crashed), exitStatusSignaled(SIGSEGV)) << "a real fault, not an exit";
    ASSERT_GE(faultNs, 0);
    EXPECT_LT(faultNs, crashNs);
    // Every thread of the crashed process was cut off: none of them got to finish.
    for (const char* name : {"crashing process", "worker 1", "worker 2", "faulty thread"}) {
        EXPECT_EQ(byName.at(name).pid, crashed) << name;
        EXPECT_FALSE(finished.count(byName.at(name).id)) << name << " finished after the crash";
    }
    // Its neighbour and its parent went on: the parent started a replacement after the crash.
    EXPECT_EQ(statusOf.at(byName.at("neighbour").pid), exitStatusExited(0));
    EXPECT_EQ(statusOf.at(byName.at("replacement").pid), exitStatusExited(0));
    EXPECT_GT(replacementForkNs, crashNs);
    EXPECT_TRUE(finished.count(byName.at("main").id));
}

TEST(Semaphore, AtMostKProcessesAreInsideAndTheOthersWaitInTheKernel) {
    const auto sup = runFor(
        "semaphore", {"workers=6", "permits=2", "work_ms=20", "rest_ms=0", "rounds=10"}, 30'000);
    const auto& s = sup->store();
    // Each worker checks in the shared memory that no more than 2 are inside with it (its exit
    // status would be 3 otherwise).
    expectAllExitedCleanly(*sup, 6);
    const auto places = objectId(s, "places");
    ASSERT_NE(places, kNoObject);
    std::map<std::uint32_t, int> acquiredBy, releasedBy;
    int blocks = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const Row r = s.row(i);
        if (r.object != places) continue;
        if (r.kind == EventKind::SemAcquired) ++acquiredBy[r.actor];
        if (r.kind == EventKind::SemReleased) ++releasedBy[r.actor];
        if (r.kind == EventKind::SemBlock) ++blocks;
    }
    ASSERT_EQ(acquiredBy.size(), 6u) << "every worker got in";
    for (const auto& [actor, n] : acquiredBy) {
        EXPECT_EQ(n, 10) << "actor " << actor;
        EXPECT_EQ(releasedBy[actor], 10) << "actor " << actor << " gave back what it took";
    }
    EXPECT_GT(blocks, 0) << "six processes on two places, and nobody waited";
    const auto actors = actorsById(s);
    std::set<int> pids;
    for (const auto& [actor, n] : acquiredBy)
        pids.insert(actors.at(actor).pid);
    EXPECT_EQ(pids.size(), 6u) << "one semaphore, six processes";
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

TEST(Signals, BlockedStandardSignalsCoalesceAndRealTimeOnesQueueInOrder) {
    const auto sup = runFor("signals", {"sends=5", "gap_ms=10", "block_ms=100"}, 20'000);
    const auto& s = sup->store();
    expectAllExitedCleanly(*sup, 1);
    std::map<std::string, std::vector<std::int64_t>> sent, handled;  // numbers, by signal
    std::map<std::string, std::int64_t> pendingSeen;
    std::map<std::uint32_t, std::string> nameOf;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Signal) nameOf[o.id] = o.name;
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (!nameOf.count(r.object)) continue;
            const auto& name = nameOf[r.object];
            if (r.kind == EventKind::SignalSend) sent[name].push_back(r.b);
            if (r.kind == EventKind::SignalHandled) handled[name].push_back(r.b);
            if (r.kind == EventKind::SignalPending && r.a == 1) ++pendingSeen[name];
        }
    // While blocked: five SIGUSR1 and five SIGRTMIN, then one SIGUSR2, all pending at once.
    EXPECT_EQ(sent["SIGUSR1"].size(), 10u) << "five while blocked, five after";
    EXPECT_EQ(sent["SIGRTMIN"], oneTo(5));
    EXPECT_EQ(pendingSeen["SIGUSR1"], 1);
    EXPECT_EQ(pendingSeen["SIGRTMIN"], 1);
    // A real-time signal queues: all five arrive, in the order sent.
    EXPECT_EQ(handled["SIGRTMIN"], oneTo(5));
    // A standard one is kept once: the first send arrives, the next four are lost.
    const auto& usr1 = handled["SIGUSR1"];
    ASSERT_FALSE(usr1.empty());
    EXPECT_EQ(usr1.front(), 1);
    for (std::int64_t lost = 2; lost <= 5; ++lost)
        EXPECT_EQ(std::count(usr1.begin(), usr1.end(), lost), 0) << "SIGUSR1 #" << lost;
    // Unblocked, each later SIGUSR1 arrives on its own (sent 10 ms apart), in order.
    EXPECT_TRUE(std::is_sorted(usr1.begin(), usr1.end()));
    EXPECT_LE(usr1.size(), 6u);
    EXPECT_GE(usr1.size(), 2u);
    EXPECT_EQ(handled["SIGUSR2"], oneTo(1));
    EXPECT_EQ(handled["SIGTERM"], oneTo(1)) << "the child ended on its SIGTERM handler";
}

TEST(SharedVsSeparateMemory, ThreadsShareTheCounterChildrenChangeTheirOwnCopyAtTheSameAddress) {
    const auto sup =
        runFor("shared-vs-separate-memory",
               {"workers=2", "step_ms=5", "memory_kib=1024", "write_percent=25"}, 20'000);
    const auto& s = sup->store();
    expectAllExitedCleanly(*sup, 2);
    std::map<std::uint32_t, std::string> variable;  // object -> name
    std::uint32_t memory = kNoObject;
    for (const auto& o : s.objects()) {
        if (o.kind == ObjectKind::Variable) variable[o.id] = o.name;
        if (o.kind == ObjectKind::Memory) memory = o.id;
    }
    ASSERT_EQ(variable.size(), 3u) << "main's counter and each child's copy";
    ASSERT_NE(memory, kNoObject);
    const auto actors = actorsById(s);
    std::map<std::string, std::vector<std::int64_t>> reads;  // by actor name, in its order
    std::map<std::string, std::int64_t> addressOf;           // by variable name
    std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> pages;
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (r.kind == EventKind::SharedRead) reads[a.name].push_back(r.a);
            if (r.kind == EventKind::VariableAt) addressOf[variable.at(r.object)] = r.a;
            if (r.kind == EventKind::MemoryPages && r.object == memory)
                pages[a.name].emplace_back(r.a, r.b);
        }
    // Threads: one counter; the second thread sees the first one's addition, main sees both.
    EXPECT_EQ(reads["thread 1"], (std::vector<std::int64_t>{0, 1}));
    EXPECT_EQ(reads["thread 2"], (std::vector<std::int64_t>{1, 2}));
    // Children: each starts from the parent's 2 and changes only its own copy.
    EXPECT_EQ(reads["child 1"], (std::vector<std::int64_t>{2, 3}));
    EXPECT_EQ(reads["child 2"], (std::vector<std::int64_t>{2, 3}));
    EXPECT_EQ(reads["main"], (std::vector<std::int64_t>{2, 2})) << "the parent's stays 2";
    // The same address in every process: a virtual address, in memory of its own.
    ASSERT_EQ(addressOf.size(), 3u);
    EXPECT_EQ(addressOf["counter in child 1"], addressOf["counter in main"]);
    EXPECT_EQ(addressOf["counter in child 2"], addressOf["counter in main"]);
    // Copy on write: all 1024 KiB shared after fork; the 256 KiB each child writes become its own.
    for (const char* child : {"child 1", "child 2"}) {
        const auto& p = pages[child];
        ASSERT_EQ(p.size(), 2u) << child;
        EXPECT_EQ(p[0], std::make_pair(std::int64_t{1024}, std::int64_t{0})) << child;
        EXPECT_EQ(p[1], std::make_pair(std::int64_t{768}, std::int64_t{256})) << child;
    }
}

TEST(ForkExec, EachChildRunsTheProgramItExecdAndItsParentReadsItsStatus) {
    const auto sup = runFor("fork-exec", {"commands=3", "command_ms=20", "prepare_ms=5"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->labStatus());
    EXPECT_EQ(*sup->labStatus(), exitStatusExited(0));
    std::map<std::string, int> pidOf;
    for (const auto& a : s.actors())
        pidOf[a.name] = a.pid;
    std::uint32_t program = kNoObject;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Program) {
            EXPECT_EQ(o.name, "/bin/sh");
            program = o.id;
        }
    ASSERT_NE(program, kNoObject);
    std::map<std::int64_t, std::int64_t> execAt, exitAt, statusOf;
    std::map<std::int64_t, std::size_t> eventsAfterExec;  // by pid: what the program recorded
    for (std::size_t i = 0; i < s.size(); ++i) {
        const Row r = s.row(i);
        if (r.kind == EventKind::ProcessExec) {
            EXPECT_EQ(r.object, program);
            execAt[r.a] = r.ns;
        }
        if (r.kind == EventKind::ProcessExit) {
            exitAt.try_emplace(r.a, r.ns);
            statusOf.try_emplace(r.a, r.b);
        }
    }
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (execAt.count(a.pid) && r.ns > execAt[a.pid] && r.kind != EventKind::ProcessExit)
                ++eventsAfterExec[a.pid];
        }
    for (int i = 1; i <= 3; ++i) {
        const int pid = pidOf.at("command " + std::to_string(i));
        ASSERT_TRUE(execAt.count(pid)) << "command " << i << " never exec'd";
        ASSERT_TRUE(exitAt.count(pid));
        EXPECT_LT(execAt[pid], exitAt[pid]);
        // The shell's own `exit i`, read by the parent's wait: the program really ran.
        EXPECT_EQ(statusOf[pid], exitStatusExited(i)) << "command " << i;
        EXPECT_EQ(eventsAfterExec[pid], 0u) << "the new program records nothing";
    }
}
