// A lesson's "Try this" Check in the window (as OSTEP's -c): nothing is shown before it is
// asked for; asked, it sets the item's parameters over every default, runs, and shows what the
// run measured under the item; asked again, the finished run answers at once; a run stopped
// before its end answers nothing.

#include <gtest/gtest.h>

#include <QTest>

#include "ui/lesson/lesson_panel.h"
#include "ui/session/run_session.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

TEST(TryThisCheck, ShowsTheMeasuredAnswerOnlyWhenAskedAndOnlyFromARunThatAnswersIt) {
    LaunchOptions o;
    o.scenario = QStringLiteral("race-condition");
    MainWindow window(o);
    window.show();
    auto* lesson = window.findChild<LessonPanel*>();
    auto* params = window.findChild<ParameterPanel*>();
    ASSERT_NE(lesson, nullptr);
    ASSERT_NE(params, nullptr);
    ASSERT_NE(lesson->quiz().tryItem(3), nullptr);
    // Each checkable item has its link, and no answer shows before it is asked for.
    EXPECT_EQ(lesson->toMarkdown().count(QStringLiteral("interleave-check:")), 3)
        << lesson->toMarkdown().toStdString();
    EXPECT_FALSE(lesson->toPlainText().contains(QStringLiteral("survived")));
    EXPECT_TRUE(lesson->checkText(3).isEmpty());

    // A value left from before must not decide the check's run.
    ASSERT_TRUE(params->apply({QStringLiteral("think_ms=7"), QStringLiteral("threads=4")}));
    lesson->clickCheck(3);  // threads = 8, every other parameter at its default
    ASSERT_TRUE(window.session()->active());
    EXPECT_TRUE(params->assignments().contains(QStringLiteral("threads=8")));
    EXPECT_TRUE(params->assignments().contains(QStringLiteral("think_ms=100")));
    EXPECT_TRUE(lesson->checkText(3).contains(QStringLiteral("Running with threads=8")));
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }));
    ASSERT_TRUE(waitFor([&] { return lesson->checkText(3).contains(QStringLiteral("of 80: ")); }))
        << lesson->checkText(3).toStdString();
    EXPECT_TRUE(lesson->toPlainText().contains(QStringLiteral("Checked:")));
    EXPECT_TRUE(lesson->checkText(1).isEmpty());  // only the item asked for

    // Asked again: the finished run has the item's parameters and answers without a new run.
    const auto answer = lesson->checkText(3);
    lesson->showCheck(3, {});
    lesson->clickCheck(3);
    EXPECT_FALSE(window.session()->active());
    EXPECT_EQ(lesson->checkText(3), answer);

    // A run stopped before its end cannot answer: it says so, with no number.
    lesson->clickCheck(2);  // variant = mutex: about 2 s
    ASSERT_TRUE(window.session()->active());
    QTest::qWait(200);
    window.stopRun();
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }));
    ASSERT_TRUE(waitFor([&] { return lesson->checkText(2).contains(QStringLiteral("cannot")); }))
        << lesson->checkText(2).toStdString();
    EXPECT_FALSE(lesson->checkText(2).contains(QStringLiteral("final value")));
    EXPECT_TRUE(lesson->toPlainText().contains(QStringLiteral("This run cannot answer it")));
}

// An item with no single answer says so where another has its Check.
TEST(TryThisCheck, AnItemWithNoSingleAnswerSaysSo) {
    LaunchOptions o;
    o.scenario = QStringLiteral("pipe");
    MainWindow window(o);
    window.show();
    auto* lesson = window.findChild<LessonPanel*>();
    ASSERT_NE(lesson, nullptr);
    EXPECT_TRUE(
        lesson->toPlainText().contains(QStringLiteral("No single answer: it asks which "
                                                      "pipe fills first")))
        << lesson->toPlainText().toStdString();
    EXPECT_EQ(lesson->toMarkdown().count(QStringLiteral("interleave-check:")), 4);
}
