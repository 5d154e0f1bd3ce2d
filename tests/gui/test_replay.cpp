// A finished run kept and used again, offscreen: saved with its description and opened as a
// replay, played and stepped on the time cursor, exported as a picture, with notes pinned to it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <map>
#include <set>
#include <vector>

#include "core/scenarios/scenario.h"
#include "core/trace/trace_native.h"
#include "short_run.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_view.h"
#include "ui/views/caption_model.h"
#include "ui/views/memory_model.h"
#include "ui/views/process_tree_model.h"
#include "ui/views/shared_variable_model.h"
#include "ui/views/signal_model.h"
#include "ui/views/wait_for_model.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/run_models.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/transport_bar.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::runToTheEnd;
using interleave::test::shortRace;
using interleave::test::waitFor;

TEST(MainWindowOffscreen, AReplayShowsItsOwnScenarioParametersAndDuration) {
    const QString path =
        QDir::temp().filePath(QStringLiteral("interleave_replay_%1.ilt").arg(getpid()));
    double recordedSeconds = 0;
    {
        LaunchOptions options;
        options.scenario = QStringLiteral("race-condition");
        options.assignments = {QStringLiteral("threads=3"), QStringLiteral("increments=5"),
                               QStringLiteral("think_ms=1")};
        MainWindow window(options);
        window.show();
        EXPECT_FALSE(window.saveAction()->isEnabled()) << "nothing to save before a run";
        window.runScenario();
        ASSERT_TRUE(window.session()->active());
        EXPECT_FALSE(window.saveAction()->isEnabled()) << "a running run cannot be saved";
        ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 20'000));
        EXPECT_GE(window.session()->elapsedSeconds(), 0.0) << "also before the end is taken in";
        EXPECT_TRUE(waitFor([&] { return window.saveAction()->isEnabled(); }, 5'000));
        ASSERT_EQ(window.session()->saveTrace(path), QString());
        recordedSeconds = window.session()->elapsedSeconds();
    }
    {
        // Checked before the window opens it: a refused file would stop here in a message box.
        const auto probe = loadNativeTrace(path.toStdString());
        ASSERT_TRUE(probe.store) << probe.error;
    }
    LaunchOptions other;
    other.scenario = QStringLiteral("deadlock");
    MainWindow window(other);
    window.show();
    window.openTraceFile(path);
    ASSERT_TRUE(window.session()->isReplay());
    const auto& about = window.session()->description();
    EXPECT_EQ(about.scenario, "race-condition");
    EXPECT_EQ(window.findChild<ScenarioPicker*>()->current(), QStringLiteral("race-condition"));
    auto* params = window.findChild<ParameterPanel*>();
    EXPECT_TRUE(params->isReadOnly());
    EXPECT_TRUE(params->assignments().contains(QStringLiteral("threads=3")));
    EXPECT_TRUE(params->assignments().contains(QStringLiteral("increments=5")));
    auto* threads = params->findChild<QSpinBox*>(QStringLiteral("threads"));
    ASSERT_NE(threads, nullptr);
    EXPECT_TRUE(threads->isReadOnly());
    EXPECT_NEAR(window.session()->elapsedSeconds(), recordedSeconds, 0.001)
        << "the replay says how long the run took, not 0";
    EXPECT_TRUE(window.stateLine().contains(QStringLiteral("race-condition")))
        << window.stateLine().toStdString();
    EXPECT_TRUE(window.saveAction()->isEnabled()) << "a replay can be saved again";
    // Running it again makes the values the new run's, to change.
    window.runScenario();
    EXPECT_FALSE(params->isReadOnly());
    window.session()->stop();
    QFile::remove(path);
}

TEST(MainWindowOffscreen, TheTimelineExportsAsAPngAnSvgOrAPdfPageOrSaysWhyNot) {
    MainWindow window(shortRace());
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    const QString base =
        QDir::temp().filePath(QStringLiteral("interleave_export_%1").arg(getpid()));
    auto* view = window.timelineView();
    // The lanes drawn (after the replot that lays them out), so the picture has them.
    ASSERT_TRUE(waitFor([&] { return view->lanes()->lastMarkCount() > 0; }));

    ASSERT_EQ(view->savePicture(base + QStringLiteral(".png")), QString());
    const QImage png(base + QStringLiteral(".png"));
    ASSERT_FALSE(png.isNull());
    EXPECT_EQ(png.size(), view->size() * view->devicePixelRatio());
    // Not blank: the lanes' colours are in it, not only the background.
    std::set<QRgb> colours;
    for (int y = 0; y < png.height(); y += 4)
        for (int x = 0; x < png.width(); x += 4)
            colours.insert(png.pixel(x, y));
    EXPECT_GT(colours.size(), 5u);

    ASSERT_EQ(view->savePicture(base + QStringLiteral(".pdf")), QString());
    QFile pdf(base + QStringLiteral(".pdf"));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF-"));
    EXPECT_GT(pdf.size(), 1000);

    ASSERT_EQ(view->savePicture(base + QStringLiteral(".svg")), QString());
    QFile svg(base + QStringLiteral(".svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    const auto drawing = svg.readAll();
    EXPECT_TRUE(drawing.contains("<svg")) << "an SVG drawing";
    EXPECT_TRUE(drawing.contains("<text") || drawing.contains("<path")) << "with shapes in it";

    EXPECT_FALSE(view->savePicture(base + QStringLiteral(".gif")).isEmpty()) << "unknown format";
    const QString dir = base + QStringLiteral("_dir.png");
    ASSERT_TRUE(QDir().mkdir(dir));
    EXPECT_FALSE(view->savePicture(dir).isEmpty()) << "a directory is not a file";
    QDir().rmdir(dir);
    const auto leftovers =
        QDir::temp().entryList({QStringLiteral("interleave_export_%1*").arg(getpid())});
    EXPECT_EQ(leftovers.size(), 3) << leftovers.join(QLatin1Char(' ')).toStdString();
    QFile::remove(base + QStringLiteral(".png"));
    QFile::remove(base + QStringLiteral(".svg"));
    QFile::remove(base + QStringLiteral(".pdf"));
}

TEST(ReplayPlayer, StepsFromEventToEventOfAnyActorOrOneAndPlaysToTheEnd) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 10, 1, 11, "worker", ActorRole::Thread, 0, 0}});
    for (const std::int64_t t : {10, 20, 30})
        store.appendRow(Row{t * 1'000'000, 0, EventKind::Note, kNoObject, 0, 0});
    for (const std::int64_t t : {15, 25})
        store.appendRow(Row{t * 1'000'000, 1, EventKind::Note, kNoObject, 0, 0});
    store.publish();
    TimeCursor cursor;
    ReplayPlayer player(&cursor);
    player.setStore(&store);
    EXPECT_EQ(player.endNs(), 30'000'000);
    cursor.setTime(0);
    std::vector<std::int64_t> forward;
    while (player.stepEvent(+1))
        forward.push_back(cursor.time() / 1'000'000);
    EXPECT_EQ(forward, (std::vector<std::int64_t>{10, 15, 20, 25, 30}));
    std::vector<std::int64_t> back;
    while (player.stepEvent(-1))
        back.push_back(cursor.time() / 1'000'000);
    EXPECT_EQ(back, (std::vector<std::int64_t>{25, 20, 15, 10}));
    EXPECT_EQ(cursor.time(), 10'000'000) << "nothing before the first event: it stays";
    std::vector<std::int64_t> worker;
    while (player.stepEvent(+1, 1u))
        worker.push_back(cursor.time() / 1'000'000);
    EXPECT_EQ(worker, (std::vector<std::int64_t>{15, 25})) << "one actor's events only";

    // Played at 10x from the start, the 30 ms run ends at its last event, and stops there.
    player.setSpeed(100);
    EXPECT_EQ(player.speed(), ReplayPlayer::kMaxSpeed);
    cursor.setTime(30'000'000);
    QSignalSpy stopped(&player, &ReplayPlayer::playingChanged);
    player.play();  // at the end: from the start again
    EXPECT_TRUE(player.playing());
    EXPECT_LT(cursor.time(), 30'000'000);
    ASSERT_TRUE(waitFor([&] { return !player.playing(); }, 5'000));
    EXPECT_EQ(cursor.time(), 30'000'000);
    EXPECT_EQ(stopped.count(), 2) << "started, then stopped at the end";
}

TEST(ReplayPlayer, StepsThroughOneKindOfEventOfAnyActorOrOne) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 10, 1, 11, "worker", ActorRole::Thread, 0, 0}});
    const auto at = [&](std::int64_t ms, std::uint32_t actor, EventKind k) {
        store.appendRow(Row{ms * 1'000'000, actor, k, kNoObject, 0, 0});
    };
    at(10, 0, EventKind::Note);
    at(12, 1, EventKind::LockAcquired);
    at(14, 1, EventKind::Note);
    at(16, 0, EventKind::LockAcquired);
    at(18, 1, EventKind::LockAcquired);
    at(20, 0, EventKind::Note);
    store.publish();
    TimeCursor cursor;
    ReplayPlayer player(&cursor);
    player.setStore(&store);
    const auto walk = [&](int direction, std::optional<std::uint32_t> actor) {
        std::vector<std::int64_t> at;
        while (player.stepEvent(direction, actor, EventKind::LockAcquired))
            at.push_back(cursor.time() / 1'000'000);
        return at;
    };
    cursor.setTime(0);
    EXPECT_EQ(walk(+1, std::nullopt), (std::vector<std::int64_t>{12, 16, 18}));
    cursor.setTime(30'000'000);
    EXPECT_EQ(walk(-1, std::nullopt), (std::vector<std::int64_t>{18, 16, 12}));
    cursor.setTime(0);
    EXPECT_EQ(walk(+1, 1u), (std::vector<std::int64_t>{12, 18}));
    cursor.setTime(30'000'000);
    EXPECT_EQ(walk(-1, 0u), (std::vector<std::int64_t>{16}));
    EXPECT_FALSE(player.stepEvent(+1, 0u, EventKind::LockReleased)) << "no such event: it stays";
    EXPECT_EQ(cursor.time(), 16'000'000);
}

