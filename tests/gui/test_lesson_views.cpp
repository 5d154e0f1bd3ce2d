// Each scenario shows what its lesson points at (issue 26, section 2): the views, the marks and
// the bands the lesson talks about, checked on models fed synthetic runs.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <qcustomplot.h>
#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <algorithm>
#include <cmath>

#include "core/channel/event_store.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/lane_painter.h"
#include "ui/timeline/state_legend.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"
#include "ui/views/shared_variable_model.h"
#include "ui/views/wait_for_model.h"
#include "ui/window/main_window.h"
#include "ui/window/run_models.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

void setThreads(EventStore& store, std::uint32_t n) {
    std::vector<ActorInfo> actors;
    for (std::uint32_t a = 0; a < n; ++a)
        actors.push_back(ActorInfo{a, 100, 1, 200 + static_cast<int>(a),
                                   "thread " + std::to_string(a), ActorRole::Thread, kNoActor, 0});
    store.setActors(actors);
}

// The whole of `model`'s run over `width` px, lanes evenly spread, drawn once by `painter`.
LaneLayout layoutFor(const TimelineModel& model, int width, int height, std::int64_t endNs) {
    LaneLayout l;
    l.axis = TimeAxis{0, static_cast<double>(endNs), 0, static_cast<double>(width)};
    l.width = width;
    l.height = height;
    const double pitch = static_cast<double>(height) / static_cast<double>(model.lanes().size());
    l.laneH = pitch * 0.72;
    for (std::size_t i = 0; i < model.lanes().size(); ++i)
        l.yMid.push_back(pitch * (static_cast<double>(i) + 0.5));
    return l;
}

QImage drawAll(LanePainter& painter, const LaneLayout& layout, std::int64_t now) {
    LaneLook look;
    painter.look(layout, now, look);
    QImage image(layout.width, layout.height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    painter.draw(p, layout, look, 0, layout.width);
    return image;
}

}  // namespace

// Scheduled by hand, the checkpoint a thread waits at before its write names the counter too:
// the copy it read must still show (it is the heart of the lesson), not "no thread holds a copy".
TEST(SharedVariableModel, ACopyHeldAtTheCheckpointBeforeTheWriteStillShows) {
    EventStore store(4);
    setThreads(store, 2);
    store.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 4}});
    auto add = [&](std::int64_t t, std::uint32_t actor, EventKind kind, std::int64_t a,
                   std::int64_t b) {
        store.appendRow(Row{t, actor, kind, 1, a, b});
    };
    add(5, 0, EventKind::CheckpointWait, 0, 0);
    add(6, 0, EventKind::CheckpointPass, 1, 0);
    add(10, 0, EventKind::SharedRead, 7, 0);
    add(11, 0, EventKind::CheckpointWait, static_cast<std::int64_t>(EventKind::SharedWrite), 8);
    store.publish();
    SharedVariableModel model;
    model.reset(&store);
    model.append(0, store.size());
    const auto s = model.stateAt(20).at(0);
    ASSERT_EQ(s.copies.size(), 1u) << "thread 0 read 7 and waits to write 8";
    EXPECT_EQ(s.copies[0].actor, 0u);
    EXPECT_EQ(s.copies[0].read, 7);
}

// The lanes mark each read (○) and write (●) of the shared counter: where a thread took its
// copy and where it wrote it back.
TEST(LanePainter, ReadsAndWritesOfTheSharedCounterAreMarkedOnTheLanes) {
    EventStore store(4);
    setThreads(store, 2);
    store.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 4}});
    store.appendRow(Row{1'000'000, 0, EventKind::SharedRead, 1, 0, 0});
    store.appendRow(Row{2'000'000, 1, EventKind::SharedRead, 1, 0, 0});
    store.appendRow(Row{5'000'000, 0, EventKind::SharedWrite, 1, 1, 0});
    store.appendRow(Row{6'000'000, 1, EventKind::SharedWrite, 1, 1, 1});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    model.append(0, store.size());
    LanePainter painter(&model);
    drawAll(painter, layoutFor(model, 600, 120, 8'000'000), 8'000'000);
    EXPECT_EQ(painter.lastGetMarkCount(), 2u) << "two reads";
    EXPECT_EQ(painter.lastPutMarkCount(), 2u) << "two writes";
}

