// Scheduler mode in the window, as a student uses it: turn on "By hand", run race-condition,
// choose who goes next with the cards and the number keys until an update is lost, save the
// run, replay its schedule and get the same loss. And a prediction, locked in before a run and
// revealed beside what the run showed.

#include <gtest/gtest.h>

#include <QAction>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "core/analysis/lost_update.h"
#include "core/analysis/schedule.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/scheduler.h"
#include "core/trace/trace_native.h"
#include "ui/lesson/prediction_box.h"
#include "ui/lesson/scheduler_panel.h"
#include "ui/session/run_session.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

LaunchOptions raceOptions() {
    LaunchOptions o;
    o.scenario = QStringLiteral("race-condition");
    o.assignments = {QStringLiteral("threads=2"), QStringLiteral("increments=2"),
                     QStringLiteral("think_ms=0"), QStringLiteral("variant=none")};
    return o;
}

// The prediction box's "Set its parameters" button.
QPushButton* settingsButton(PredictionBox* box) {
    for (auto* b : box->findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Set its parameters")) return b;
    return nullptr;
}

// The card of `name`, once every actor stands at a checkpoint or is blocked: -1 if none.
int cardOf(SchedulerPanel* panel, const QString& name) {
    // The first line is "N   name"; the second may name other actors ("join thread 1").
    for (int i = 0; i < panel->cardCount(); ++i)
        if (panel->card(i)
                ->text()
                .section(QLatin1Char('\n'), 0, 0)
                .endsWith(QStringLiteral("   ") + name))
            return i;
    return -1;
}

bool waitForTurn(SchedulerPanel* panel, const QString& name) {
    return waitFor([&] {
        const int i = cardOf(panel, name);
        return i >= 0 && panel->card(i)->isEnabled() &&
               panel->card(i)->text().contains(QStringLiteral("next:"));
    });
}

// Waits until `name`'s card offers a step whose words contain `step`.
bool waitForStep(SchedulerPanel* panel, const QString& name, const QString& step) {
    return waitFor([&] {
        const int i = cardOf(panel, name);
        return i >= 0 && panel->card(i)->isEnabled() &&
               panel->card(i)->text().contains(QStringLiteral("next: ") + step);
    });
}

}  // namespace

TEST(SchedulerMode, AStudentLosesAnUpdateByHandAndTheReplayedScheduleLosesItAgain) {
    MainWindow window(raceOptions());
    window.resize(1280, 720);
    window.show();
    window.manualAction()->setChecked(true);
    window.runScenario();
    auto* panel = window.schedulerPanel();
    ASSERT_TRUE(waitForTurn(panel, QStringLiteral("thread 2")));
    ASSERT_TRUE(waitForTurn(panel, QStringLiteral("thread 1")));
    ASSERT_TRUE(waitForStep(panel, QStringLiteral("thread 1"), QStringLiteral("read counter")))
        << panel->card(cardOf(panel, QStringLiteral("thread 1")))->text().toStdString();
    // Click thread 1's card, press thread 2's number, then write, write. Each step is waited
    // for by what the card says next, which only the step itself changes.
    panel->card(cardOf(panel, QStringLiteral("thread 1")))->click();
    ASSERT_TRUE(
        waitForStep(panel, QStringLiteral("thread 1"), QStringLiteral("write 1 to counter")));
    EXPECT_TRUE(panel->choose(cardOf(panel, QStringLiteral("thread 2")) + 1));
    ASSERT_TRUE(
        waitForStep(panel, QStringLiteral("thread 2"), QStringLiteral("write 1 to counter")));
    EXPECT_TRUE(panel->choose(cardOf(panel, QStringLiteral("thread 1")) + 1));
    ASSERT_TRUE(waitForStep(panel, QStringLiteral("thread 1"), QStringLiteral("read counter")));
    EXPECT_TRUE(panel->choose(cardOf(panel, QStringLiteral("thread 2")) + 1));
    ASSERT_TRUE(waitFor([&] {
        return panel->goalText().contains(QStringLiteral("reached in 4 steps"));
    })) << panel->goalText().toStdString();
    EXPECT_EQ(panel->stepsGranted(), 4u);
    // Run freely to the end: the panel stays, offering the schedule again. Then save, open the
    // saved run, and replay its schedule.
    window.manualAction()->setChecked(false);
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }));
    EXPECT_TRUE(panel->isVisible());
    ASSERT_TRUE(waitFor([&] { return panel->hasSchedule(); }));
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("hand.ilt"));
    ASSERT_EQ(window.session()->saveTrace(path), QString());
    const auto saved = loadNativeTrace(path.toStdString());
    ASSERT_TRUE(saved.store);
    const auto lost = firstLostUpdate(*saved.store);
    ASSERT_TRUE(lost.has_value());
    ASSERT_EQ(window.loadReplay(path), QString());
    ASSERT_TRUE(waitFor([&] {
        panel->refresh();
        return panel->hasSchedule() && window.replayScheduleAction()->isEnabled();
    }));
    window.replayScheduleAction()->trigger();
    ASSERT_TRUE(window.session()->active());
    EXPECT_TRUE(window.session()->manual());
    // The replay gives the four steps, then waits for the student again.
    ASSERT_TRUE(waitFor([&] {
        const auto* r = window.session()->scheduleReplay();
        return r && r->done();
    }));
    EXPECT_EQ(window.session()->scheduleReplay()->given(), 4u);
    ASSERT_TRUE(
        waitFor([&] { return panel->goalText().contains(QStringLiteral("reached in 4 steps")); }));
    window.manualAction()->setChecked(false);
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }));
    const auto again = firstLostUpdate(*window.session()->store());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->value, lost->value);
    EXPECT_EQ(scheduleFromEvents(*window.session()->store()).size(), 4u);
}

