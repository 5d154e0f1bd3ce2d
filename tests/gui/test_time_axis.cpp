// Time <-> pixel math and the timeline's level of detail, without any widget.

#include <gtest/gtest.h>

#include "ui/base/time_axis.h"
#include "ui/base/time_ticker.h"
#include "ui/timeline/lane_summary.h"

using namespace interleave;
using namespace interleave::ui;

TEST(TimeAxis, MapsBothWaysAndZoomsAroundTheMouse) {
    const TimeAxis a{1'000, 11'000, 50, 1000};  // 10 ns per pixel, starting at pixel 50
    EXPECT_DOUBLE_EQ(a.nsPerPixel(), 10.0);
    EXPECT_DOUBLE_EQ(a.toPixel(1'000), 50);
    EXPECT_DOUBLE_EQ(a.toPixel(11'000), 1050);
    EXPECT_DOUBLE_EQ(a.toTime(550), 6'000);
    for (double px : {50.0, 123.4, 999.0})
        EXPECT_NEAR(a.toPixel(a.toTime(px)), px, 1e-9);
    const auto z = a.zoomedAt(300, 0.5);
    EXPECT_NEAR(z.toTime(300), a.toTime(300), 1e-9) << "the time under the mouse stays put";
    EXPECT_NEAR(z.t1 - z.t0, 5'000, 1e-9);
}

TEST(LaneSummary, WideSegmentsStayWholeTinyOnesFoldWithACount) {
    std::vector<StateSegment> segs;
    segs.push_back({0, 5'000, ActorState::Running, 0});  // 500 px
    for (int i = 0; i < 10'000; ++i)                     // 10'000 x 0.1 px
        segs.push_back(
            {5'000 + i, 5'000 + i + 1, i % 2 ? ActorState::BlockedOnLock : ActorState::Running, 0});
    segs.push_back({15'000, 20'000, ActorState::WaitingOnCondition, 7});
    const TimeAxis axis{0, 20'000, 0, 2000};  // 10 ns per pixel
    std::vector<LaneMark> marks;
    summariseLane(segs, axis, 3.0, marks);
    ASSERT_GE(marks.size(), 3u);
    EXPECT_EQ(marks.front().count, 1u);
    EXPECT_NEAR(marks.front().x1 - marks.front().x0, 500, 1e-9);
    EXPECT_EQ(marks.back().state, ActorState::WaitingOnCondition);
    EXPECT_EQ(marks.back().object, 7u);
    // The 10'000 tiny segments cover 1'000 px: folded into ~1 mark per 3 px, not 10'000 marks.
    std::uint64_t folded = 0;
    for (const auto& m : marks)
        folded += m.count;
    EXPECT_EQ(folded, segs.size()) << "every segment is accounted for exactly once";
    EXPECT_LE(marks.size(), 2u + 1000 / 3 + 1);
    for (std::size_t i = 1; i < marks.size(); ++i)
        EXPECT_GE(marks[i].x0, marks[i - 1].x0);
}

TEST(LaneSummary, OnlyWhatIsInViewAndClippedToIt) {
    std::vector<StateSegment> segs = {{0, 100, ActorState::Running, 0},
                                      {100, 1'000, ActorState::Working, 0},
                                      {1'000, 2'000, ActorState::Exited, 0}};
    const TimeAxis axis{500, 900, 10, 400};
    std::vector<LaneMark> marks;
    summariseLane(segs, axis, 3.0, marks);
    ASSERT_EQ(marks.size(), 1u);
    EXPECT_EQ(marks[0].state, ActorState::Working);
    EXPECT_DOUBLE_EQ(marks[0].x0, 10);
    EXPECT_DOUBLE_EQ(marks[0].x1, 410);
}

TEST(LaneSummary, UntilCutsTheStatesThereAndLeavesWhatCameBeforeAsItWas) {
    std::vector<StateSegment> segs = {{0, 100, ActorState::Running, 0},
                                      {100, 1'000, ActorState::BlockedOnLock, 3},
                                      {1'000, 2'000, ActorState::Working, 0}};
    const TimeAxis axis{0, 2'000, 0, 2'000};  // 1 ns per pixel
    std::vector<LaneMark> whole, cut;
    summariseLane(segs, axis, 3.0, whole);
    summariseLane(segs, axis, 3.0, cut, 400);
    ASSERT_EQ(whole.size(), 3u);
    ASSERT_EQ(cut.size(), 2u) << "what came after 400 is not there yet";
    EXPECT_DOUBLE_EQ(cut[0].x1, whole[0].x1);
    EXPECT_EQ(cut[1].state, ActorState::BlockedOnLock);
    EXPECT_DOUBLE_EQ(cut[1].x0, 100);
    EXPECT_DOUBLE_EQ(cut[1].x1, 400) << "blocked up to the cut, not to 1000";
    std::vector<LaneMark> none;
    summariseLane(segs, axis, 3.0, none, 0);
    EXPECT_TRUE(none.empty());
}

TEST(ActorStateTracker, UncontendedLocksCostNoSegmentAndStateAtAnyTime) {
    ActorStateTracker t(1);
    auto feed = [&](std::int64_t ns, EventKind k, std::int64_t b = 0) {
        t.feed(Row{ns, 0, k, 5, 0, b});
    };
    feed(0, EventKind::ActorStart);
    feed(10, EventKind::LockRequest);
    feed(11, EventKind::LockAcquired, 0);  // uncontended
    feed(20, EventKind::LockRequest);
    EXPECT_EQ(t.current(), ActorState::BlockedOnLock);
    feed(50, EventKind::LockAcquired, 1);  // waited 30 ns
    feed(60, EventKind::WorkBegin);
    feed(90, EventKind::WorkEnd);
    const auto segs = t.segmentsUntil(100);
    ASSERT_EQ(segs.size(), 5u);
    EXPECT_EQ(segs[0].state, ActorState::Running);
    EXPECT_EQ(segs[0].end, 20);
    EXPECT_EQ(segs[1].state, ActorState::BlockedOnLock);
    EXPECT_EQ(segs[1].begin, 20);
    EXPECT_EQ(segs[1].object, 5u);
    EXPECT_EQ(segs[3].state, ActorState::Working);
    EXPECT_EQ(t.stateAt(30), ActorState::BlockedOnLock);
    EXPECT_EQ(t.stateAt(70), ActorState::Working);
    EXPECT_EQ(t.stateAt(95), ActorState::Running);
    EXPECT_EQ(t.stateAt(-1), ActorState::Exited);
    t.processEnded(120);
    EXPECT_TRUE(t.ended());
    EXPECT_EQ(t.stateAt(130), ActorState::Exited);
}

// Tick labels carry their unit, and long runs are told in seconds, never "75000100000125000".
TEST(TimeTicker, LabelsCarryTheirUnitAndLongRangesUseSeconds) {
    using interleave::ui::timeTickLabel;
    EXPECT_EQ(timeTickLabel(250, 1000), QStringLiteral("250 ms"));
    EXPECT_EQ(timeTickLabel(75'000, 167'000), QStringLiteral("75 s"));
    EXPECT_EQ(timeTickLabel(1'500, 20'000), QStringLiteral("1.5 s"));
    EXPECT_EQ(timeTickLabel(0.25, 0.5), QStringLiteral("250 µs"));
    EXPECT_EQ(timeTickLabel(-0.0, 1000), QStringLiteral("0 ms"));
}
