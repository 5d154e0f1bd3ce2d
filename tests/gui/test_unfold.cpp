// A replay and a video unfold as the run did: a replay that plays (and every frame of a video)
// draws only what had happened by the cursor, lanes, marks, arrows, rings and the process tree;
// "the whole run" stays for stills and scrubbing. A video frame carries the run, not the
// controls; a replay shows its scenario's own views; a short run is suggested slower.

#include <gtest/gtest.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTest>
#include <QTreeView>

#include "short_run.h"
#include "ui/base/palette.h"
#include "ui/export/video_export_dialog.h"
#include "ui/export/video_export_job.h"
#include "ui/export/video_exporter.h"
#include "ui/lesson/code_panel.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_view.h"
#include "ui/views/process_tree_view.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/scenario_picker.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::runToTheEnd;
using interleave::test::shortRace;
using interleave::test::waitFor;

namespace {

// A deadlock saved to `path`: two threads, each blocked on the other's lock from early in the
// run until it is stopped, a second or so later.
void saveDeadlock(const QString& path) {
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    options.assignments = {QStringLiteral("hold_ms=20")};
    MainWindow window(options);
    window.show();
    window.runScenario();
    ASSERT_TRUE(
        waitFor([&] { return window.stateLine().contains(QStringLiteral("deadlock")); }, 20'000))
        << window.stateLine().toStdString();
    // Blocked bars long enough to reach far right of an early cursor: the run's clock past 1 s.
    ASSERT_TRUE(waitFor([&] { return window.session()->nowNs() > 1'000'000'000; }, 20'000));
    window.stopRun();
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 20'000));
    ASSERT_TRUE(waitFor([&] { return window.saveAction()->isEnabled(); }, 5'000));
    ASSERT_EQ(window.session()->saveTrace(path), QString());
}

// Pixels of the lanes' own drawing in columns [from, to) of the canvas as it is on screen: not
// the background, the grid's dotted lines or the axis along the bottom.
int drawnPixels(LaneCanvas* canvas, int from, int to) {
    const QImage image = canvas->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const auto& layout = canvas->laneLayout();
    const QRgb background = Palette::background().rgb();
    int n = 0;
    for (int x = std::max(0, from); x < std::min(to, image.width()); ++x) {
        const bool grid = std::any_of(layout.gridX.begin(), layout.gridX.end(),
                                      [x](double gx) { return std::abs(std::round(gx) - x) <= 1; });
        if (grid) continue;
        for (int y = 0; y < image.height() - layout.tickIn - 2; ++y)
            if (image.pixel(x, y) != background) ++n;
    }
    return n;
}

int cursorX(LaneCanvas* canvas, std::int64_t ns) {
    return static_cast<int>(
        std::lround(canvas->laneLayout().axis.toPixel(static_cast<double>(ns))));
}

// Rows of the tree hidden under `parent`, and under theirs.
int hiddenRows(QTreeView* tree, const QModelIndex& parent = {}) {
    int n = 0;
    for (int row = 0; row < tree->model()->rowCount(parent); ++row)
        n += (tree->isRowHidden(row, parent) ? 1 : 0) +
             hiddenRows(tree, tree->model()->index(row, 0, parent));
    return n;
}

// Until the lanes' picture is drawn cut at `ns` (LaneLook::kWholeRun: not cut): a queued
// replot may still be on its way, and it brings the picture up to date after it.
[[nodiscard]] bool cutAt(LaneCanvas* canvas, std::int64_t ns) {
    return waitFor([&] { return canvas->until() == ns; }, 5'000);
}

}  // namespace

TEST(Unfold, AReplayThatPlaysDrawsNothingRightOfTheCursorTheWholeRunStaysAnOption) {
    const QString path =
        QDir::temp().filePath(QStringLiteral("interleave_unfold_%1.ilt").arg(getpid()));
    saveDeadlock(path);
    if (HasFatalFailure()) return;
    MainWindow window(LaunchOptions{});
    window.resize(1280, 720);
    window.show();
    ASSERT_EQ(window.loadReplay(path), QString());
    auto* canvas = window.timelineView()->canvas();
    auto* player = window.player();
    const auto end = player->endNs();
    ASSERT_GT(end, 500'000'000) << "a run long enough to look at";
    EXPECT_FALSE(window.unfolding()) << "a replay opens showing the whole run";

    // Played: it unfolds, and stays unfolded when paused there.
    player->setSpeed(ReplayPlayer::kMinSpeed);
    player->play();
    EXPECT_TRUE(window.unfolding());
    player->pause();
    EXPECT_TRUE(window.unfolding()) << "paused mid-play, the future stays hidden";
    const auto early = end / 5;
    window.cursor()->setTime(early);
    ASSERT_TRUE(cutAt(canvas, early));
    // Laid out and drawn up to the cursor (nothing right of it is the check below).
    int x = 0;
    EXPECT_TRUE(waitFor([&] {
        x = cursorX(canvas, early);
        return x > 40 && drawnPixels(canvas, 0, x - 2) > 200;
    }));
    ASSERT_GT(x, 40);
    ASSERT_LT(x, canvas->width() - 100);
    EXPECT_EQ(drawnPixels(canvas, x + 8, canvas->width()), 0)
        << "at " << early / 1'000'000 << " ms nothing of the run after it is drawn";
    EXPECT_GT(drawnPixels(canvas, 0, x - 2), 200) << "what happened by then is";

    // The tree lists only the threads that had started: none at the very start.
    auto* tree = window.findChild<ProcessTreeView*>();
    ASSERT_NE(tree, nullptr);
    window.cursor()->setTime(0);
    EXPECT_TRUE(waitFor([&] { return hiddenRows(tree) > 0; }))
        << "threads that start later are not listed at 0";
    window.cursor()->setTime(end);
    EXPECT_TRUE(waitFor([&] { return hiddenRows(tree) == 0; })) << hiddenRows(tree);

    // Scrubbing is looking around: the whole run, right of the cursor too.
    window.timelineView()->cursorPlaced();
    window.cursor()->setTime(early);
    EXPECT_FALSE(window.unfolding());
    EXPECT_TRUE(waitFor([&] { return drawnPixels(canvas, x + 8, canvas->width()) > 200; }))
        << "the blocked bars reach to the end";
    window.cursor()->setTime(0);
    // The tree follows a placed cursor at once (no frame to wait for), and it was whole before.
    QCoreApplication::processEvents();
    EXPECT_EQ(hiddenRows(tree), 0) << "the whole run lists every thread";

    // View > Show the whole run off: any cursor placed unfolds.
    window.wholeRunAction()->setChecked(false);
    window.cursor()->setTime(early);
    EXPECT_TRUE(window.unfolding());
    ASSERT_TRUE(cutAt(canvas, early));
    EXPECT_EQ(drawnPixels(canvas, x + 8, canvas->width()), 0);
    window.wholeRunAction()->setChecked(true);
    EXPECT_TRUE(waitFor([&] { return drawnPixels(canvas, x + 8, canvas->width()) > 200; }));
    QFile::remove(path);
}

TEST(Unfold, TheRaceRingsAppearAsTheirMomentsCome) {
    MainWindow window(shortRace());
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    auto* canvas = window.timelineView()->canvas();
    // The lanes drawn, after the replot that lays them out (the lost update is looked for with
    // the run's end, which runToTheEnd waited for).
    ASSERT_TRUE(waitFor([&] { return window.timelineView()->lanes()->lastMarkCount() > 0; }));
    const auto& points = canvas->callout().points;
    if (points.empty()) GTEST_SKIP() << "no update was lost in this run";
    window.setShowWholeRun(false);
    const auto first = points.front().second;
    window.cursor()->setTime(first - 1);
    ASSERT_TRUE(cutAt(canvas, first - 1));
    // Rings are drawn over the picture: none right of the cursor before the first moment, once
    // the picture cut there is painted (a frame can still be on its way when the cut is set).
    int x = 0, right = -1;
    EXPECT_TRUE(waitFor([&] {
        x = cursorX(canvas, first - 1);
        right = drawnPixels(canvas, x + 8, canvas->width());
        return right == 0;
    })) << right
        << " pixels drawn right of the cursor at x " << x;
    const auto before = canvas->grab().toImage();
    window.cursor()->setTime(points.back().second);
    ASSERT_TRUE(cutAt(canvas, points.back().second));
    EXPECT_NE(canvas->grab().toImage(), before) << "the rings and the lanes up to the last moment";
    window.cursor()->setTime(first - 1);
    ASSERT_TRUE(cutAt(canvas, first - 1));
    EXPECT_TRUE(waitFor([&] { return canvas->grab().toImage() == before; }))
        << "seeking back hides them again";
}

TEST(Unfold, AVideoFrameCarriesTheRunNotTheControls) {
    MainWindow window(shortRace());
    window.resize(VideoExporter::kLayoutWidth, VideoExporter::kLayoutHeight);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    window.layOutForVideo(false);
    EXPECT_FALSE(window.findChild<ScenarioPicker*>()->isVisible()) << "no scenario list";
    EXPECT_FALSE(window.findChild<ParameterPanel*>()->isVisible()) << "no parameters";
    // The lanes across the frame, over the views, once the window is laid out again; beside
    // them only the scenario's program with each thread's line (the Code panel), at most two
    // fifths of the frame.
    const auto codeWidth = [&] {
        QWidget* code = window.codePanel();
        return code && code->isVisible() ? code->width() : 0;
    };
    EXPECT_TRUE(waitFor([&] {
        return window.timelineView()->width() + codeWidth() >= window.width() * 93 / 100 &&
               window.timelineView()->width() >= window.width() * 55 / 100 &&
               window.timelineView()->height() >= window.height() / 2;
    })) << "lanes "
        << window.timelineView()->width() << " and code " << codeWidth() << " across "
        << window.width();
    EXPECT_GT(codeWidth(), 0) << "race-condition has its program, shown in the video";
    EXPECT_LE(codeWidth(), window.width() * 2 / 5);
    EXPECT_TRUE(window.unfolding() || window.cursor()->live())
        << "a fixed cursor unfolds in a video";
    window.cursor()->setTime(1);
    EXPECT_TRUE(window.unfolding());
}

TEST(Unfold, ARaceReplayShowsTheSharedCounter) {
    const QString path =
        QDir::temp().filePath(QStringLiteral("interleave_unfold_race_%1.ilt").arg(getpid()));
    {
        MainWindow window(shortRace());
        window.show();
        ASSERT_TRUE(runToTheEnd(window));
        EXPECT_TRUE(window.sharedVariableBox()->isVisible()) << "the live run shows it";
        ASSERT_EQ(window.session()->saveTrace(path), QString());
    }
    LaunchOptions other;
    other.scenario = QStringLiteral("producer-consumer");
    MainWindow window(other);
    window.show();
    ASSERT_EQ(window.loadReplay(path), QString());
    EXPECT_TRUE(waitFor([&] { return window.sharedVariableBox()->isVisible(); }))
        << "and so does its replay";
    QFile::remove(path);
}

TEST(Unfold, AShortRunIsSuggestedSlowerForItsVideo) {
    constexpr std::int64_t kSecond = 1'000'000'000;
    const auto race = kSecond * 11 / 10;  // 1.1 s
    EXPECT_LT(VideoExporter::suggestedSpeed(race), 1.0);
    EXPECT_GE(static_cast<double>(race) / kSecond / VideoExporter::suggestedSpeed(race),
              VideoExporter::kSuggestedSeconds)
        << "long enough to follow";
    EXPECT_DOUBLE_EQ(VideoExporter::suggestedSpeed(3 * kSecond), 0.25);
    EXPECT_DOUBLE_EQ(VideoExporter::suggestedSpeed(30 * kSecond), 1.0) << "a long run at its pace";
    VideoExportDialog dialog(race);
    EXPECT_LT(dialog.settings().speed, 1.0);
    EXPECT_FALSE(dialog.settings().wholeRun) << "a video unfolds unless asked";
    VideoSettings s;
    s.output = QStringLiteral("v.mp4");
    EXPECT_FALSE(VideoExportJob::arguments(s, QStringLiteral("t.ilt"))
                     .contains(QStringLiteral("--whole-run")));
    s.wholeRun = true;
    EXPECT_TRUE(VideoExportJob::arguments(s, QStringLiteral("t.ilt"))
                    .contains(QStringLiteral("--whole-run")));
}
