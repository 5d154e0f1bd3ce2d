// Real runs of race-condition (real threads racing on a real shared counter), checked from the
// recorded events: every write records the value it replaced, so lost updates are counted from
// facts, and they add up with the final value to threads x increments exactly.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/analysis/lost_update.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

struct Tally {
    std::int64_t finalValue = 0;  // the value no write replaced: the counter at the end
    std::int64_t writes = 0;      // writes and indivisible adds
    std::int64_t lost = 0;        // writes that did not add one to what they replaced
    bool oneChain = false;        // the writes form one chain from 0 (each replaced one value)
    bool twoInside = false;       // with the lock: two threads held it at once
};

Tally tally(const EventStore& s) {
    Tally t;
    const auto counter = objectId(s, "counter");
    const auto lock = objectId(s, "counter.lock");
    int holders = 0;
    std::multiset<std::int64_t> written, replaced;
    // In time order: the store holds each actor's events in spans, so two holders' spans may
    // interleave in the store however their lock steps interleaved in time.
    for (const auto i : s.timeOrder()) {
        const auto r = s.row(i);
        if (r.object == lock && r.kind == EventKind::LockAcquired && ++holders > 1)
            t.twoInside = true;
        if (r.object == lock && r.kind == EventKind::LockReleased) --holders;
        if (r.object != counter) continue;
        if (r.kind != EventKind::SharedWrite && r.kind != EventKind::SharedAdd) continue;
        ++t.writes;
        if (r.a - r.b != 1) ++t.lost;
        written.insert(r.a);
        replaced.insert(r.b);
    }
    // Every write is one exchange, so each replaced exactly the value of the write before it in
    // the counter's own order: the replaced values are 0 and every written value but the last.
    replaced.erase(replaced.find(0));
    for (const auto v : replaced) {
        const auto it = written.find(v);
        if (it == written.end()) return t;
        written.erase(it);
    }
    t.oneChain = written.size() == 1;
    if (t.oneChain) t.finalValue = *written.begin();
    return t;
}

Tally runRace(const std::string& variant, int threads, int increments, int thinkMs) {
    const auto sup =
        runFor("race-condition",
               {"variant=" + variant, "threads=" + std::to_string(threads),
                "increments=" + std::to_string(increments), "think_ms=" + std::to_string(thinkMs)},
               20'000);
    EXPECT_EQ(sup->labStatus(), exitStatusExited(0));
    EXPECT_EQ(sup->store().totalDropped(), 0u);
    return tally(sup->store());
}

}  // namespace

TEST(RaceCondition, WithoutALockUpdatesAreLostAndTheLossesAddUpExactly) {
    // The defaults (2 threads, 10 increments, 100 ms between read and write) at a faster pace.
    const auto t = runRace("none", 2, 10, 50);
    EXPECT_EQ(t.writes, 20);
    ASSERT_TRUE(t.oneChain) << "the recorded writes do not chain: a value was lost or made up";
    EXPECT_GT(t.lost, 0) << "threads that read, wait and write always collide";
    // A lost write undoes the increments it overwrote: what is left is what survived.
    EXPECT_LT(t.finalValue, 20);
}

