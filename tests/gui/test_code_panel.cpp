// The code panel (issue 28, section 2): each thread's marker on the line of its current step,
// at the time cursor, on a real run.

#include <gtest/gtest.h>

#include <QDockWidget>
#include <QTest>
#include <set>

#include "core/analysis/lost_update.h"
#include "core/channel/event_store.h"
#include "core/lesson/code_anchors.h"
#include "core/lesson/program_texts.h"
#include "short_run.h"
#include "ui/lesson/code_panel.h"
#include "ui/lesson/scheduler_panel.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/window/main_window.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::runToTheEnd;
using interleave::test::waitFor;

TEST(CodePanelOffscreen, AtTheFirstLostUpdateBothThreadsAreBetweenTheirReadAndWrite) {
    LaunchOptions options;
    options.scenario = QStringLiteral("race-condition");
    options.assignments = {QStringLiteral("increments=10"), QStringLiteral("think_ms=2")};
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* panel = window.codePanel();
    ASSERT_TRUE(panel->hasProgram());
    ASSERT_TRUE(runToTheEnd(window));
    const auto* store = window.session()->store();
    const auto lost = firstLostUpdate(*store);
    ASSERT_TRUE(lost.has_value()) << "two threads, 10 increments, 2 ms between read and write";

    // The lines come from the program's anchors, as the panel finds them.
    const CodeAnchors anchors(programText("race-condition"));
    const auto writeLine = anchors.linesOf("write counter").at(0);
    std::set<int> between = {anchors.linesOf("read counter").at(0), anchors.linesOf("work").at(0),
                             writeLine};
    const auto t = store->ns(lost->events[3]);  // the write over the lost one
    window.cursor()->setTime(t);
    const auto onTheWrite = [&] {
        for (const auto& m : panel->markers())
            if (m.actor == lost->overwrote) return m.line == writeLine;
        return false;
    };
    ASSERT_TRUE(waitFor(onTheWrite));
    int inBetween = 0;
    std::set<std::uint32_t> actors;
    for (const auto& m : panel->markers()) {
        actors.insert(m.actor);
        if (between.count(m.line)) ++inBetween;
    }
    EXPECT_EQ(actors.size(), panel->markers().size()) << "one marker per actor";
    EXPECT_EQ(inBetween, 2) << "the two threads, at their read, pause or write";

    // Back at the start nobody has taken a step yet.
    window.cursor()->setTime(0);
    EXPECT_TRUE(waitFor([&] { return panel->markers().empty(); }));
}

// By hand, a thread stopped before its read stands on the read line; a click there grants it
// that step, as its card would, and its marker moves on to the write.
TEST(CodePanelOffscreen, ByHandAClickOnAThreadsLineGrantsItsStep) {
    LaunchOptions options;
    options.scenario = QStringLiteral("race-condition");
    options.assignments = {QStringLiteral("threads=2"), QStringLiteral("increments=2"),
                           QStringLiteral("think_ms=0"), QStringLiteral("variant=none")};
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    window.manualAction()->setChecked(true);
    window.runScenario();
    auto* panel = window.codePanel();
    const CodeAnchors anchors(programText("race-condition"));
    const int readLine = anchors.linesOf("read counter").at(0);
    const int writeLine = anchors.linesOf("write counter").at(0);
    const auto countOn = [&](int line) {
        int n = 0;
        for (const auto& m : panel->markers())
            n += m.line == line;
        return n;
    };
    ASSERT_TRUE(waitFor([&] { return countOn(readLine) == 2; }));
    EXPECT_EQ(window.schedulerPanel()->stepsGranted(), 0u);

    auto* view = panel->view();
    QTest::mouseClick(view, Qt::LeftButton, {},
                      QPoint(view->width() - 4, view->lineTop(readLine) + view->lineHeight() / 2));
    EXPECT_TRUE(waitFor([&] { return countOn(writeLine) == 1 && countOn(readLine) == 1; }));
    EXPECT_EQ(window.schedulerPanel()->stepsGranted(), 1u);
    window.manualAction()->setChecked(false);
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }));
}

// The panel goes with a scenario that has a program, and stays in a video's layout, where every
// other side panel goes.
TEST(CodePanelOffscreen, ShownForAProgramAndKeptInAVideo) {
    {
        LaunchOptions options;
        options.scenario = QStringLiteral("cpu-vs-io");  // a measurement: no Python program
        MainWindow window(options);
        window.resize(1280, 720);
        window.show();
        EXPECT_FALSE(window.codePanel()->hasProgram());
        EXPECT_FALSE(window.codePanel()->isVisible());
    }
    MainWindow window(test::shortRace());
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(waitFor([&] { return window.codePanel()->isVisible(); }));
    window.layOutForVideo(false);
    EXPECT_TRUE(window.codePanel()->isVisible());
    for (auto* dock : window.findChildren<QDockWidget*>())
        EXPECT_EQ(dock->isVisible(), dock->widget() == window.codePanel())
            << dock->windowTitle().toStdString();
}
