// The arrows between lanes, paired from the kind table's `link` column whatever order the
// store received the two ends in.

#include <gtest/gtest.h>

#include <vector>

#include "core/analysis/links.h"
#include "core/analysis/process_facts.h"
#include "core/schema/event_kinds.h"

using namespace interleave;

TEST(LinkPairer, PairsEachFamilyWhicheverEndComesFirst) {
    LinkPairer p;
    // An item taken (fed first: the consumer's ring was drained first), then its put.
    p.feed(Row{120, 1, EventKind::QueueGet, 5, 7, 0});
    p.feed(Row{100, 0, EventKind::QueuePut, 5, 7, 0});
    // A message through pipe 9, numbered 3; another pipe's message 3 does not pair with it.
    p.feed(Row{200, 0, EventKind::MsgSend, 9, 3, 0});
    p.feed(Row{210, 2, EventKind::MsgReceive, 8, 3, 0});
    p.feed(Row{220, 1, EventKind::MsgReceive, 9, 3, 0});
    // notify_one waking actor 2, and its wake-up.
    p.feed(Row{300, 0, EventKind::CondNotifyOne, 4, 1, 2});
    p.feed(Row{310, 2, EventKind::CondWoken, 4, 0, 0});
    // A signal send numbered 6 (b) and its handling.
    p.feed(Row{400, 0, EventKind::SignalSend, 11, 4242, 6});
    p.feed(Row{420, 1, EventKind::SignalHandled, 11, 0, 6});
    // A semaphore raised with one thread blocked, and the blocked thread's pass.
    p.feed(Row{500, 0, EventKind::SemReleased, 12, 1, 1});
    p.feed(Row{505, 1, EventKind::SemAcquired, 12, 0, 1});
    // A release with nobody blocked makes no arrow.
    p.feed(Row{600, 0, EventKind::SemReleased, 12, 1, 0});
    p.feed(Row{601, 2, EventKind::SemAcquired, 12, 0, 0});
    const std::vector<Link> expected = {{100, 120, 0, 1, Link::Kind::Item, 7},
                                        {200, 220, 0, 1, Link::Kind::Item, 3},
                                        {300, 310, 0, 2, Link::Kind::Wake, 0},
                                        {400, 420, 0, 1, Link::Kind::Item, 6},
                                        {500, 505, 0, 1, Link::Kind::Wake, 0}};
    EXPECT_EQ(p.links(), expected);
    EXPECT_EQ(p.arrivals().size(), expected.size());
}

TEST(ProcessFacts, ParentsProgramsAndKillersAsOfATime) {
    ProcessFacts f;
    f.feed(Row{100, 0, EventKind::ProcessReparent, kNoObject, 300, 1});
    f.feed(Row{50, 0, EventKind::ProcessExec, 7, 301, 0});
    f.feed(Row{80, 0, EventKind::ProcessExit, kNoObject, 302, exitStatusSignaled(9)});
    f.feed(Row{90, 1, EventKind::SignalSend, 11, 302, 1});
    EXPECT_EQ(f.parentAt(300, 200, 99), 200);
    EXPECT_EQ(f.parentAt(300, 200, 100), 1);
    EXPECT_EQ(f.programAt(301, 49), kNoObject);
    EXPECT_EQ(f.programAt(301, 50), 7u);
    EXPECT_EQ(f.killedBy(302, 79), 0);
    EXPECT_EQ(f.killedBy(302, 80), 9);
    EXPECT_TRUE(f.hasSignals());
    EXPECT_FALSE(f.hasFaults());
}
