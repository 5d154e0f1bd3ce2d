// The lanes' picture is kept between frames and only the columns that changed are redrawn: after
// any sequence of live frames it must be exactly the picture a full redraw makes.

#include <gtest/gtest.h>

#include <QImage>
#include <algorithm>
#include <cstdlib>
#include <random>

#include "live_run.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_model.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::kMs;
using interleave::test::LiveRun;

namespace {

LaneLayout layoutFor(const TimelineModel& model, int width, int height, double seconds) {
    LaneLayout l;
    l.axis = TimeAxis{0, seconds * 1e9, 0, static_cast<double>(width)};
    l.width = width;
    l.height = height;
    const double pitch = static_cast<double>(height) / static_cast<double>(model.lanes().size());
    l.laneH = pitch * 0.72;
    for (std::size_t i = 0; i < model.lanes().size(); ++i)
        l.yMid.push_back(pitch * (static_cast<double>(i) + 0.5));
    return l;
}

}  // namespace

TEST(LaneCanvas, LiveFramesRedrawOnlyABandAndEndAsAFullRedraw) {
    LiveRun run;
    run.runUntil(1);
    LaneCanvas live(&run.model(), nullptr);
    live.resize(800, 240);
    live.setLaneLayout(layoutFor(run.model(), 800, 240, 5));
    int partial = 0, full = 0;
    // Five seconds of frames at 60 a second; events arrive every few frames, as from the bridge.
    for (std::int64_t now = 16 * kMs; now < 4800 * kMs; now += 16 * kMs) {
        if ((now / (16 * kMs)) % 3 == 0) run.runUntil(now - 5 * kMs);  // a little behind "now"
        live.setNow(now);
        live.refresh();
        (live.lastRefreshWasFull() ? full : partial) += 1;
        if (!live.lastRefreshWasFull()) {
            EXPECT_LT(live.lastBandWidth(), 800);
        }
    }
    // The first frame, and a lane getting too busy for lock marks, draw everything.
    EXPECT_LE(full, 5);
    EXPECT_GT(partial, 250);
    EXPECT_GT(live.painter().lastMarkCount(), 0u);

    LaneCanvas fresh(&run.model(), nullptr);
    fresh.resize(800, 240);
    fresh.setLaneLayout(live.laneLayout());
    fresh.setNow(4784 * kMs);
    fresh.refresh();
    ASSERT_TRUE(fresh.lastRefreshWasFull());
    ASSERT_FALSE(live.picture().isNull());
    const QImage a = live.picture(), b = fresh.picture();
    ASSERT_EQ(a.size(), b.size());
    // Antialiased arrows rasterise a few levels differently under a clip; anything missing,
    // doubled or stale (a mark, a label, an arrow) differs by far more.
    int differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            const int d =
                std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                          std::abs(qBlue(p) - qBlue(q)), std::abs(qAlpha(p) - qAlpha(q))});
            differing += d > 8;
        }
    EXPECT_EQ(differing, 0) << "the kept picture drifted from what a full redraw shows";
    if (differing) {
        a.save(QStringLiteral("lane-canvas-live.png"));
        b.save(QStringLiteral("lane-canvas-full.png"));
    }
}

TEST(LaneCanvas, NothingNewMeansNothingRedrawn) {
    LiveRun run;
    run.runUntil(2000 * kMs);
    LaneCanvas canvas(&run.model(), nullptr);
    canvas.resize(600, 200);
    canvas.setLaneLayout(layoutFor(run.model(), 600, 200, 5));
    canvas.setNow(2000 * kMs);
    canvas.refresh();
    EXPECT_TRUE(canvas.lastRefreshWasFull());
    canvas.refresh();  // paused: the same "now", no new events
    EXPECT_FALSE(canvas.lastRefreshWasFull());
    EXPECT_EQ(canvas.lastBandWidth(), 0);
    // A new layout (a zoom) redraws everything.
    canvas.setLaneLayout(layoutFor(run.model(), 600, 200, 2));
    canvas.refresh();
    EXPECT_TRUE(canvas.lastRefreshWasFull());
}
