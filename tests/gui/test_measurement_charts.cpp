// The measurement scenarios' charts. cpu-vs-io's speedup chart: its model's arithmetic at the
// cursor, a real short run in the window drawing every executor's series, real CPython's points
// beside them, and the exports. creation-cost's and context-switch's box plots: a box and a
// written median per series, following the cursor, and the exports.

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>

#include "core/scenarios/scenario.h"
#include "ui/base/palette.h"
#include "ui/base/picture_writer.h"
#include "ui/charts/distribution_model.h"
#include "ui/charts/distribution_view.h"
#include "ui/charts/speedup_model.h"
#include "ui/charts/speedup_view.h"
#include "ui/lesson/prediction_box.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/window/main_window.h"
#include "ui/window/run_models.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

// Graph names on the chart (the legend's entries).
std::set<QString> seriesOn(const QCustomPlot& plot) {
    std::set<QString> out;
    for (int i = 0; i < plot.graphCount(); ++i)
        out.insert(plot.graph(i)->name());
    return out;
}

// Processes running the bundled script (its temporary copy is named interleave-XXXXXX.py).
int pythonScriptsRunning() {
    int n = 0;
    for (const auto& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly)) continue;
        const auto args = cmdline.readAll();
        if (args.contains("/interleave-") && args.contains(".py")) ++n;
    }
    return n;
}

LaunchOptions shortCpuVsIo() {
    LaunchOptions o;
    o.scenario = QStringLiteral("cpu-vs-io");
    o.assignments = {QStringLiteral("workload=io"), QStringLiteral("max_workers=2"),
                     QStringLiteral("task_ms=5"), QStringLiteral("repetitions=2")};
    return o;
}

}  // namespace

TEST(SpeedupModel, ShowsWhatWasMeasuredUpToTheCursorAndPlansTheRest) {
    EventStore store(1);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    const auto add = [&](std::int64_t ns, Executor e, int n, int rep, double ms) {
        store.appendRow(Row{ns, 0, EventKind::MeasureResult, kNoObject,
                            static_cast<std::int64_t>(ms * 1e6),
                            packMeasure(static_cast<std::int64_t>(e), n, rep)});
    };
    add(10, Executor::Sequential, 1, 0, 50);
    add(20, Executor::Sequential, 1, 1, 40);
    add(30, Executor::Threads, 1, 1, 20);
    add(40, Executor::Threads, 1, 2, 40);
    store.publish();
    SpeedupModel model;
    QSignalSpy changed(&model, &SpeedupModel::changed);
    model.reset(&store);
    model.append(0, store.size());
    model.setParameters({{"workload", "cpu"}, {"max_workers", "4"}, {"repetitions", "3"}});
    EXPECT_EQ(model.plannedCount(), 4 * 3 * 4) << "4 executors, N = 1, 2, 4, 1 warm-up + 3";
    EXPECT_EQ(model.workerCounts(), std::vector<int>{1});
    model.setCursorTime(35);
    EXPECT_EQ(model.countAtCursor(), 3);
    auto points = model.pointsAtCursor();
    ASSERT_EQ(points.size(), 2u);
    EXPECT_DOUBLE_EQ(points[1].speedup, 2) << "40 ms sequential, 20 ms with threads";
    model.setCursorTime(100);
    points = model.pointsAtCursor();
    EXPECT_DOUBLE_EQ(points[1].medianMs, 30);
    EXPECT_GE(changed.count(), 3);
}

