// Real runs of the scenarios about memory: a ring in real shared memory, a semaphore in it, and
// threads sharing one counter while forked children change their own copy.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ipc_helpers.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

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