TEST(MainWindowOffscreen, AFinishedRunStepsThroughTheChosenThreadsChosenKindOfEvent) {
    MainWindow window(shortRace());
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    auto* bar = window.findChild<TransportBar*>();
    ASSERT_NE(bar, nullptr);
    auto* actors = bar->stepActorBox();
    auto* kinds = bar->stepKindBox();
    EXPECT_TRUE(waitFor([&] { return actors->isVisibleTo(bar); }, 2'000)) << "shown with the run";
    const auto* store = window.session()->store();
    ASSERT_EQ(actors->count(), static_cast<int>(store->actors().size()) + 1) << "every + each";
    ASSERT_GT(kinds->count(), 2);
    // The second thread's most frequent kind of event: stepping visits exactly those.
    actors->setCurrentIndex(actors->count() - 1);
    const auto actor = *bar->stepActor();
    std::map<int, std::set<std::int64_t>> timesOfKind;
    for (std::size_t i = 0; i < store->size(); ++i)
        if (store->actorOf(i) == actor)
            timesOfKind[static_cast<int>(store->kind(i))].insert(store->ns(i));
    const auto most = std::max_element(
        timesOfKind.begin(), timesOfKind.end(),
        [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
    kinds->setCurrentIndex(kinds->findData(most->first));
    ASSERT_EQ(bar->stepKind(), static_cast<EventKind>(most->first));
    window.cursor()->setTime(0);
    std::set<std::int64_t> visited;
    for (std::size_t n = 0; n <= most->second.size(); ++n) {
        window.step();
        visited.insert(window.cursor()->time());
    }
    EXPECT_EQ(visited, most->second);
}

namespace {
// Every cell a model shows, rows and children included.
void dumpModel(const QAbstractItemModel& model, const QModelIndex& parent, QStringList& out) {
    for (int r = 0; r < model.rowCount(parent); ++r) {
        for (int c = 0; c < model.columnCount(parent); ++c)
            out << model.index(r, c, parent).data(Qt::DisplayRole).toString();
        dumpModel(model, model.index(r, 0, parent), out);
    }
}
// What the window's views say at the cursor, in words.
QStringList viewState(MainWindow& window) {
    QStringList out{QString::number(window.cursor()->time())};
    dumpModel(*window.models()->captions(), {}, out);
    dumpModel(*window.models()->processTree(), {}, out);
    dumpModel(*window.models()->memory(), {}, out);
    dumpModel(*window.models()->posixSignals(), {}, out);
    out << window.models()->waitFor()->sentence();
    for (const auto& v : window.models()->sharedVariables()->stateAt(window.cursor()->time()))
        out << QString::number(v.value);
    return out;
}
}  // namespace

TEST(MainWindowOffscreen, SeekingShowsWhatPlayingUpToThatMomentShows) {
    LaunchOptions options;
    // Locks taken and waited for, captions, the wait-for graph: enough views that change.
    options.scenario = QStringLiteral("deadlock");
    options.assignments = {QStringLiteral("threads=3"), QStringLiteral("hold_ms=2"),
                           QStringLiteral("rounds=5"), QStringLiteral("fix=try-lock")};
    MainWindow window(options);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    auto* player = window.player();
    const auto end = player->endNs();
    // Played slowly from the start until past the middle.
    window.cursor()->setTime(0);
    player->setSpeed(ReplayPlayer::kMinSpeed);
    player->play();
    ASSERT_TRUE(waitFor([&] { return window.cursor()->time() > end / 2; }, 20'000));
    player->pause();
    const auto played = viewState(window);
    ASSERT_GT(played.size(), 10) << "captions, processes and waits to compare";
    const auto at = window.cursor()->time();
    // Seeking there from elsewhere, back and forth, shows the same in every view.
    window.cursor()->setTime(end);
    window.cursor()->setTime(0);
    window.cursor()->setTime(at);
    EXPECT_EQ(viewState(window), played);
    window.cursor()->setTime(end);
    window.cursor()->setTime(at);
    EXPECT_EQ(viewState(window), played);
}

TEST(MainWindowOffscreen, AFinishedRunPlaysAgainAndStepsWithTheTransportKeys) {
    MainWindow window(shortRace());
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    auto* player = window.player();
    window.cursor()->setTime(0);
    window.step();  // Right: the run's first event
    const auto first = window.cursor()->time();
    EXPECT_GT(first, 0);
    window.step();
    EXPECT_GT(window.cursor()->time(), first);
    window.togglePause();  // Space: play
    EXPECT_TRUE(player->playing());
    EXPECT_TRUE(window.stateLine().contains(QStringLiteral("playing")))
        << window.stateLine().toStdString();
    window.togglePause();
    EXPECT_FALSE(player->playing());
    // The scrub slider goes anywhere in the run, and playing goes up to 10x.
    auto* bar = window.findChild<TransportBar*>();
    ASSERT_NE(bar, nullptr);
    EXPECT_TRUE(bar->scrubShown());
    bar->scrubSlider()->setValue(bar->scrubSlider()->maximum() / 2);
    EXPECT_NEAR(static_cast<double>(window.cursor()->time()),
                static_cast<double>(player->endNs()) / 2,
                static_cast<double>(player->endNs()) / 1000);
    bar->setSpeed(10);
    EXPECT_NEAR(bar->speed(), 10, 0.01);
    // A new run takes the player's store away: nothing plays under a live run.
    window.togglePause();
    window.runScenario();
    EXPECT_FALSE(player->playing());
    EXPECT_FALSE(bar->scrubShown()) << "a live run has no end to scrub to";
    EXPECT_LE(bar->speed(), 4.0) << "a run's speed stays within what the lab takes";
    window.session()->stop();
}

TEST(MainWindowOffscreen, ANotePinnedToALaneIsSavedWithTheRunAndShownInTheReplayAndItsPicture) {
    const QString base = QDir::temp().filePath(QStringLiteral("interleave_note_%1").arg(getpid()));
    std::uint32_t actor = 0;
    std::int64_t at = 0;
    {
        MainWindow window(shortRace());
        window.resize(1280, 720);
        window.show();
        ASSERT_TRUE(runToTheEnd(window));
        const auto actors = window.session()->store()->actors();
        actor = actors.back().id;
        at = window.session()->nowNs() / 2;
        window.pinNote(actor, at, QStringLiteral("both read 0 here"));
        ASSERT_EQ(window.timelineView()->canvas()->notes().size(), 1u);
        ASSERT_EQ(window.session()->saveTrace(base + QStringLiteral(".ilt")), QString());
    }
    const auto probe = loadNativeTrace((base + QStringLiteral(".ilt")).toStdString());
    ASSERT_TRUE(probe.store) << probe.error;
    ASSERT_EQ(probe.description.annotations.size(), 1u);
    EXPECT_EQ(probe.description.annotations[0], (Annotation{at, actor, "both read 0 here"}));

    LaunchOptions other;
    MainWindow window(other);
    window.resize(1280, 720);
    window.show();
    // The picture without the note, then with it: the note is drawn into it.
    window.openTraceFile(base + QStringLiteral(".ilt"));
    const auto& notes = window.timelineView()->canvas()->notes();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].text, QStringLiteral("both read 0 here"));
    // The lanes drawn (after the replot that lays them out): the note has its place on them.
    ASSERT_TRUE(waitFor([&] { return window.timelineView()->lanes()->lastMarkCount() > 0; }));
    ASSERT_EQ(window.timelineView()->savePicture(base + QStringLiteral("-with.png")), QString());
    window.timelineView()->canvas()->setNotes({});
    ASSERT_EQ(window.timelineView()->savePicture(base + QStringLiteral("-without.png")), QString());
    EXPECT_NE(QImage(base + QStringLiteral("-with.png")),
              QImage(base + QStringLiteral("-without.png")));
    // A new run starts without the old run's notes.
    window.runScenario();
    EXPECT_TRUE(window.timelineView()->canvas()->notes().empty());
    window.session()->stop();
    for (const auto* suffix : {".ilt", "-with.png", "-without.png"})
        QFile::remove(base + QLatin1String(suffix));
}