TEST(SpeedupView, AShortRunDrawsEveryExecutorAndExportsThePictureAndTheNumbers) {
    MainWindow window(shortCpuVsIo());
    window.resize(1280, 720);
    window.show();
    window.runScenario();
    EXPECT_TRUE(window.speedupView()->stopButton()->isVisibleTo(&window))
        << "a Stop beside the progress from the start";
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 60'000));
    ASSERT_TRUE(
        waitFor([&] { return window.models()->speedup()->countAtCursor() == 4 * 2 * 3; }, 5'000))
        << window.models()->speedup()->countAtCursor();
    auto* view = window.speedupView();
    ASSERT_NE(view, nullptr);
    EXPECT_TRUE(view->isVisibleTo(&window));
    const auto names = seriesOn(*view->plot());
    for (const char* e : {"sequential", "threads", "threads + GIL", "processes"})
        EXPECT_EQ(names.count(QString::fromLatin1(e)), 1u) << e;
    EXPECT_EQ(view->plot()->xAxis->label(), QStringLiteral("workers"));
    EXPECT_FALSE(view->plot()->yAxis->label().isEmpty());
    // Beside the speedups, what threads save: each worker's start and memory.
    EXPECT_TRUE(view->statusText().contains(QStringLiteral("one worker to start: thread ")))
        << view->statusText().toStdString();
    EXPECT_TRUE(view->statusText().contains(QStringLiteral("memory of its own: thread ")))
        << view->statusText().toStdString();

    QTemporaryDir dir;
    ASSERT_EQ(view->save(dir.filePath(QStringLiteral("s.png"))), QString());
    EXPECT_FALSE(QImage(dir.filePath(QStringLiteral("s.png"))).isNull());
    ASSERT_EQ(view->save(dir.filePath(QStringLiteral("s.pdf"))), QString());
    ASSERT_EQ(view->save(dir.filePath(QStringLiteral("s.svg"))), QString());
    QFile svg(dir.filePath(QStringLiteral("s.svg")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    ASSERT_EQ(view->save(dir.filePath(QStringLiteral("s.csv"))), QString());
    QFile csv(dir.filePath(QStringLiteral("s.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const auto rows = csv.readAll().split('\n');
    EXPECT_EQ(rows.front(), "source,executor,workers,repetition,ms");
    EXPECT_EQ(rows.size(), 1 + 24 + 1) << "a row per measurement, warm-ups included";
    EXPECT_FALSE(view->save(dir.filePath(QStringLiteral("s.gif"))).isEmpty());
}

// The test command installs python3, so this runs in CI.
TEST(SpeedupView, RealPythonsPointsAreDrawnBesideTheModelsAndACancelStopsIt) {
    MainWindow window(shortCpuVsIo());
    window.show();
    window.runScenario();
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 60'000));
    auto* view = window.speedupView();
    ASSERT_TRUE(view->pythonButton()->isEnabled()) << view->pythonButton()->toolTip().toStdString();
    QSignalSpy done(view, &SpeedupView::pythonFinished);
    ASSERT_EQ(view->comparePython(), QString());
    EXPECT_TRUE(view->measuringPython());
    ASSERT_TRUE(waitFor([&] { return done.size() == 1; }, 60'000));
    ASSERT_EQ(done[0][0].toString(), QString()) << done[0][0].toString().toStdString();
    const auto names = seriesOn(*view->plot());
    EXPECT_EQ(names.count(QStringLiteral("CPython threads")), 1u);
    EXPECT_EQ(names.count(QStringLiteral("CPython processes")), 1u);
    EXPECT_TRUE(view->statusText().contains(QStringLiteral("CPython")))
        << view->statusText().toStdString();
    // Which CPython, and whether its GIL was on: the chart says it, whichever it was.
    EXPECT_TRUE(view->statusText().contains(QStringLiteral("GIL enabled")) ||
                view->statusText().contains(QStringLiteral("GIL disabled")))
        << view->statusText().toStdString();
    // Cancelled halfway: nothing of it is left running, multiprocessing's workers included
    // (they are in the script's own process group).
    // Until the script has started a pool: its workers are forked, so they run the script too.
    // A short script may finish first on a quick machine: then it is started again.
    bool workersSeen = false;
    for (int attempt = 0; attempt < 5 && !workersSeen; ++attempt) {
        const auto finishedBefore = done.size();
        ASSERT_EQ(view->comparePython(), QString());
        ASSERT_TRUE(waitFor(
            [&] { return pythonScriptsRunning() > 1 || done.size() > finishedBefore; }, 60'000));
        workersSeen = done.size() == finishedBefore;
    }
    ASSERT_TRUE(workersSeen) << "no multiprocessing worker seen in five runs of the script";
    view->cancelPython();
    EXPECT_FALSE(view->measuringPython());
    EXPECT_TRUE(waitFor([] { return pythonScriptsRunning() == 0; }, 5'000))
        << "a Python process outlived the cancel";
}

TEST(SpeedupView, WithoutPython3TheButtonSaysWhy) {
    qputenv("INTERLEAVE_PYTHON", "/nonexistent/python3");
    SpeedupModel model;
    SpeedupView view(&model);
    qunsetenv("INTERLEAVE_PYTHON");
    EXPECT_FALSE(view.pythonButton()->isEnabled());
    EXPECT_TRUE(view.pythonButton()->toolTip().contains(QStringLiteral("apt install python3")));
    EXPECT_FALSE(view.comparePython().isEmpty());
}

// The one picture writer the timeline and the charts share: each format by its suffix, whole,
// and a refusal (with nothing left behind) for any other name.
TEST(PictureWriter, WritesPngSvgAndPdfAndRefusesOtherNames) {
    PictureSource source;
    source.size = QSize(120, 80);
    source.title = QStringLiteral("test");
    source.paint = [](QPaintDevice& device) {
        QPainter painter(&device);
        painter.fillRect(QRect(10, 10, 50, 30), Qt::red);
        painter.drawText(QPoint(20, 70), QStringLiteral("Interleave"));
        return painter.end();
    };
    source.pixels = [] {
        QImage image(240, 160, QImage::Format_ARGB32);
        image.fill(Qt::red);
        return image;
    };
    QTemporaryDir dir;
    ASSERT_EQ(writePicture(dir.filePath(QStringLiteral("p.png")), source), QString());
    EXPECT_EQ(QImage(dir.filePath(QStringLiteral("p.png"))).size(), QSize(240, 160));
    ASSERT_EQ(writePicture(dir.filePath(QStringLiteral("p.SVG")), source), QString());
    QFile svg(dir.filePath(QStringLiteral("p.SVG")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    ASSERT_EQ(writePicture(dir.filePath(QStringLiteral("p.pdf")), source), QString());
    QFile pdf(dir.filePath(QStringLiteral("p.pdf")));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF-"));
    for (const auto* name : {"p.gif", "p.jpg", "p"}) {
        EXPECT_FALSE(writePicture(dir.filePath(QString::fromLatin1(name)), source).isEmpty());
        EXPECT_FALSE(QFile::exists(dir.filePath(QString::fromLatin1(name)))) << name;
        EXPECT_FALSE(isPictureName(QString::fromLatin1(name)));
    }
}

TEST(DistributionView, ARealRunDrawsABoxAndItsMedianPerSeriesAndFollowsTheCursor) {
    LaunchOptions o;
    o.scenario = QStringLiteral("creation-cost");
    o.assignments = {QStringLiteral("samples=20")};
    MainWindow window(o);
    window.resize(1280, 720);
    window.show();
    auto* view = window.distributionView();
    EXPECT_TRUE(view->isVisibleTo(&window)) << "shown before the first run, empty";
    window.runScenario();
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 60'000));
    // Every sample taken in (the last come with the frame after the run's end).
    ASSERT_TRUE(waitFor(
        [&] {
            const auto& all = window.models()->distributions()->atCursor();
            return all.size() == 4 && std::all_of(all.begin(), all.end(),
                                                  [](const auto& s) { return s.ns.size() == 20; });
        },
        5'000));
    // Thread, fork, and a new program two ways (fork + exec, posix_spawn).
    EXPECT_EQ(view->plot()->plottableCount(), 4);
    const auto& series = window.models()->distributions()->atCursor();
    ASSERT_EQ(series.size(), 4u);
    for (const auto& s : series)
        EXPECT_EQ(s.ns.size(), 20u) << s.name;
    const auto labels = view->medianLabels();
    ASSERT_EQ(labels.size(), 4);
    for (const auto& l : labels)
        EXPECT_TRUE(l.endsWith(QStringLiteral(" µs")) || l.endsWith(QStringLiteral(" ms")))
            << l.toStdString();
    // The boxes take the palette's series colours, and follow the theme the View menu picks
    // (they kept the light theme's before).
    for (const auto theme : {Theme::Dark, Theme::Light}) {
        for (auto* action : window.findChildren<QAction*>())
            if (action->text() == QStringLiteral("%1 theme").arg(Palette::themeName(theme)))
                action->trigger();
        ASSERT_EQ(Palette::current(), theme);
        ASSERT_EQ(view->plot()->plottableCount(), 4);
        for (int k = 0; k < 4; ++k)
            EXPECT_EQ(view->plot()->plottable(k)->pen().color(),
                      Palette::series(static_cast<std::size_t>(k)))
                << Palette::themeName(theme).toStdString() << " " << k;
        EXPECT_EQ(view->plot()->xAxis->basePen().color(), Palette::text());
    }
    QSettings().setValue(QStringLiteral("view/theme"), static_cast<int>(Theme::Light));
    // Back in time, fewer samples: the chart shows the run as it was at the cursor.
    window.cursor()->setTime(0);
    EXPECT_TRUE(window.models()->distributions()->atCursor().front().ns.empty());
    EXPECT_EQ(view->plot()->plottableCount(), 0);

    QTemporaryDir dir;
    ASSERT_EQ(view->save(dir.filePath(QStringLiteral("d.png"))), QString());
    ASSERT_EQ(view->save(dir.filePath(QStringLiteral("d.csv"))), QString());
    QFile csv(dir.filePath(QStringLiteral("d.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const auto rows = csv.readAll().split('\n');
    EXPECT_EQ(rows.front(), "series,sample,ns");
    EXPECT_EQ(rows.size(), 1 + 80 + 1) << "every sample, wherever the cursor is";
}

TEST(SpeedupView, TheStopBesideTheProgressEndsTheMeasurementAndKeepsWhatItHas) {
    auto o = shortCpuVsIo();
    o.assignments = {QStringLiteral("workload=io"), QStringLiteral("max_workers=4"),
                     QStringLiteral("task_ms=50"), QStringLiteral("repetitions=5")};
    MainWindow window(o);
    window.resize(1280, 720);
    window.show();
    window.runScenario();
    auto* stop = window.speedupView()->stopButton();
    EXPECT_TRUE(stop->isVisibleTo(&window));
    ASSERT_TRUE(waitFor([&] { return window.models()->speedup()->countAtCursor() > 0; }, 20'000));
    stop->click();
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 5'000));
    EXPECT_FALSE(stop->isVisibleTo(&window));
    EXPECT_GT(window.models()->speedup()->countAtCursor(), 0);
    EXPECT_LT(window.models()->speedup()->countAtCursor(),
              window.models()->speedup()->plannedCount());
}

namespace {

// A measurement's events ending with the busy-machine record: other programs used `cores` of
// a core over its second.
void addMeasurement(EventStore& store, double cores) {
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    store.setObjects({ObjectInfo{1, ObjectKind::Series, std::string(kOtherCpuSeries), 0},
                      ObjectInfo{2, ObjectKind::Series, "threads: futex", 0},
                      ObjectInfo{3, ObjectKind::Series, "processes: futex", 0}});
    std::int64_t t = 0;
    for (int k = 0; k < 5; ++k) {
        store.appendRow(Row{++t, 0, EventKind::MeasureSample, 2, 2'000 + k, 0});
        store.appendRow(Row{++t, 0, EventKind::MeasureSample, 3, 3'000 + k, 0});
    }
    for (int rep = 1; rep <= 2; ++rep)
        for (auto e : {Executor::Sequential, Executor::Threads})
            store.appendRow(Row{++t, 0, EventKind::MeasureResult, kNoObject, 10'000'000,
                                packMeasure(static_cast<std::int64_t>(e), 1, rep)});
    store.appendRow(Row{++t, 0, EventKind::MeasureSample, 1, static_cast<std::int64_t>(cores * 1e9),
                        1'000'000'000});
    store.publish();
}

}  // namespace

TEST(OtherCpu, TheChartsSayPlainlyWhenOtherProgramsMadeTheNumbersUnreliable) {
    for (const double cores : {0.05, 0.9}) {
        EventStore store(1);
        addMeasurement(store, cores);
        DistributionModel distributions;
        distributions.reset(&store);
        distributions.append(0, store.size());
        distributions.setCursorTime(1'000);
        ASSERT_EQ(distributions.atCursor().size(), 2u) << "the record is not drawn as a box";
        DistributionView boxes(&distributions);
        SpeedupModel speedups;
        speedups.reset(&store);
        speedups.append(0, store.size());
        SpeedupView chart(&speedups);
        ASSERT_TRUE(distributions.otherCpu() && speedups.otherCpu());
        if (cores < kBusyCores) {
            EXPECT_TRUE(boxes.otherCpuText().isEmpty()) << boxes.otherCpuText().toStdString();
            EXPECT_TRUE(chart.otherCpuText().isEmpty()) << chart.otherCpuText().toStdString();
        } else {
            for (const auto& text : {boxes.otherCpuText(), chart.otherCpuText()})
                EXPECT_TRUE(
                    text.contains(QStringLiteral("Unreliable: other programs used 90% "
                                                 "of a core")))
                    << text.toStdString();
        }
    }
}

TEST(OtherCpu, APredictionIsNotJudgedOnARunOfABusyMachine) {
    QuizQuestion q;
    q.ask = "Which hands off faster?";
    q.choices = {QuizChoice{"threads", 0, 1}, QuizChoice{"processes", 1, 100}};
    q.answer = 0;
    q.measure = "ratio:threads: futex/processes: futex";
    q.why = "No address space to switch.";
    for (const double cores : {0.05, 0.9}) {
        EventStore store(1);
        addMeasurement(store, cores);
        PredictionBox box;
        box.setQuestions({q});
        box.predictChoice(0);
        box.runStarted();
        RunForQuestion run;  // free, to its end, its parameters: only the machine may refuse it
        box.runEnded(store, run, {});
        const auto text = box.revealText();
        if (cores < kBusyCores) {
            EXPECT_TRUE(text.contains(QStringLiteral("This run showed"))) << text.toStdString();
        } else {
            EXPECT_FALSE(text.contains(QStringLiteral("This run showed"))) << text.toStdString();
            EXPECT_FALSE(text.contains(QStringLiteral("as you said"))) << text.toStdString();
            EXPECT_TRUE(text.contains(QStringLiteral("cannot answer"))) << text.toStdString();
            EXPECT_TRUE(text.contains(QStringLiteral("Unreliable"))) << text.toStdString();
        }
    }
}

// At 1280x720 ipc-compare's box plot lost its bottom (the names under the boxes and the lower
// ticks) under the status bar: the status line and a busy machine's warning, each wrapped over
// several lines, left the plot less than its minimum height, and the window cut it off. The
// whole plot, its two-line names included, is now on screen.
TEST(DistributionView, TheWholeBoxPlotIsOnScreenAt1280x720) {
    LaunchOptions o;
    o.scenario = QStringLiteral("ipc-compare");
    MainWindow window(o);
    window.resize(1280, 720);
    window.show();
    EventStore store(1);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    const char* names[] = {"pipe",        "FIFO",          "message queue",
                           "UNIX socket", "shared memory", "threads: shared memory"};
    std::vector<ObjectInfo> objects{
        ObjectInfo{1, ObjectKind::Series, std::string(kOtherCpuSeries), 0}};
    for (std::uint32_t k = 0; k < 6; ++k)
        objects.push_back(ObjectInfo{k + 2, ObjectKind::Series, names[k], 0});
    store.setObjects(objects);
    std::int64_t t = 0;
    for (int n = 0; n < 50; ++n)
        for (std::uint32_t k = 0; k < 6; ++k)
            store.appendRow(
                Row{++t, 0, EventKind::MeasureSample, k + 2, 5'000 + 300 * n + 900 * k, 0});
    store.appendRow(Row{++t, 0, EventKind::MeasureSample, 1, 1'290'000'000, 1'000'000'000});
    store.publish();
    auto* model = window.models()->distributions();
    model->reset(&store);
    model->append(0, store.size());
    model->setCursorTime(t);
    auto* view = window.distributionView();
    ASSERT_FALSE(view->otherCpuText().isEmpty()) << "the busy machine's warning is shown";
    auto* plot = view->plot();
    // The names under the boxes: tick labels of up to three lines below the axis rect.
    const QFontMetrics fm(plot->xAxis->tickLabelFont());
    const auto labelsBottom = [&] {
        int lines = 1;
        for (const auto& name : plot->xAxis->tickVectorLabels())
            lines = std::max(lines, static_cast<int>(name.count(QLatin1Char('\n'))) + 1);
        return plot->xAxis->axisRect()->bottom() + plot->xAxis->tickLabelPadding() +
               plot->xAxis->offset() + lines * fm.height();
    };
    // Until the layout has settled and the plot has been laid out in it.
    waitFor([&] {
        plot->replot();
        return plot->isVisible() && plot->xAxis->axisRect()->height() >= 60 &&
               plot->visibleRegion().boundingRect().bottom() >= labelsBottom() - 1;
    });
    EXPECT_GE(plot->height(), labelsBottom()) << "the names fit in the plot";
    EXPECT_GE(plot->xAxis->axisRect()->height(), 60) << "a box plot, not a strip";
    const QRect shown = plot->visibleRegion().boundingRect();
    EXPECT_GE(shown.bottom(), labelsBottom() - 1) << "nothing of the plot is cut off";
    const int bottomInWindow = plot->mapTo(&window, QPoint(0, labelsBottom())).y();
    EXPECT_LE(bottomInWindow, window.statusBar()->geometry().top())
        << "the names end above the status bar";
}
