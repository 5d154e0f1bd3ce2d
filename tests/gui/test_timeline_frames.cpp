// Cheap to watch (issue 26 §5): a live frame paints the lanes only when they show something new,
// and the live cursor (and the buffer that follows it) moves at their pace rather than in a
// paint pass of its own every tick.

#include <gtest/gtest.h>

#include <QApplication>
#include <QEvent>
#include <QTest>

#include "core/channel/event_store.h"
#include "live_run.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_view.h"
#include "ui/views/buffer_model.h"
#include "ui/views/buffer_view.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::kMs;
using interleave::test::LiveRun;

namespace {

struct PaintCounter : QObject {
    int paints = 0;
    bool eventFilter(QObject*, QEvent* e) override {
        paints += e->type() == QEvent::Paint;
        return false;
    }
};

// One tick of the main window: the cursor follows "now", then the timeline takes it.
void tick(TimeCursor& cursor, TimelineView& view, std::int64_t now) {
    cursor.follow(now);
    view.setNow(now);
    QApplication::processEvents();
}

}  // namespace

TEST(TimelineFrames, BackToBackLiveFramesPaintTheLanesOnce) {
    LiveRun run;
    run.runUntil(1000 * kMs);
    TimeCursor cursor;
    TimelineView view(&run.model(), &cursor);
    view.resize(1000, 400);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    tick(cursor, view, 1000 * kMs);
    QTest::qWait(100);  // the first replot and its lanes, settled
    auto* canvas = view.findChild<LaneCanvas*>();
    ASSERT_NE(canvas, nullptr);
    PaintCounter counter;
    canvas->installEventFilter(&counter);
    // Ten frames' worth of "now" handed over faster than a frame each: each fills new columns
    // (5 s across the lanes), but a picture redrawn ten times in a few milliseconds is nine
    // times wasted. At 60 Hz this is every other frame.
    for (int f = 1; f <= 10; ++f)
        tick(cursor, view, (1000 + 16 * f) * kMs);
    EXPECT_LE(counter.paints, 3) << "every live frame painted the lanes";
    // Once the frames stop (the run ended), the last "now" is drawn all the same.
    QTest::qWait(80);
    EXPECT_GE(counter.paints, 2) << "the last frame was never drawn";
}

TEST(TimelineFrames, AFrameThatChangesNothingPaintsNothing) {
    LiveRun run;
    run.runUntil(1000 * kMs);
    TimeCursor cursor;
    TimelineView view(&run.model(), &cursor);
    view.resize(1000, 400);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    tick(cursor, view, 1000 * kMs);
    QTest::qWait(100);
    PaintCounter counter;
    view.findChild<LaneCanvas*>()->installEventFilter(&counter);
    for (int f = 0; f < 5; ++f)
        tick(cursor, view, 1000 * kMs);  // paused: the same "now", no new events
    QTest::qWait(50);
    EXPECT_EQ(counter.paints, 0);
}

TEST(TimelineFrames, TheBufferFollowsALiveCursorAtTheLanesPace) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 100, 1, 100, "producer", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 1, 101, "consumer", ActorRole::ProcessMain, kNoActor, 0}});
    store.setObjects(
        {ObjectInfo{1, ObjectKind::SharedSegment, "segment", 64, 100, ObjectRole::Own, 0}});
    for (std::int64_t i = 0; i < 40; ++i)  // a put every 16 ms: every tick changes a slot
        store.appendRow(Row{(16 * i + 1) * kMs, 0, EventKind::QueuePut, 1, i, (i << 32) | (i + 1)});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    BufferModel model;
    TimeCursor cursor;
    BufferView view(&model, &timeline, &cursor);
    view.resize(600, 400);
    model.reset(&store);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    PaintCounter counter;
    view.installEventFilter(&counter);
    for (int f = 1; f <= 10; ++f) {
        cursor.follow(16 * f * kMs + 2 * kMs);
        QApplication::processEvents();
    }
    EXPECT_LE(counter.paints, 3) << "the buffer was repainted at every tick";
    QTest::qWait(100);
    // The last move is shown: the view was asked to repaint after the ticks stopped.
    EXPECT_GE(counter.paints, 2);
}
