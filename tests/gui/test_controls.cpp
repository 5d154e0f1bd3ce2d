// Controls that do what they say (issue 26, section 3): the scenario list's group titles are not
// scenarios, the speed slider's 1x is 1, presenter mode gives the text size back, and the window
// opens to the screen it is on.

#include <gtest/gtest.h>

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QTest>
#include <QTreeWidget>

#include "ui/base/palette.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/session/run_session.h"
#include "ui/views/caption_model.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/run_models.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/transport_bar.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

QTreeWidgetItem* titled(QTreeWidget* tree, const QString& text) {
    const auto found = tree->findItems(text, Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? nullptr : found.front();
}

}  // namespace

// A click or the arrow keys that reach "Processes" or "Measurements" land on a scenario next to
// it: Run then runs that scenario, never a group title the engine does not know.
TEST(ScenarioPicker, AGroupTitleIsNeverTheScenarioThatRuns) {
    ScenarioPicker picker;
    picker.show();
    auto* tree = picker.findChild<QTreeWidget*>();
    ASSERT_NE(tree, nullptr);
    for (const auto* title : {"Processes", "Measurements"}) {
        auto* header = titled(tree, QString::fromLatin1(title));
        ASSERT_NE(header, nullptr) << title;
        EXPECT_FALSE(header->flags() & Qt::ItemIsSelectable) << title;
        tree->setCurrentItem(header);
        QTest::qWait(10);
        EXPECT_NE(tree->currentItem(), header) << title;
        EXPECT_FALSE(picker.current().isEmpty()) << title;
        EXPECT_NE(picker.current(), QString::fromLatin1(title));
    }
    // Down from the last thread scenario goes on to the first process scenario, and up from it
    // comes back, both past the title between them.
    auto* processes = titled(tree, QStringLiteral("Processes"));
    auto* threads = titled(tree, QStringLiteral("Threads"));
    ASSERT_TRUE(processes && threads && threads->childCount() > 0 && processes->childCount() > 0);
    auto* lastThread = threads->child(threads->childCount() - 1);
    tree->setCurrentItem(lastThread);
    QTest::keyClick(tree, Qt::Key_Down);
    QTest::qWait(10);
    EXPECT_EQ(tree->currentItem(), processes->child(0));
    EXPECT_EQ(picker.current(), processes->child(0)->text(0));
    QTest::keyClick(tree, Qt::Key_Up);
    QTest::qWait(10);
    EXPECT_EQ(tree->currentItem(), lastThread);
    EXPECT_EQ(picker.current(), lastThread->text(0));
}

// The slider's speeds are the ones its label shows: 1x is exactly 1 (a run saved at "1x" used to
// say 1.02329), in the run's range and in a replay's.
TEST(TransportBar, TheSpeedIsTheOneTheLabelShowsAnd1xIsOne) {
    QWidget host;
    TransportBar bar(&host);
    bar.setSpeed(1.0);
    EXPECT_EQ(bar.speed(), 1.0);
    auto* slider = bar.findChild<QSlider*>();
    ASSERT_NE(slider, nullptr);
    for (int v = slider->minimum(); v <= slider->maximum(); ++v) {
        slider->setValue(v);
        const double s = bar.speed();
        EXPECT_EQ(QString::number(s, 'g', 2).toDouble(), s) << v;
    }
    bar.showReplayState(false);  // the replay's range: 0.1x .. 10x
    bar.setSpeed(1.0);
    EXPECT_EQ(bar.speed(), 1.0);
    bar.setSpeed(2.0);
    EXPECT_EQ(bar.speed(), 2.0);
}

// The slider's ends for a run are the range the CLI and the engine take
// (core/channel/speed_range.h).
TEST(TransportBar, ARunsSpeedRangeIsTheEnginesOne) {
    QWidget host;
    TransportBar bar(&host);
    bar.showRunState(false, false);
    bar.setSpeed(1000.0);
    EXPECT_EQ(bar.speed(), kMaxSpeed);
    bar.setSpeed(0.0);
    EXPECT_EQ(bar.speed(), kMinSpeed);
}

// Leaving presenter mode gives every parameter's help its size back (smaller than the field), and
// so does Ctrl+0 at any time.
TEST(MainWindowOffscreen, LeavingPresenterModeGivesTheParameterTextItsSizeBack) {
    QSettings().setValue(QStringLiteral("view/fontScale"), 1.0);
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* panel = window.findChild<ParameterPanel*>();
    ASSERT_NE(panel, nullptr);
    auto sizes = [&] {
        std::vector<double> out;
        for (auto* label : panel->findChildren<QLabel*>())
            out.push_back(label->font().pointSizeF());
        return out;
    };
    const auto before = sizes();
    const double fieldPt = window.font().pointSizeF();
    int hints = 0;
    for (auto* label : panel->findChildren<QLabel*>())
        if (label->property(kFontRatioProperty).isValid()) {
            ++hints;
            EXPECT_LT(label->font().pointSizeF(), fieldPt) << label->text().toStdString();
        }
    EXPECT_GE(hints, 5);
    window.setPresenterMode(true);
    QTest::qWait(10);
    window.setPresenterMode(false);
    QTest::qWait(10);
    EXPECT_EQ(sizes(), before);
    window.setPresenterMode(true);
    window.setPresenterMode(false);
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    EXPECT_EQ(sizes(), before);
}

