// Who holds which lock, read from the kind table's `hold` column: reader-writer locks are locks
// in the wait-for graph and in lock_waits, a long-held lock's holder is always named, and the
// step phrases come from the table.

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "core/analysis/run_measures.h"
#include "core/analysis/wait_for.h"
#include "core/schema/event_kinds.h"
#include "core/schema/step_text.h"
#include "made_store.h"

using namespace interleave;

namespace {

// A made-up store whose object 1 is a lock named "table".
struct Made : test::MadeStore {
    explicit Made(std::uint32_t actors) : MadeStore(actors) {
        store.setObjects(
            {ObjectInfo{1, ObjectKind::None, "table", 0, 100, ObjectRole::Own, kNoObject}});
    }
};

using Actors = std::vector<std::uint32_t>;

}  // namespace

TEST(LockHolders, AWriterWaitsForEveryReaderInTheWaitForGraph) {
    Made m(3);
    m.add(0, EventKind::RwReadRequest, 1);
    m.add(0, EventKind::RwReadAcquired, 1, 1);
    m.add(1, EventKind::RwReadRequest, 1);
    m.add(1, EventKind::RwReadAcquired, 1, 2);
    const auto asked = m.add(2, EventKind::RwWriteRequest, 1);
    const auto g = waitForGraphAt(m.store);
    ASSERT_EQ(g.holders.count(1), 1u) << "a read-locked rwlock has holders";
    EXPECT_EQ(g.holders.at(1).size(), 2u);
    EXPECT_EQ(g.waiting.at(2), 1u);
    EXPECT_EQ(g.waitsFor(2), (Actors{0, 1}));
    // A reader who asks to read beside them waits for nobody.
    m.add(2, EventKind::ActorExit, kNoObject);
    WaitForTracker tracker;
    tracker.reset(&m.store);
    EXPECT_EQ(tracker.at(asked), waitForGraphAt(m.store, asked));
    EXPECT_EQ(tracker.at(asked).waitsFor(2), (Actors{0, 1}));
    EXPECT_TRUE(tracker.at(m.t).waiting.empty()) << "the writer ended";
}

TEST(LockHolders, AReaderThatAsksToWriteIsACycleOfItsOwn) {
    Made m(2);
    m.add(0, EventKind::RwReadRequest, 1);
    m.add(0, EventKind::RwReadAcquired, 1, 1);
    m.add(1, EventKind::RwReadRequest, 1);
    EXPECT_EQ(waitForGraphAt(m.store).waitsFor(1), Actors{}) << "readers share";
    m.add(1, EventKind::RwReadAcquired, 1, 2);
    m.add(0, EventKind::RwWriteRequest, 1);
    EXPECT_EQ(findDeadlockCycle(m.store), Actors{0});
}

TEST(LockHolders, LockWaitsCountReaderWriterWaitsToo) {
    Made m(2);
    m.add(0, EventKind::LockAcquired, 1, 0, 1);
    m.add(1, EventKind::RwReadAcquired, 1, 1, 1);
    m.add(0, EventKind::RwWriteAcquired, 1, 0, 1);
    m.add(1, EventKind::RwWriteAcquired, 1, 0, 0);
    std::string error;
    EXPECT_EQ(measureRun(m.store, "lock_waits", error), 3.0) << error;
}

TEST(LockHolders, ALongHeldLocksHolderIsNamedHoweverMuchItDidSince) {
    // The holder took the lock, then did 500 other things before the waiter asked: a look back
    // of a few steps per actor cannot find it.
    Made m(2);
    m.add(0, EventKind::LockRequest, 1);
    m.add(0, EventKind::LockAcquired, 1);
    for (int k = 0; k < 500; ++k)
        m.add(0, EventKind::SharedRead, 2, k);
    const auto asked = m.add(1, EventKind::LockRequest, 1);
    LockHolders h;
    h.reset(&m.store);
    h.update();
    EXPECT_EQ(h.holdersAt(1, asked, 1), Actors{0});
    EXPECT_EQ(h.holdersAt(1, asked, 0), Actors{}) << "the asker aside";
    const auto released = m.add(0, EventKind::LockReleased, 1);
    h.update();
    EXPECT_EQ(h.holdersAt(1, released - 1), Actors{0});
    EXPECT_EQ(h.holdersAt(1, released), Actors{}) << "a release stamped at t has happened";
    EXPECT_EQ(h.holdersAt(1, 0), Actors{}) << "nobody before it was taken";
}

TEST(LockHolders, ARecursiveHoldEndsAtItsLastRelease) {
    Made m(1);
    m.add(0, EventKind::LockAcquired, 1);
    m.add(0, EventKind::LockAcquired, 1);
    const auto first = m.add(0, EventKind::LockReleased, 1);
    const auto last = m.add(0, EventKind::LockReleased, 1);
    LockHolders h;
    h.reset(&m.store);
    h.update();
    EXPECT_EQ(h.holdersAt(1, first), Actors{0});
    EXPECT_EQ(h.holdersAt(1, last), Actors{});
    EXPECT_EQ(waitForGraphAt(m.store, first).holders.at(1).size(), 1u);
    EXPECT_EQ(waitForGraphAt(m.store, last).holders.count(1), 0u);
}

TEST(StepPhrases, ComeFromTheKindTableWithTheirAlternatives) {
    EXPECT_EQ(stepText(EventKind::SharedWrite, "counter", 42), "write 42 to counter");
    EXPECT_EQ(stepText(EventKind::LockRequest, "m", 0), "lock m");
    EXPECT_EQ(stepText(EventKind::LockRequest, "m", 1), "try to lock m");
    EXPECT_EQ(stepText(EventKind::ProcessWait, "", -1), "wait for a child process");
    EXPECT_EQ(stepText(EventKind::ProcessWait, "", 812), "wait for process 812");
    EXPECT_EQ(stepText(EventKind::JoinRequest, "", 0, "worker 1"), "join worker 1");
    EXPECT_EQ(stepText(EventKind::JoinRequest, "", 0), "join a thread");
    EXPECT_EQ(stepText(EventKind::SharedRead, "", 0), "read it");
    EXPECT_EQ(stepText(EventKind::WorkBegin, "x", 0), "go on");
    for (const auto& k : kKinds) {
        for (const auto text : {k.step.text, k.step.alt})
            for (auto i = text.find('{'); i != std::string_view::npos; i = text.find('{', i + 1)) {
                const auto name = text.substr(i + 1, text.find('}', i) - i - 1);
                EXPECT_TRUE(name == "object" || name == "arg" || name == "argActor")
                    << k.name << ": " << text;
            }
        EXPECT_EQ(k.step.when == StepAlt::Never, k.step.alt.empty()) << k.name;
    }
}

TEST(LockHolders, WhatIsStillHeldAtTheEndIsHeldAtTheLatestTime) {
    Made m(2);
    m.add(0, EventKind::LockAcquired, 1);
    m.add(1, EventKind::LockRequest, 1);
    WaitForTracker tracker;
    tracker.reset(&m.store);
    const auto& g = tracker.at(std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(g, waitForGraphAt(m.store));
    EXPECT_EQ(g.waitsFor(1), Actors{0});
}
