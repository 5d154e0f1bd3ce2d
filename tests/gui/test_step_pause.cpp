// Step after a pause (issue 26, section 3): a page turned by a step after a long pause shows
// the run's time around the step, not a page of veil, and a paused lane does not grow.

#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <algorithm>
#include <string>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_painter.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"

using namespace interleave;
using namespace interleave::ui;

namespace {

constexpr std::int64_t kMs = 1'000'000;
using Pauses = std::vector<std::pair<std::int64_t, std::int64_t>>;

// Of the page [lower, upper] (ms), the part under the pauses, up to "now".
double veiledMs(const Pauses& pauses, const QCPRange& page, std::int64_t now) {
    double veiled = 0;
    for (const auto& [b, e] : pauses) {
        const double from = std::max(page.lower, static_cast<double>(b) / kMs);
        const double to = std::min(page.upper, static_cast<double>(e < 0 ? now : e) / kMs);
        veiled += std::max(0.0, to - from);
    }
    return veiled;
}

}  // namespace

// Paused at 8.2 s, stepped at 30 s: before, the young run's page doubled to [0, 20 s], which
// does not even hold the step and is mostly veil; then it turned to a page whose kept quarter
// was all veil.
TEST(TimelinePaging, AStepAfterALongPauseShowsTheRunsTimeAroundTheStep) {
    TimelineModel model;
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(1000, 400);
    view.startLive();
    for (std::int64_t t = 100 * kMs; t <= 8'200 * kMs; t += 100 * kMs)
        view.setNow(t);
    const std::int64_t paused = 8'200 * kMs;
    view.setPauses({{paused, -1}}, paused);
    auto* axis = view.plot()->xAxis;
    // Steps: each lets one thread through for 10 ms, the veil goes on after it. The first and
    // the last come after a long wait and turn the page; the two between stay on its page.
    Pauses pauses{{paused, -1}};
    QCPRange first;
    for (const std::int64_t grant : {30'000 * kMs, 32'000 * kMs, 35'000 * kMs, 60'000 * kMs}) {
        pauses.back().second = grant;
        const std::int64_t now = grant + 10 * kMs;
        pauses.emplace_back(now, -1);
        const auto before = axis->range();
        view.setPauses(pauses, paused);
        view.setNow(now);
        const auto page = axis->range();
        SCOPED_TRACE("step at " + std::to_string(grant / kMs) + " ms, page [" +
                     std::to_string(page.lower) + ", " + std::to_string(page.upper) + "]");
        EXPECT_LE(page.lower, static_cast<double>(grant) / kMs) << "the step is on the page";
        EXPECT_GE(page.upper, static_cast<double>(now) / kMs);
        if (page != before) {
            EXPECT_LT(veiledMs(pauses, page, now), 0.25 * page.size()) << "not a page of veil";
        }
        if (grant == 30'000 * kMs) first = page;
        if (grant == 32'000 * kMs || grant == 35'000 * kMs) {
            EXPECT_EQ(page, first) << "a step within the page does not turn it";
        }
    }
}

// Without pauses a page still turns with the last quarter of what was seen on its left.
TEST(TimelinePaging, WithoutPausesAPageTurnsKeepingItsLastQuarter) {
    TimelineModel model;
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(1000, 400);
    view.startLive();
    for (std::int64_t t = 100 * kMs; t <= 20'100 * kMs; t += 100 * kMs)
        view.setNow(t);
    const auto page = view.plot()->xAxis->range();
    EXPECT_DOUBLE_EQ(page.size(), 20'000.0) << "grown to kGrowLiveMs";
    // Turned as "now" reached the right edge (at 20 s), a quarter of the page back.
    EXPECT_NEAR(page.lower, 20'000.0 - 0.25 * 20'000.0, 1e-6);
}

// Paused at 5 ms with thread 1 stepped to 20 ms: thread 0 was not stepped and its lane ends
// where the pause began; thread 1's reaches its step's last event. Before, both reached "now".
TEST(LanePainter, APausedLaneEndsWhereThePauseBeganUnlessItWasStepped) {
    EventStore store(4);
    std::vector<ActorInfo> actors;
    for (std::uint32_t a = 0; a < 2; ++a)
        actors.push_back(ActorInfo{a, 100, 1, 200 + static_cast<int>(a),
                                   "thread " + std::to_string(a), ActorRole::Thread, kNoActor, 0});
    store.setActors(actors);
    store.appendRow(
        Row{1 * kMs, 0, EventKind::ActorStart, 0, static_cast<std::int64_t>(kNoActor), 0});
    store.appendRow(
        Row{1 * kMs, 1, EventKind::ActorStart, 0, static_cast<std::int64_t>(kNoActor), 0});
    store.appendRow(Row{2 * kMs, 0, EventKind::WorkBegin, 0, 100 * kMs, 0});
    store.appendRow(Row{2 * kMs, 1, EventKind::WorkBegin, 0, 100 * kMs, 0});
    store.appendRow(Row{20 * kMs, 1, EventKind::WorkEnd, 0, 0, 0});  // the step
    store.publish();
    TimelineModel model;
    model.reset(&store);
    model.append(0, store.size());
    ASSERT_EQ(model.lanes().size(), 2u);
    LaneLayout layout;
    layout.axis = TimeAxis{0, 40.0 * kMs, 0, 400};
    layout.width = 400;
    layout.height = 100;
    layout.laneH = 36;
    layout.yMid = {25, 75};
    LanePainter painter(&model);
    const std::int64_t now = 20 * kMs, heldSince = 5 * kMs;
    const auto end = [](const LaneLook& look, std::size_t lane) {
        return look.marks[lane].empty() ? 0.0 : look.marks[lane].back().x1;
    };
    LaneLook held;
    painter.look(layout, now, held, LaneLook::kWholeRun, heldSince);
    EXPECT_LE(end(held, 0), 50.0 + 1) << "thread 0 stands still from the pause on";
    EXPECT_GE(end(held, 1), 200.0 - 1) << "thread 1 was stepped to 20 ms";
    LaneLook running;
    painter.look(layout, now, running);
    EXPECT_GE(end(running, 0), 200.0 - 1) << "not paused: the lane reaches now";
}