// A first start (no saved geometry) takes the room of the screen it is on: 1920x1080 no longer
// opens at 1500x920, and a 1280x720 projector still has nothing cut off.
TEST(MainWindowOffscreen, AFirstStartTakesTheScreensRoom) {
    EXPECT_EQ(MainWindow::initialSize(QRect(0, 0, 1920, 1080)), QSize(1904, 1040));
    EXPECT_EQ(MainWindow::initialSize(QRect(0, 0, 1280, 720)), QSize(1264, 680));
    EXPECT_EQ(MainWindow::initialSize(QRect(1920, 0, 2560, 1400)), QSize(2544, 1360));
    QSettings().remove(QStringLiteral("window/geometry"));
    QSettings().remove(QStringLiteral("window/state"));
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    MainWindow window(options);
    ASSERT_NE(window.screen(), nullptr);
    EXPECT_EQ(window.size(), MainWindow::initialSize(window.screen()->availableGeometry()));
}

// Step after a pause: every step is captioned, at the step's own time (4 steps of 6 said nothing:
// a step through work, or up to a lock request, was bookkeeping the captions left out).
TEST(MainWindowOffscreen, EveryStepAfterAPauseIsCaptioned) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(waitFor(
        [&] { return window.session()->store() && window.session()->store()->size() > 20; }));
    window.togglePause();
    QTest::qWait(300);
    auto* captions = window.models()->captions();
    int stepsWithEvents = 0;
    for (int i = 0; i < 6; ++i) {
        const auto* store = window.session()->store();
        const auto before = store->size();
        window.step();
        if (!waitFor([&] { return store->size() > before; }, 3000)) continue;
        QTest::qWait(150);  // the step's last events, and a frame
        ++stepsWithEvents;
        ASSERT_GT(captions->rowCount(), 0);
        const auto newest = captions->index(0).data(CaptionModel::TimeRole).toLongLong();
        // The newest caption is one of this step's events (CPU-time samples are not said).
        EXPECT_GE(newest, store->ns(before))
            << "step " << i << ": " << captions->index(0).data().toString().toStdString();
    }
    EXPECT_GE(stepsWithEvents, 5);
    window.stopRun();
}

// Step after a pause, on one clock: the status line's elapsed time is the clock of the events,
// captions and axis (pauses included and said), and a pause is split by each step, so that
// what the step did is not veiled and the veil starts again after its last event. Before, the
// status line left pauses out (1.5 s against events at 6 s) and one veil covered the steps.
TEST(MainWindowOffscreen, StepsAfterAPauseAreOnTheRunsOneClock) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* session = window.session();
    ASSERT_TRUE(waitFor([&] { return session->store() && session->store()->size() > 20; }));
    window.togglePause();
    QTest::qWait(400);  // a pause long enough to tell the two clocks apart
    const auto* store = session->store();
    std::int64_t stepFirst = -1;
    for (int i = 0; i < 4 && stepFirst < 0; ++i) {
        const auto before = store->size();
        window.step();
        if (!waitFor([&] { return store->size() > before; }, 3000)) continue;
        QTest::qWait(150);  // the step's last events
        stepFirst = store->ns(before);
    }
    ASSERT_GE(stepFirst, 0) << "no step did anything";
    std::int64_t last = 0;
    for (std::size_t i = 0; i < store->size(); ++i)
        last = std::max(last, store->ns(i));
    ASSERT_TRUE(session->paused());
    EXPECT_GE(session->nowNs(), last) << "now is at the step's last event";
    EXPECT_NEAR(session->elapsedSeconds() * 1e9, static_cast<double>(session->nowNs()), 1e6)
        << "the status line's time is the events' time";
    const auto& pauses = session->pauses();
    ASSERT_GE(pauses.size(), 2u) << "a step splits the pause";
    EXPECT_LE(pauses.front().endNs, stepFirst) << "the first veil ends where the step begins";
    EXPECT_LT(pauses.back().endNs, 0) << "still paused";
    EXPECT_GE(pauses.back().beginNs, last) << "the veil starts again after what the step did";
    EXPECT_EQ(session->heldSinceNs(), pauses.front().beginNs)
        << "held since the pause: lanes not stepped end there";
    EXPECT_GE(session->pausedSeconds(), 0.3);
    window.togglePause();
    ASSERT_TRUE(waitFor([&] {
        for (auto* label : window.findChildren<QLabel*>())
            if (label->text().startsWith(QStringLiteral("elapsed")) &&
                label->text().contains(QStringLiteral("of it paused")))
                return true;
        return false;
    }));
    window.stopRun();
}

// At 1280x720 the lesson got 70-200 px of its dock under the question to predict: it now has
// the larger part of the dock, the question scrolling in the rest.
TEST(MainWindowOffscreen, TheLessonTextTakesMostOfItsDockAt1280x720) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* lesson = window.findChild<LessonPanel*>();
    ASSERT_NE(lesson, nullptr);
    auto* dock = qobject_cast<QDockWidget*>(lesson->parentWidget()->parentWidget());
    ASSERT_NE(dock, nullptr);
    dock->show();
    dock->raise();
    ASSERT_TRUE(waitFor([&] { return lesson->isVisible() && lesson->height() > 0; }));
    QTest::qWait(50);
    EXPECT_GE(lesson->height(), dock->height() / 2)
        << "lesson " << lesson->height() << " px of a " << dock->height() << " px dock";
}