TEST(RaceCondition, AsFastAsTheMachineGoesTheCountsStillAddUp) {
    const auto t = runRace("none", 4, 20'000, 0);
    EXPECT_EQ(t.writes, 80'000);
    ASSERT_TRUE(t.oneChain);
    EXPECT_LE(t.finalValue, 80'000);
    EXPECT_EQ(t.lost == 0, t.finalValue == 80'000) << "a loss shows in the final value";
}

TEST(RaceCondition, AMutexOrAnAtomicAddLosesNothing) {
    for (const char* variant : {"mutex", "atomic"}) {
        const auto t = runRace(variant, 3, 200, 0);
        EXPECT_EQ(t.writes, 600) << variant;
        ASSERT_TRUE(t.oneChain) << variant;
        EXPECT_EQ(t.lost, 0) << variant;
        EXPECT_EQ(t.finalValue, 600) << variant;
        EXPECT_FALSE(t.twoInside) << variant << ": two threads held the lock at once";
    }
}

// The first lost update, as its interleaving: the other thread reads v; this one reads, writes
// (once in the classic case, more often under load); the other writes v + 1 over it.
TEST(RaceCondition, TheFirstLostUpdateIsFoundAsTwoReadsAndAWriteOverAnother) {
    auto sup = runFor("race-condition", {"threads=2", "increments=10", "think_ms=5"}, 20'000);
    const auto& s = sup->store();
    const auto u = firstLostUpdate(s);
    ASSERT_TRUE(u.has_value()) << "no update lost";
    const auto r0 = s.row(u->events[0]), r1 = s.row(u->events[1]);
    const auto w0 = s.row(u->events[2]), w1 = s.row(u->events[3]);
    EXPECT_EQ(r0.kind, EventKind::SharedRead);
    EXPECT_EQ(r1.kind, EventKind::SharedRead);
    EXPECT_NE(r0.actor, r1.actor);
    // Each read belongs to the writer it led to.
    const auto& lostRead = r0.actor == u->lost ? r0 : r1;
    const auto& overRead = r0.actor == u->lost ? r1 : r0;
    EXPECT_EQ(lostRead.actor, u->lost);
    EXPECT_EQ(overRead.actor, u->overwrote);
    EXPECT_EQ(lostRead.a, u->lostRead);
    EXPECT_EQ(overRead.a, u->value);
    EXPECT_EQ(w0.kind, EventKind::SharedWrite);
    EXPECT_EQ(w1.kind, EventKind::SharedWrite);
    EXPECT_EQ(w0.actor, u->lost);
    EXPECT_EQ(w1.actor, u->overwrote);
    EXPECT_EQ(w0.a, u->lostRead + 1);
    EXPECT_EQ(w1.a, u->value + 1);
    EXPECT_EQ(w1.b, w0.a) << "the second write replaced the first";
    EXPECT_GE(u->additionsLost, 1);
    EXPECT_EQ(u->additionsLost, w0.a - u->value);
    EXPECT_EQ(u->bothReadOneValue(), u->additionsLost == 1);
    // In time order: both reads before both writes.
    EXPECT_LE(s.ns(u->events[0]), s.ns(u->events[1]));
    EXPECT_LT(s.ns(u->events[1]), s.ns(u->events[2]));
    EXPECT_LT(s.ns(u->events[2]), s.ns(u->events[3]));
    // With the lock, nothing is lost and nothing is found.
    auto locked = runFor("race-condition",
                         {"threads=2", "increments=10", "think_ms=1", "variant=mutex"}, 20'000);
    EXPECT_FALSE(firstLostUpdate(locked->store()).has_value());
}

// The interleaving the CI machine once produced: B reads 0; A goes round twice (0 -> 1, 1 -> 2);
// B writes 1 over 2. Both of A's additions are gone, and the two reads saw different values.
TEST(RaceCondition, ALostWriterThatWentRoundTwiceIsReportedAsTwoAdditionsLost) {
    EventStore store(2);
    store.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 10}});
    const std::uint32_t a = 0, b = 1;
    store.appendRow(Row{10, b, EventKind::SharedRead, 1, 0, 0});
    store.appendRow(Row{20, a, EventKind::SharedRead, 1, 0, 0});
    store.appendRow(Row{30, a, EventKind::SharedWrite, 1, 1, 0});
    store.appendRow(Row{40, a, EventKind::SharedRead, 1, 1, 0});
    store.appendRow(Row{50, a, EventKind::SharedWrite, 1, 2, 1});
    store.appendRow(Row{60, b, EventKind::SharedWrite, 1, 1, 2});
    store.publish();
    const auto u = firstLostUpdate(store);
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->lost, a);
    EXPECT_EQ(u->overwrote, b);
    EXPECT_EQ(u->value, 0);
    EXPECT_EQ(u->lostRead, 1);
    EXPECT_EQ(u->additionsLost, 2);
    EXPECT_FALSE(u->bothReadOneValue());
    // In time order: B's read, A's second read, A's second write, B's write.
    EXPECT_EQ(u->events, (std::array<std::size_t, 4>{0, 3, 4, 5}));
}
