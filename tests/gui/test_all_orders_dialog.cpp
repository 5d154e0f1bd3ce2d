// Run > Every order: the dialog runs every order of a small race on the real threads, draws a
// bar per final value, and a click on a bar replays one of its orders in the window.

#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QSignalSpy>
#include <QTest>

#include "core/analysis/schedule.h"
#include "core/supervise/scheduler.h"
#include "ui/lesson/all_orders_dialog.h"
#include "ui/session/run_session.h"
#include "ui/window/main_window.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using namespace interleave::test;

TEST(AllOrdersDialog, BarsCountTheOrdersOfEachFinalValueAndAClickReplaysOne) {
    LaunchOptions o;
    o.scenario = QStringLiteral("race-condition");
    o.assignments = {QStringLiteral("threads=2"), QStringLiteral("increments=1"),
                     QStringLiteral("think_ms=0"), QStringLiteral("variant=none")};
    MainWindow window(o);
    window.resize(1280, 720);
    window.show();
    auto* dialog = window.showAllOrders();
    ASSERT_NE(dialog, nullptr);
    QSignalSpy done(dialog, &AllOrdersDialog::finished);
    dialog->start();
    ASSERT_TRUE(waitFor([&] { return done.size() == 1; }, 60'000)) << "six orders of four steps";
    // Two threads, a read and a write each: C(4,2) = 6 orders; the count is 2 only when each
    // read-write pair runs whole (2 orders), else 1 (4 orders).
    EXPECT_TRUE(dialog->result().complete) << dialog->statusText().toStdString();
    EXPECT_EQ(dialog->result().atMost, 6);
    EXPECT_EQ(dialog->result().outcomes,
              (std::map<std::string, std::size_t>{{"final value 1", 4}, {"final value 2", 2}}));
    ASSERT_EQ(dialog->chart()->plottableCount(), 1);
    auto* bars = qobject_cast<QCPBars*>(dialog->chart()->plottable(0));
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->dataCount(), 2);
    EXPECT_EQ(bars->data()->at(0)->value, 4);
    EXPECT_EQ(bars->data()->at(1)->value, 2);
    EXPECT_TRUE(dialog->statusText().startsWith(QStringLiteral("Every order: 6")))
        << dialog->statusText().toStdString();
    // A click on the "final value 1" bar replays one of its orders in the window, step by step.
    QSignalSpy replay(dialog, &AllOrdersDialog::replayOrder);
    const QPoint bar(static_cast<int>(dialog->chart()->xAxis->coordToPixel(1)),
                     static_cast<int>(dialog->chart()->yAxis->coordToPixel(2)));
    QTest::mouseClick(dialog->chart(), Qt::LeftButton, {}, bar);
    ASSERT_EQ(replay.size(), 1);
    const auto steps = replay[0][0].value<std::vector<ScheduledActor>>();
    EXPECT_EQ(steps, dialog->orderOfBar(0));
    EXPECT_TRUE(window.manualAction()->isChecked());
    EXPECT_TRUE(waitFor([&] { return window.session()->active(); }));
    window.stopRun();
}