// fork-tree's children each take a lock of their own; its lesson is the process tree, which must
// not give way to the wait-for graph. View > Panels brings the graph back all the same.
TEST(MainWindowOffscreen, ForkTreeKeepsItsProcessTreeAndPanelsBringBackAnyView) {
    LaunchOptions options;
    options.scenario = QStringLiteral("fork-tree");
    options.assignments = {QStringLiteral("children=2"), QStringLiteral("threads=2"),
                           QStringLiteral("rounds=2"), QStringLiteral("work_ms=20")};
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(waitFor([&] { return window.models()->waitFor()->locks().size() >= 2; }));
    QTest::qWait(100);  // the shelf picks again as the run goes
    EXPECT_TRUE(window.processTreeBox()->isVisible());
    EXPECT_FALSE(window.waitForBox()->isVisible());
    QAction* waits = nullptr;
    for (auto* a : window.findChildren<QAction*>())
        if (a->text() == QStringLiteral("Who waits for whom")) waits = a;
    ASSERT_TRUE(waits);
    EXPECT_FALSE(waits->isChecked());
    waits->trigger();
    EXPECT_TRUE(window.waitForBox()->isVisible());
    QTest::qWait(100);
    EXPECT_TRUE(window.waitForBox()->isVisible()) << "the choice by hand holds during the run";
    window.stopRun();
}