TEST(SchedulerMode, NumberKeysChooseCardsAndABlockedThreadCannotBeChosen) {
    LaunchOptions o;
    o.scenario = QStringLiteral("deadlock");
    o.assignments = {QStringLiteral("threads=2"), QStringLiteral("rounds=1")};
    MainWindow window(o);
    window.show();
    window.activateWindow();
    window.manualAction()->setChecked(true);
    window.runScenario();
    auto* panel = window.schedulerPanel();
    ASSERT_TRUE(waitForTurn(panel, QStringLiteral("thread 1")));
    ASSERT_TRUE(waitForTurn(panel, QStringLiteral("thread 2")));
    const int t1 = cardOf(panel, QStringLiteral("thread 1")) + 1;
    const int t2 = cardOf(panel, QStringLiteral("thread 2")) + 1;
    for (const int n : {t1, t2, t1}) {
        ASSERT_TRUE(panel->choose(n));
        // The lab is another process: waiting for it to stand still blocks nothing here.
        ASSERT_TRUE(window.session()->scheduler()->waitQuiescent(std::chrono::seconds(10)));
        panel->refresh();
    }
    // Thread 1 asked for the lock thread 2 holds: blocked, and its card cannot be chosen.
    ASSERT_TRUE(
        waitFor([&] { return panel->card(t1 - 1)->text().contains(QStringLiteral("blocked")); }));
    EXPECT_FALSE(panel->card(t1 - 1)->isEnabled());
    EXPECT_FALSE(panel->choose(t1));
    // Thread 2's number key: its step closes the cycle.
    QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_0 + t2));
    ASSERT_TRUE(waitFor([&] {
        return panel->goalText().contains(QStringLiteral("reached in 4 steps"));
    })) << panel->goalText().toStdString();
    // Presenter mode keeps the cards in view while the run is scheduled by hand.
    window.setPresenterMode(true);
    EXPECT_TRUE(panel->isVisible());
    window.setPresenterMode(false);
    window.stopRun();
    EXPECT_FALSE(window.session()->active());
}

TEST(Predictions, APredictionIsLockedInAndRevealedBesideTheRun) {
    LaunchOptions o;
    o.scenario = QStringLiteral("deadlock");
    MainWindow window(o);
    window.show();
    auto* box = window.predictionBox();
    ASSERT_NE(box->question(), nullptr);
    EXPECT_EQ(box->question()->measure, "deadlock");
    // The question's own settings, then "yes, it deadlocks" (choice 1).
    QPushButton* settings = settingsButton(box);
    ASSERT_NE(settings, nullptr);
    settings->click();
    box->predictChoice(1);
    window.runScenario();
    ASSERT_TRUE(window.session()->active());
    EXPECT_TRUE(box->revealText().contains(QStringLiteral("locked in")));
    ASSERT_TRUE(
        waitFor([&] { return window.stateLine().contains(QStringLiteral("— deadlock:")); }));
    window.stopRun();
    ASSERT_TRUE(
        waitFor([&] { return box->revealText().contains(QStringLiteral("This run showed")); }));
    EXPECT_TRUE(box->revealText().contains(QStringLiteral("You predicted")));
    EXPECT_TRUE(box->revealText().contains(QStringLiteral("as you said")))
        << box->revealText().toStdString();
    EXPECT_TRUE(box->revealText().contains(QStringLiteral("Why:")));
}

