// Real runs of semaphore-pool and daemon-threads, checked from the recorded events.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "core/schema/event.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// The last event an actor recorded itself (the lab's reports of its process aside).
EventKind lastOwnEvent(const EventStore& s, std::uint32_t actor) {
    for (auto k = s.actorEventCount(actor); k > 0; --k) {
        const auto i = s.actorEvent(actor, k - 1);
        // The supervisor's rows: the process's exit and the mark of a thread it cut off.
        if (s.kind(i) != EventKind::ProcessExit && s.kind(i) != EventKind::ThreadCutOff)
            return s.kind(i);
    }
    return EventKind::None;
}

std::uint32_t actorNamed(const EventStore& s, const std::string& name) {
    for (const auto& a : s.actors())
        if (a.name == name) return a.id;
    return kNoActor;
}

}  // namespace

TEST(SemaphorePool, NeverMoreThanKInsideAndTheOthersWaitAtTheDoor) {
    for (const auto& [workers, permits] : {std::pair{6, 2}, std::pair{8, 3}, std::pair{3, 1}}) {
        auto sup =
            runFor("semaphore-pool",
                   {"workers=" + std::to_string(workers), "permits=" + std::to_string(permits),
                    "work_ms=5", "rest_ms=1", "rounds=6"},
                   20'000);
        const auto& s = sup->store();
        ASSERT_TRUE(sup->finished());
        const auto pool = objectId(s, "pool");
        int inside = 0, most = 0;
        std::int64_t value = permits;
        std::size_t blocks = 0, visits = 0;
        for (const auto i : s.timeOrder()) {
            const auto r = s.row(i);
            if (r.object != pool) continue;
            if (r.kind == EventKind::SemAcquired) {
                most = std::max(most, ++inside);
                EXPECT_EQ(r.a, --value);
                ++visits;
            }
            if (r.kind == EventKind::SemReleased) {
                --inside;
                EXPECT_EQ(r.a, ++value);
            }
            if (r.kind == EventKind::SemBlock) {
                EXPECT_EQ(value, 0) << "blocked with a place free";
                ++blocks;
            }
            ASSERT_LE(inside, permits);
            ASSERT_GE(value, 0);
        }
        EXPECT_EQ(visits, static_cast<std::size_t>(workers * 6));
        EXPECT_EQ(inside, 0);
        // More workers than places, all arriving within a few ms: someone had to wait.
        if (workers > permits) {
            EXPECT_GT(blocks, 0u);
        }
        // The pool was used to the full, not one at a time.
        EXPECT_EQ(most, permits);
    }
}

TEST(DaemonThreads, TheJoinedWorkerFinishesTheDaemonIsCutOffMidWork) {
    auto sup = runFor("daemon-threads", {"joined_ms=100", "daemon_ms=3000", "steps=10"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->finished());
    ASSERT_TRUE(sup->labStatus());
    // Ended by returning, not by a crash: the daemon's rings stayed mapped under it.
    EXPECT_EQ(*sup->labStatus(), exitStatusExited(0));
    const auto joined = actorNamed(s, "joined worker");
    const auto daemon = actorNamed(s, "daemon worker");
    ASSERT_NE(joined, kNoActor);
    ASSERT_NE(daemon, kNoActor);
    EXPECT_EQ(lastOwnEvent(s, joined), EventKind::ActorExit);
    EXPECT_EQ(lastOwnEvent(s, daemon), EventKind::WorkBegin) << "cut off inside a step";
    std::size_t daemonSteps = 0;
    for (auto k = s.actorEventCount(daemon); k > 0; --k)
        daemonSteps += s.kind(s.actorEvent(daemon, k - 1)) == EventKind::WorkEnd ? 1 : 0;
    EXPECT_LT(daemonSteps, 10u);
    EXPECT_EQ(s.totalDropped(), 0u);
    // The cut-off is shown where it happened, on the daemon's lane, and only there.
    std::size_t cutOff = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.kind(i) == EventKind::ThreadCutOff) {
            ++cutOff;
            EXPECT_EQ(s.actorOf(i), daemon);
            EXPECT_EQ(s.row(i).a, sup->labPid());
            EXPECT_GE(s.ns(i), s.ns(s.actorEvent(joined, s.actorEventCount(joined) - 1)));
        }
    EXPECT_EQ(cutOff, 1u);
}

namespace {

struct RwTally {
    bool writerWithOthers = false;
    std::size_t reads = 0, writes = 0;
    std::size_t overtakes = 0;  // readers let in while a writer had asked and waited
};

RwTally tallyReaderWriter(const EventStore& s) {
    RwTally t;
    int readers = 0;
    bool writer = false;
    std::set<std::uint32_t> writersAsking;
    for (const auto i : s.timeOrder()) {
        switch (s.kind(i)) {
            case EventKind::RwReadAcquired:
                ++t.reads;
                t.writerWithOthers |= writer;
                t.overtakes += writersAsking.empty() ? 0 : 1;
                ++readers;
                EXPECT_EQ(s.row(i).a, readers);
                break;
            case EventKind::RwReadReleased:
                --readers;
                break;
            case EventKind::RwWriteRequest:
                writersAsking.insert(s.actorOf(i));
                break;
            case EventKind::RwWriteAcquired:
                ++t.writes;
                t.writerWithOthers |= writer || readers > 0;
                writer = true;
                writersAsking.erase(s.actorOf(i));
                break;
            case EventKind::RwWriteReleased:
                writer = false;
                break;
            default:
                break;
        }
    }
    return t;
}

}  // namespace

// Readers overlap all the time (four of them, 20 ms inside, 1 ms out). Reader-preferring, they
// keep streaming past the waiting writer: it starves until they are done. Writer-preferring,
// the writer's wait holds new readers back (a reader may slip in only in the moment between
// the writer's request and its turn at the lock's inner mutex).
TEST(ReaderWriter, NeverAWriterWithAnyoneElseAndTheWrongPreferenceStarvesTheWriter) {
    std::map<std::string, RwTally> by;
    for (const std::string prefer : {"readers", "writers"}) {
        auto sup = runFor("reader-writer",
                          {"readers=4", "writers=1", "prefer=" + prefer, "read_ms=20", "write_ms=5",
                           "rest_ms=1", "rounds=10"},
                          30'000);
        ASSERT_TRUE(sup->finished()) << prefer;
        ASSERT_EQ(sup->store().totalDropped(), 0u);
        by[prefer] = tallyReaderWriter(sup->store());
        EXPECT_FALSE(by[prefer].writerWithOthers) << prefer;
        EXPECT_EQ(by[prefer].reads, 40u) << prefer;
        EXPECT_EQ(by[prefer].writes, 10u) << prefer;
    }
    EXPECT_GT(by["readers"].overtakes, by["readers"].writes)
        << "reader-preferring: readers should stream past the waiting writer";
    EXPECT_LE(by["writers"].overtakes, by["writers"].writes)
        << "writer-preferring: a waiting writer holds new readers back";
}

// The articles' example: threads share the pid and the counter; processes have their own pid
// and each its own copy of the counter, made at the fork.
TEST(HelloThreadsAndProcesses, ThreadsShareThePidAndTheCounterProcessesHaveTheirOwn) {
    auto sup = runFor("hello-threads-and-processes", {"work_ms=40", "steps=4"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->finished());
    std::map<std::string, ActorInfo> by;
    for (const auto& a : s.actors())
        by[a.name] = a;
    ASSERT_EQ(by.count("main") + by.count("thread A") + by.count("thread B") +
                  by.count("process A") + by.count("process B"),
              5u);
    const int lab = by["main"].pid;
    EXPECT_EQ(by["thread A"].pid, lab);
    EXPECT_EQ(by["thread B"].pid, lab);
    EXPECT_NE(by["thread A"].tid, by["thread B"].tid);
    EXPECT_NE(by["process A"].pid, lab);
    EXPECT_NE(by["process B"].pid, lab);
    EXPECT_NE(by["process A"].pid, by["process B"].pid);
    EXPECT_EQ(by["process A"].ppid, lab);
    std::map<std::string, std::vector<std::int64_t>> seen;  // values each actor read or made
    for (const auto i : s.timeOrder()) {
        const auto r = s.row(i);
        if (r.kind != EventKind::SharedAdd && r.kind != EventKind::SharedRead) continue;
        for (const auto& [name, a] : by)
            if (a.id == r.actor) seen[name].push_back(r.a);
    }
    // The threads counted together in the one counter: 1..8 between them.
    std::vector<std::int64_t> threads = seen["thread A"];
    threads.insert(threads.end(), seen["thread B"].begin(), seen["thread B"].end());
    std::sort(threads.begin(), threads.end());
    EXPECT_EQ(threads, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
    // Each process counted on from 8 in its own copy; main's counter stayed at 8.
    EXPECT_EQ(seen["process A"], (std::vector<std::int64_t>{9, 10, 11, 12}));
    EXPECT_EQ(seen["process B"], (std::vector<std::int64_t>{9, 10, 11, 12}));
    EXPECT_EQ(seen["main"], (std::vector<std::int64_t>{8, 8}));
}