// A finished run fitted to the page leaves room right of its end for the marks drawn there:
// daemon-threads' cut-off cross, half a lane wide, was cut in half by a 2% margin.
TEST(TimelineView, AFittedRunLeavesRoomForTheCutOffCrossAtItsEnd) {
    EventStore store(4);
    setThreads(store, 2);
    for (std::uint32_t a = 0; a < 2; ++a) {
        store.appendRow(Row{10 + a, a, EventKind::ActorStart, kNoObject, 0, 0});
        store.appendRow(Row{1'000'000 + a, a, EventKind::WorkBegin, kNoObject, 1, 0});
    }
    store.appendRow(Row{1'000'000'000, 1, EventKind::ThreadCutOff, kNoObject, 0, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(900, 420);
    view.show();
    view.setNow(1'000'000'000);
    ASSERT_TRUE(waitFor([&] { return view.canvas()->laneLayout().laneH > 0; }));
    view.fitAll(true);
    // The layout settles over a few passes (the range, then the lanes' width): wait for the
    // fitted page, then for the cross to be inside it, and fail if it never is.
    const auto fits = [&] {
        const auto& l = view.canvas()->laneLayout();
        const double crossReach = std::min(l.laneH / 2 - 1, l.markerReach() * 1.6) + 2;
        return std::abs(l.axis.t1 - view.plot()->xAxis->range().upper * 1e6) < 1e3 &&
               l.axis.t1 < 2e9 && l.axis.toPixel(1e9) + crossReach <= l.width;
    };
    const auto& l = view.canvas()->laneLayout();
    EXPECT_TRUE(waitFor(fits)) << "cross at " << l.axis.toPixel(1e9) << ", laneH " << l.laneH
                               << ", width " << l.width;
}

// daemon-threads: the cross where the process's end cut a thread off has its legend entry,
// which a run without a cut-off does not list.
TEST(StateLegend, ACutOffRunListsTheCutOffCross) {
    EventStore store(4);
    setThreads(store, 2);
    for (std::uint32_t a = 0; a < 2; ++a) {
        store.appendRow(Row{10 + a, a, EventKind::ActorStart, kNoObject, 0, 0});
        store.appendRow(Row{1'000'000 + a, a, EventKind::WorkBegin, kNoObject, 1, 0});
    }
    store.appendRow(Row{100'000'000, 1, EventKind::ThreadCutOff, kNoObject, 0, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(900, 420);
    view.show();
    view.setNow(100'000'000);
    ASSERT_TRUE(waitFor([&] { return view.canvas()->shown() != 0; }));
    EXPECT_TRUE(view.canvas()->shown() & StateLegend::kCutOff);
    StateLegend legend;
    legend.setShown(view.canvas()->shown());
    const auto cutOff = [&] {
        const auto markers = legend.markers();
        return std::any_of(markers.begin(), markers.end(), [](const QString& m) {
            return m.startsWith(QStringLiteral("✕")) && m.contains(QStringLiteral("cut off"));
        });
    };
    EXPECT_TRUE(cutOff()) << legend.markers().join(QStringLiteral(" | ")).toStdString();
    legend.setShown(view.canvas()->shown() & ~StateLegend::kCutOff);
    EXPECT_FALSE(cutOff());
}

// producer-consumer, pipe: an item's number sits in a gap between lanes, never over a lane's
// middle, where the state labels and the ● and ○ of the arrows' ends are. An arrow from the
// first lane to the third had its number right over the second lane's label.
TEST(LanePainter, ItemNumbersStayOffTheLanesMiddles) {
    EventStore store(4);
    setThreads(store, 3);
    for (std::uint32_t a = 0; a < 3; ++a)
        store.appendRow(Row{10 + a, a, EventKind::ActorStart, kNoObject, 0, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    ASSERT_EQ(model.lanes().size(), 3u);
    LanePainter painter(&model);
    const auto layout = layoutFor(model, 900, 300, 1'000'000'000);
    const QSizeF text(14, 13);
    for (const auto& [from, to] : {std::pair{0u, 2u}, std::pair{2u, 0u}, std::pair{0u, 1u}}) {
        const Link link{100'000'000, 300'000'000, from, to, Link::Kind::Item, 7};
        const QRectF box = painter.valueBox(layout, link, text);
        for (std::size_t lane = 0; lane < 3; ++lane) {
            // Where a lane's label and marks are: its middle, a label's height tall.
            const QRectF middle(0, layout.yMid[lane] - 6, 900, 12);
            EXPECT_FALSE(box.intersects(middle))
                << from << "->" << to << ": the number's box at y " << box.top() << ".."
                << box.bottom() << " covers lane " << lane << "'s middle at " << layout.yMid[lane];
        }
    }
}

// pipe: the writer's ● at each send and the reader's ○ at each receive sit on the lane's middle,
// where the state labels are, and at 1280x720 (two tall lanes) they covered the labels' first
// letters. The labels now start right of a mark at their segment's start.
TEST(LanePainter, ItemMarksKeepOffTheStateLabels) {
    EventStore store(4);
    setThreads(store, 2);
    store.setObjects({ObjectInfo{1, ObjectKind::Pipe, "pipe", 0, 4}});
    const std::int64_t ms = 1'000'000;
    for (std::uint32_t a = 0; a < 2; ++a)
        store.appendRow(Row{0, a, EventKind::ActorStart, kNoObject, 0, 0});
    for (std::int64_t k = 0; k < 6; ++k) {
        const std::int64_t t = 1 * ms + k * 20 * ms;
        store.appendRow(Row{t, 0, EventKind::MsgSend, 1, k, 0});
        store.appendRow(Row{t + 1 * ms, 0, EventKind::WorkBegin, kNoObject, 10 * ms, 0});
        store.appendRow(Row{t + 2 * ms, 1, EventKind::MsgReceive, 1, k, 0});
        store.appendRow(Row{t + 3 * ms, 1, EventKind::WorkBegin, kNoObject, 10 * ms, 0});
        store.appendRow(Row{t + 13 * ms, 0, EventKind::MsgSendBlocks, 1, k + 1, 0});
        store.appendRow(Row{t + 14 * ms, 1, EventKind::MsgReceiveBlocks, 1, 0, 0});
    }
    store.publish();
    TimelineModel model;
    model.reset(&store);
    model.append(0, store.size());
    LanePainter painter(&model);
    drawAll(painter, layoutFor(model, 1000, 250, 125 * ms), 125 * ms);
    ASSERT_GE(painter.lastItemMarks().size(), 12u) << "a ● per send, a ○ per receive";
    ASSERT_GE(painter.lastLabelBoxes().size(), 6u) << "the segments are wide enough for labels";
    for (const auto& label : painter.lastLabelBoxes())
        for (const auto& mark : painter.lastItemMarks())
            EXPECT_FALSE(label.intersects(mark))
                << "a mark at x " << mark.left() << ".." << mark.right() << " covers the label at "
                << label.left() << ".." << label.right() << ", y " << label.top();
}

// At 1280x720 the lesson shares a side panel about 300 px wide: its title took four lines of
// xx-large text and left the lesson a strip. Every lesson's title now fits three lines of a
// compact heading (a step larger than the text), and it is the text that takes the room.
TEST(LessonPanel, EveryLessonsTitleIsCompactInANarrowPanel) {
    LessonPanel panel;
    panel.resize(300, 500);
    panel.show();
    const auto lessons = QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.md")});
    ASSERT_GT(lessons.size(), 10);
    const double line = panel.fontMetrics().height();
    for (const auto& file : lessons) {
        panel.showLesson(QFileInfo(file).completeBaseName());
        QTest::qWait(1);
        ASSERT_GT(panel.document()->textWidth(), 200);
        const auto title = panel.document()->begin();
        ASSERT_EQ(title.blockFormat().headingLevel(), 1) << file.toStdString();
        const double height = panel.document()->documentLayout()->blockBoundingRect(title).height();
        EXPECT_LE(height, 3.6 * line) << file.toStdString() << ": the title takes " << height
                                      << " px, a line of text " << line;
    }
}

// The lab's own end (its main thread returned, the supervisor has yet to reap it) is no zombie
// of the lesson: a threads lesson shows no "zombie" sliver or legend entry. A forked child that
// ended and waits for its parent still is one.
TEST(TimelineModel, TheRunsFirstProcessIsNeverAZombieItsChildrenAre) {
    EventStore store(4);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 100, 1, 101, "thread 1", ActorRole::Thread, 0, 0},
                     ActorInfo{2, 200, 100, 200, "child", ActorRole::ProcessMain, 0, 0}});
    store.appendRow(Row{10, 0, EventKind::ActorStart, kNoObject, 0, 0});
    store.appendRow(Row{11, 1, EventKind::ActorStart, kNoObject, 0, 0});
    store.appendRow(Row{12, 2, EventKind::ActorStart, kNoObject, 0, 0});
    store.appendRow(Row{20, 1, EventKind::ActorExit, kNoObject, 0, 0});
    store.appendRow(Row{30, 2, EventKind::ActorExit, kNoObject, 0, 0});
    store.appendRow(Row{40, 0, EventKind::ActorExit, kNoObject, 0, 0});
    store.appendRow(Row{60, 0, EventKind::ProcessExit, kNoObject, 100, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    auto zombie = [&](std::uint32_t actor) {
        const auto& lane = model.lanes()[static_cast<std::size_t>(model.laneOfActor(actor))];
        for (const auto& s : lane.tracker.segmentsUntil(100))
            if (s.state == ActorState::Zombie) return true;
        return false;
    };
    EXPECT_FALSE(zombie(0)) << "the lab between its end and the supervisor's reaping";
    EXPECT_TRUE(zombie(2)) << "a child nobody has reaped yet";
}

// race-condition loses many updates: each is found and marked, numbered, not just the first.
TEST(TimelineView, EveryLostUpdateIsMarkedAndNumbered) {
    EventStore store(4);
    setThreads(store, 2);
    store.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 4}});
    auto add = [&](std::int64_t t, std::uint32_t actor, EventKind kind, std::int64_t a,
                   std::int64_t b) {
        store.appendRow(Row{t, actor, kind, 1, a, b});
    };
    // Three rounds; in each both threads read the same value and both write one more.
    for (std::int64_t round = 0; round < 3; ++round) {
        const std::int64_t t = 1'000'000 * (round + 1);
        add(t, 0, EventKind::SharedRead, round, 0);
        add(t + 10, 1, EventKind::SharedRead, round, 0);
        add(t + 20, 0, EventKind::SharedWrite, round + 1, round);
        add(t + 30, 1, EventKind::SharedWrite, round + 1, round + 1);
    }
    store.publish();
    const auto all = allLostUpdates(store);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(store.ns(all[2].events[3]), 3'000'030);
    TimelineModel model;
    model.reset(&store);
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.setLostUpdates(all, &store);
    const auto& callout = view.canvas()->callout();
    EXPECT_EQ(callout.points.size(), 4u) << "the first, step by step";
    EXPECT_TRUE(callout.label.contains(QStringLiteral("#1 of 3"))) << callout.label.toStdString();
    ASSERT_EQ(callout.later.size(), 2u) << "#2 and #3";
    EXPECT_EQ(callout.later[0], std::make_pair(std::uint32_t{1}, std::int64_t{2'000'030}));
    EXPECT_EQ(callout.later[1], std::make_pair(std::uint32_t{1}, std::int64_t{3'000'030}));
}

// signals: each send carries its signal's name, and sends at the same moment stay apart.
TEST(LanePainter, SignalMarksCarryTheSignalsNameAndSendsTogetherStayApart) {
    EventStore store(4);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 200, 100, 200, "receiver", ActorRole::ProcessMain, 0, 0}});
    store.setObjects({ObjectInfo{1, ObjectKind::Signal, "SIGUSR1", 10, 0},
                      ObjectInfo{2, ObjectKind::Signal, "SIGRTMIN", 34, 0}});
    store.appendRow(Row{1'000'000, 0, EventKind::SignalSend, 1, 200, 1});
    store.appendRow(Row{1'000'100, 0, EventKind::SignalSend, 2, 200, 1});
    store.appendRow(Row{5'000'000, 0, EventKind::SignalSend, 1, 200, 2});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    LanePainter painter(&model);
    drawAll(painter, layoutFor(model, 600, 200, 8'000'000), 8'000'000);
    const auto& marks = painter.lastSignalMarks();
    ASSERT_EQ(marks.size(), 3u);
    EXPECT_EQ(marks[0].name, QStringLiteral("USR1"));
    EXPECT_EQ(marks[1].name, QStringLiteral("RTMIN"));
    EXPECT_GT(QLineF(marks[0].centre, marks[1].centre).length(), 8) << "sent together, drawn apart";
    EXPECT_EQ(marks[2].centre.y(), marks[0].centre.y()) << "alone again: back in the middle";
}

// message-queue and fifo: what their lessons point at happens in the first seconds. Followed
// live, a young run keeps its start in view: the page doubles (5, 10, 20 s) before it turns.
TEST(TimelineView, AYoungLiveRunKeepsItsStartInViewThenPagesOn) {
    EventStore store(4);
    setThreads(store, 1);
    store.appendRow(Row{10, 0, EventKind::ActorStart, kNoObject, 0, 0});
    store.appendRow(Row{1'000'000, 0, EventKind::WorkBegin, kNoObject, 1, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(900, 420);
    view.show();
    view.startLive();
    auto range = [&] { return view.plot()->xAxis->range(); };
    view.setNow(3'000'000'000);
    EXPECT_EQ(range().upper, TimelineView::kLiveWindowMs);
    view.setNow(6'000'000'000);
    EXPECT_EQ(range().lower, 0);
    EXPECT_EQ(range().upper, 2 * TimelineView::kLiveWindowMs);
    view.setNow(11'000'000'000);
    EXPECT_EQ(range().lower, 0);
    EXPECT_EQ(range().upper, TimelineView::kGrowLiveMs);
    view.setNow(21'000'000'000);
    EXPECT_GT(range().lower, 0) << "a long run pages on";
    EXPECT_EQ(range().size(), TimelineView::kGrowLiveMs);
}

// reader-writer: readers' lanes say only "work"; a band along each one's top while it holds the
// read lock shows them holding it together.
TEST(LanePainter, ReadersHoldingTheReadLockTogetherShowOverlappingBands) {
    EventStore store(4);
    setThreads(store, 3);
    store.setObjects({ObjectInfo{1, ObjectKind::RwLock, "table", 0, 0}});
    auto add = [&](std::int64_t t, std::uint32_t actor, EventKind kind) {
        store.appendRow(Row{t, actor, kind, 1, 0, 0});
    };
    add(1'000'000, 0, EventKind::RwReadAcquired);
    add(1'500'000, 1, EventKind::RwReadAcquired);
    add(4'000'000, 0, EventKind::RwReadReleased);
    add(5'000'000, 1, EventKind::RwReadReleased);
    add(6'000'000, 2, EventKind::RwWriteAcquired);  // still held at the end
    store.publish();
    TimelineModel model;
    model.reset(&store);
    EXPECT_TRUE(model.hasHolds());
    const auto& r0 = model.lanes()[static_cast<std::size_t>(model.laneOfActor(0))].holds;
    const auto& r1 = model.lanes()[static_cast<std::size_t>(model.laneOfActor(1))].holds;
    ASSERT_EQ(r0.size(), 1u);
    ASSERT_EQ(r1.size(), 1u);
    EXPECT_LT(r1[0].begin, r0[0].end) << "held together";
    EXPECT_FALSE(r0[0].write);
    const auto& w = model.lanes()[static_cast<std::size_t>(model.laneOfActor(2))].holds;
    ASSERT_EQ(w.size(), 1u);
    EXPECT_TRUE(w[0].write);
    EXPECT_EQ(w[0].end, -1);
    LanePainter painter(&model);
    drawAll(painter, layoutFor(model, 600, 150, 8'000'000), 8'000'000);
    EXPECT_EQ(painter.lastHoldCount(), 3u);
}

// fork-tree folded: a grandchild's lanes sit under its parent's, and a folded process's lane
// summarises its threads in strips of their own instead of showing only its main's "join".
TEST(TimelineView, GrandchildrenSitUnderTheirParentAndAFoldSummarisesItsThreads) {
    EventStore store(8);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 200, 100, 200, "child 1", ActorRole::ProcessMain, 0, 0},
                     ActorInfo{2, 300, 100, 300, "child 2", ActorRole::ProcessMain, 0, 0},
                     ActorInfo{3, 200, 100, 201, "child 1 thread 1", ActorRole::Thread, 1, 0},
                     ActorInfo{4, 400, 200, 400, "child 1.1", ActorRole::ProcessMain, 1, 0}});
    for (std::uint32_t a = 0; a < 5; ++a)
        store.appendRow(Row{10 + a, a, EventKind::ActorStart, kNoObject, 0, 0});
    store.appendRow(Row{1'000'000, 1, EventKind::ProcessWait, kNoObject, 200, 0});
    store.appendRow(Row{1'000'000, 3, EventKind::WorkBegin, kNoObject, 1, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    std::vector<QString> order;
    for (const auto& l : model.lanes())
        order.push_back(l.name);
    const std::vector<QString> tree{QStringLiteral("main"), QStringLiteral("child 1"),
                                    QStringLiteral("child 1 thread 1"), QStringLiteral("child 1.1"),
                                    QStringLiteral("child 2")};
    EXPECT_EQ(order, tree);

    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(900, 420);
    view.show();
    view.setNow(2'000'000);
    view.setProcessCollapsed(200, true);
    ASSERT_TRUE(waitFor([&] {
        return view.canvas()->laneLayout().hostOf(static_cast<std::size_t>(model.laneOfActor(3))) ==
               model.laneOfActor(1);
    }));
    view.redrawAll();
    EXPECT_EQ(view.lanes()->lastFoldedStripCount(), 1u) << "child 1's thread, in its strip";
}