// Nothing is revealed for a run nobody predicted, even when the run plainly shows the answer
// (a deadlock). Other parameters, a run by hand or stopped early: see test_prediction.cpp.
TEST(Predictions, NothingIsRevealedForARunNobodyPredicted) {
    LaunchOptions o;
    o.scenario = QStringLiteral("deadlock");
    MainWindow window(o);
    window.show();
    auto* box = window.predictionBox();
    ASSERT_NE(box->question(), nullptr);
    QPushButton* settings = settingsButton(box);
    ASSERT_NE(settings, nullptr);
    settings->click();
    auto deadlockThenStop = [&] {
        window.runScenario();
        EXPECT_TRUE(box->revealText().contains(QStringLiteral("will not reveal")) ||
                    box->revealText().contains(QStringLiteral("locked in")));
        EXPECT_TRUE(
            waitFor([&] { return window.stateLine().contains(QStringLiteral("— deadlock:")); }));
        window.stopRun();
        EXPECT_TRUE(waitFor([&] { return !window.session()->active(); }));
    };
    deadlockThenStop();  // no prediction
    EXPECT_TRUE(waitFor([&] { return box->revealText().contains(QStringLiteral("nobody")); }))
        << box->revealText().toStdString();
    EXPECT_FALSE(box->revealText().contains(QStringLiteral("This run showed")));
    EXPECT_FALSE(box->revealText().contains(QStringLiteral("expects")));
}

// A try-this changed the FIFO (a bigger capacity, other messages): "Set its parameters" must
// still give the run the question is about, every parameter it does not set at its default.
TEST(Predictions, SetItsParametersStartsFromEveryDefault) {
    LaunchOptions o;
    o.scenario = QStringLiteral("fifo");
    MainWindow window(o);
    window.show();
    auto* params = window.findChild<ParameterPanel*>();
    ASSERT_NE(params, nullptr);
    const QStringList tried = {QStringLiteral("capacity_bytes=65536"),
                               QStringLiteral("message_bytes=3000"), QStringLiteral("messages=3"),
                               QStringLiteral("write_ms=7"), QStringLiteral("read_ms=7")};
    ASSERT_TRUE(params->apply(tried));
    auto* box = window.predictionBox();
    ASSERT_NE(box->question(), nullptr);
    std::vector<std::string> own;
    for (const auto& [name, value] : box->question()->set)
        own.push_back(name + "=" + value);
    ASSERT_LT(own.size(), static_cast<std::size_t>(tried.size()))
        << "the question must leave some parameter to its default for this test to mean anything";
    QPushButton* settings = settingsButton(box);
    ASSERT_NE(settings, nullptr);
    settings->click();
    const auto* fifo = findScenario("fifo");
    ASSERT_NE(fifo, nullptr);
    const auto expected = resolveParams(fifo->params, own);
    ASSERT_TRUE(expected.ok()) << expected.error;
    const auto shown = params->assignments();
    for (const auto& [name, value] : expected.values.all())
        EXPECT_TRUE(shown.contains(QString::fromStdString(name + "=" + value)))
            << name << "=" << value << " not in " << shown.join(QStringLiteral(" ")).toStdString();
}

TEST(SchedulerMode, TwentyRestartsWhileAScheduleIsReplayedEachNewRunIsScheduledAfresh) {
    RunSession session;
    const QStringList params = {QStringLiteral("threads=2"), QStringLiteral("increments=50")};
    // A long schedule, so that every restart lands while a replay is still giving it.
    std::vector<ScheduledActor> steps;
    for (int k = 0; k < 100; ++k)
        steps.push_back({k % 2 ? "thread 2" : "thread 1", 0});
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(session.start(QStringLiteral("race-condition"), params, 1.0, ScheduleMode::Manual,
                                i % 2 == 0 ? steps : std::vector<ScheduledActor>{}),
                  QString());
        // The scenario's own pacing: every third run gets a moment, the others are restarted
        // before anything was granted.
        if (i % 3 == 0) QTest::qWait(5);
        ASSERT_TRUE(session.active()) << "restart " << i;
        ASSERT_TRUE(session.manual()) << "restart " << i;
    }
    // The last run (no replay) stands at its first steps, with none granted: nothing of the
    // earlier runs' replays reached it.
    ASSERT_TRUE(session.scheduler()->waitQuiescent(std::chrono::seconds(10)));
    const auto t1 = session.scheduler()->turn(session.scheduler()->findActor("thread 1"));
    EXPECT_EQ(t1.state, TurnState::AtCheckpoint);
    EXPECT_EQ(t1.passed, 0u);
    EXPECT_EQ(session.scheduleReplay(), nullptr);
    session.stop();
    EXPECT_FALSE(session.active());
}
