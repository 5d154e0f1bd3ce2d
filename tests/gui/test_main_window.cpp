// The main window, offscreen, as a teacher or a student meets it: real runs, the keys, pause,
// presenter mode, the layout at 1280x720 and the high-contrast theme.

#include <gtest/gtest.h>
#include <unistd.h>

#include <qcustomplot.h>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>

#include "core/scenarios/scenario.h"
#include "ui/base/event_text.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/lane_painter.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"
#include "ui/views/buffer_model.h"
#include "ui/views/buffer_view.h"
#include "ui/views/caption_model.h"
#include "ui/views/process_tree_model.h"
#include "ui/views/wait_for_model.h"
#include "ui/window/log_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/pointer_highlight.h"
#include "ui/window/run_models.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

TEST(MainWindowOffscreen, ProducerConsumerDrawsLanesAndTheBufferNeverOverflows) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.assignments = {QStringLiteral("producers=3"), QStringLiteral("consumers=2"),
                           QStringLiteral("capacity=3"), QStringLiteral("produce_ms=20"),
                           QStringLiteral("consume_ms=40")};
    options.run = true;
    MainWindow window(options);
    window.resize(1400, 900);
    window.show();
    QSignalSpy firstDrawn(window.timelineView(), &TimelineView::firstMarksDrawn);
    std::uint32_t maxOccupancy = 0;
    // Sampled at every pass of the loop until the buffer was seen full (producers outpace the
    // consumers), with every lane and the first marks drawn: the moment it could overflow.
    const auto& lanes = window.models()->timeline()->lanes();
    EXPECT_TRUE(waitFor([&] {
        const auto s = window.models()->buffers()->stateAt(0, window.cursor()->time());
        maxOccupancy = std::max(maxOccupancy, s.count);
        window.bufferView()->repaint();
        return maxOccupancy >= 3 && lanes.size() == 6 && firstDrawn.count() == 1;
    })) << "occupancy "
        << maxOccupancy << ", " << lanes.size() << " lanes, first marks drawn "
        << firstDrawn.count();
    ASSERT_EQ(lanes.size(), 6u);  // main + 3 producers + 2 consumers
    for (const auto& lane : lanes) {
        EXPECT_FALSE(lane.tracker.segmentsUntil(window.models()->timeline()->lastNs()).empty())
            << lane.name.toStdString();
        EXPECT_TRUE(lane.label.contains(QString::number(lane.tid)));
    }
    EXPECT_GT(window.timelineView()->lanes()->lastMarkCount(), 0u);
    EXPECT_GT(maxOccupancy, 0u);
    EXPECT_LE(maxOccupancy, 3u);
    EXPECT_LE(window.bufferView()->maxShownCount(), 3u);
    // And at every moment of the run, not just the sampled ones.
    const auto* store = window.session()->store();
    for (std::size_t i = 0; i < store->size(); ++i) {
        if (store->kind(i) == EventKind::QueuePut) {
            ASSERT_LE(window.models()->buffers()->stateAt(0, store->ns(i)).count, 3u);
        }
    }
    window.stopRun();
    EXPECT_FALSE(window.session()->active());
}

// A pipeline has one queue per stage, and the buffer view shows each (not the first it finds),
// in a scroll area that grows as the queues need.
TEST(MainWindowOffscreen, EveryQueueOfAPipelineGetsItsOwnBuffer) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.assignments = {QStringLiteral("stages=3"), QStringLiteral("capacity=2"),
                           QStringLiteral("produce_ms=5"), QStringLiteral("consume_ms=10")};
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* model = window.models()->buffers();
    std::vector<std::uint64_t> puts;
    waitFor([&] {
        if (model->queueCount() < 3) return false;
        puts.clear();
        for (int q = 0; q < 3; ++q)
            puts.push_back(model->stateAt(q, window.cursor()->time()).puts);
        return puts[2] > 0;
    });
    // The scroll area lays out again after the third queue appeared.
    const auto tallEnough = [&] {
        return window.bufferView()->height() >=
               window.bufferView()->heightForWidth(window.bufferView()->width());
    };
    waitFor(tallEnough);
    window.bufferView()->repaint();
    ASSERT_EQ(model->queueCount(), 3);
    EXPECT_EQ(model->name(0), QStringLiteral("buffer 1"));
    EXPECT_EQ(model->name(2), QStringLiteral("buffer 3"));
    ASSERT_EQ(puts.size(), 3u);
    EXPECT_GT(puts[2], 0u) << "items reached the last buffer";
    for (int q = 0; q < 3; ++q)
        EXPECT_LE(window.bufferView()->maxShownCount(q), 2u);
    const int w = window.bufferView()->width();
    EXPECT_GE(window.bufferView()->height(), window.bufferView()->heightForWidth(w))
        << "the scroll area gives the view the height its three queues need";
    window.stopRun();
}

// The lab's log reaches the window: at "info" its lines fill the panel without alarming anyone;
// a real warning (the lab cannot open its log file) opens the panel and names it in the status
// bar.
TEST(MainWindowOffscreen, TheLabsLogReachesTheLogPanel) {
    LaunchOptions options;
    options.scenario = QStringLiteral("fork-tree");
    options.assignments = {QStringLiteral("work_ms=5")};
    options.logLevel = LogLevel::info;
    MainWindow window(options);
    window.show();
    window.runScenario();
    waitFor([&] { return window.logPanel()->text().contains(QStringLiteral("returned")); }, 15'000);
    EXPECT_TRUE(window.logPanel()->text().contains(QStringLiteral("runs fork-tree")))
        << window.logPanel()->text().toStdString();
    EXPECT_TRUE(window.logPanel()->text().contains(QStringLiteral("fork-tree returned 0")));
    EXPECT_EQ(window.logPanel()->problemCount(), 0);
    EXPECT_FALSE(window.logDock()->isVisible()) << "info lines do not open the panel";

    // A path under a regular file cannot be created, even by root (which CI is).
    const auto plain = QDir::tempPath() + QStringLiteral("/interleave-log-test-%1").arg(getpid());
    QFile(plain).open(QIODevice::WriteOnly);
    window.session()->setLogging(LogLevel::warn, plain + QStringLiteral("/run.log"));
    window.runScenario();
    waitFor([&] { return window.logPanel()->problemCount() > 0; }, 15'000);
    EXPECT_EQ(window.logPanel()->problemCount(), 1) << window.logPanel()->text().toStdString();
    EXPECT_TRUE(window.logPanel()->text().contains(QStringLiteral("cannot write the log file")));
    EXPECT_FALSE(window.logPanel()->text().contains(QStringLiteral("runs fork-tree")))
        << "a new run starts with an empty panel, and warn hides info";
    EXPECT_TRUE(window.logDock()->isVisible());
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("Lab log")));
    window.stopRun();
    QFile::remove(plain);
}

namespace {
LaunchOptions producerConsumerRun() {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.assignments = {QStringLiteral("produce_ms=20"), QStringLiteral("consume_ms=30")};
    options.run = true;
    return options;
}
}  // namespace

// Pause holds the picture still: the cursor, the visible range and the elapsed time stop; after
// Resume the paused stretch is drawn as one band of the run's clock.
TEST(MainWindowOffscreen, PauseHoldsThePictureStill) {
    MainWindow window(producerConsumerRun());
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(waitFor([&] { return window.models()->timeline()->lastNs() > 200'000'000; }));
    window.togglePause();
    ASSERT_TRUE(window.session()->paused());
    // Nothing moves: a frame for the events already on their way to land, then nothing for 400
    // ms. (Fixed waits: what is checked is that nothing changes.)
    QTest::qWait(50);
    const auto cursor = window.cursor()->time();
    const auto range = window.timelineView()->plot()->xAxis->range();
    const auto elapsed = window.session()->elapsedSeconds();
    QTest::qWait(400);
    EXPECT_EQ(window.cursor()->time(), cursor) << "the cursor does not follow while paused";
    EXPECT_EQ(window.timelineView()->plot()->xAxis->range(), range) << "the view stays";
    EXPECT_EQ(window.session()->elapsedSeconds(), elapsed) << "elapsed time stops";
    EXPECT_EQ(window.timelineView()->pauseBandCount(), 1);
    window.togglePause();
    ASSERT_FALSE(window.session()->paused());
    ASSERT_TRUE(waitFor([&] { return window.cursor()->time() > cursor; }));
    ASSERT_EQ(window.session()->pauses().size(), 1u);
    const auto span = window.session()->pauses().front();
    EXPECT_LE(span.beginNs, cursor);
    EXPECT_GT(span.endNs, span.beginNs);
    EXPECT_GT(window.session()->elapsedSeconds(), elapsed);
    window.stopRun();

    // Saved with the run and veiled again in its replay: a gap in the events is a pause, not
    // something the run did.
    ASSERT_TRUE(waitFor([&] { return window.saveAction()->isEnabled(); }, 10'000));
    const QString path =
        QDir::temp().filePath(QStringLiteral("interleave_pauses_%1.ilt").arg(getpid()));
    ASSERT_EQ(window.session()->saveTrace(path), QString());
    MainWindow replay(LaunchOptions{});
    replay.show();
    ASSERT_EQ(replay.loadReplay(path), QString());
    ASSERT_EQ(replay.session()->pauses().size(), 1u);
    EXPECT_EQ(replay.session()->pauses().front().beginNs, span.beginNs);
    EXPECT_EQ(replay.session()->pauses().front().endNs, span.endNs);
    EXPECT_TRUE(waitFor([&] { return replay.timelineView()->pauseBandCount() == 1; }, 2'000));
    QFile::remove(path);
}

// Space and Right reach the transport while a parameter field has focus; Enter in a field
// hands the keyboard back to the timeline.
TEST(MainWindowOffscreen, TransportKeysWorkWhateverHasFocus) {
    MainWindow window(producerConsumerRun());
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(waitFor([&] { return window.session()->active(); }));
    auto* field = window.findChild<QSpinBox*>();
    ASSERT_NE(field, nullptr);
    field->setFocus();
    const int before = field->value();
    QTest::keyClick(field, Qt::Key_Space);
    EXPECT_TRUE(window.session()->paused()) << "Space in a field pauses";
    QTest::keyClick(field, Qt::Key_Space);
    EXPECT_FALSE(window.session()->paused()) << "and resumes";
    QTest::keyClick(field, Qt::Key_Right);
    EXPECT_TRUE(window.session()->paused()) << "Right in a field steps (and so pauses)";
    EXPECT_EQ(field->value(), before) << "the field itself did not take the keys";
    QTest::keyClick(field, Qt::Key_Return);
    EXPECT_TRUE(waitFor([&] { return window.timelineView()->hasFocus(); }));
    window.stopRun();
}

// A new run starts live at the default window, whatever the last one was zoomed to; a
// double-click goes live and stays live.
TEST(MainWindowOffscreen, ANewRunStartsLiveAtTheDefaultWindow) {
    MainWindow window(producerConsumerRun());
    window.resize(1280, 720);
    window.show();
    auto* plot = window.timelineView()->plot();
    ASSERT_TRUE(waitFor([&] { return window.models()->timeline()->lastNs() > 100'000'000; }));
    plot->xAxis->setRange(0, 167'000);  // the viewer zoomed out
    window.cursor()->setTime(50'000'000);
    window.runScenario();  // Restart
    EXPECT_TRUE(window.cursor()->live());
    EXPECT_EQ(plot->xAxis->range().lower, 0.0);
    EXPECT_EQ(plot->xAxis->range().upper, TimelineView::kLiveWindowMs);

    window.cursor()->setTime(1'000'000);
    ASSERT_FALSE(window.cursor()->live());
    QTest::mouseDClick(plot, Qt::LeftButton, {}, plot->axisRect()->rect().center());
    QCoreApplication::processEvents();  // the clicks act at once; anything they posted, too
    EXPECT_TRUE(window.cursor()->live()) << "the release after the double-click keeps it live";
    window.stopRun();
}

// Over a long run the axis counts in seconds, and its labels never run into each other.
TEST(MainWindowOffscreen, LongRunAxisLabelsUseSecondsAndNeverTouch) {
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* plot = window.timelineView()->plot();
    for (const double range : {1'000.0, 167'000.0, 3'600'000.0}) {
        QStringList labels;
        int total = 0;
        // Replotted until the labels fit: the plot gets its width once the window is laid out.
        const auto fit = [&] {
            plot->xAxis->setRange(0, range);
            plot->replot();
            labels = plot->xAxis->tickVectorLabels();
            const QFontMetrics fm(plot->xAxis->tickLabelFont());
            total = 0;
            for (const auto& l : labels)
                total += fm.horizontalAdvance(l);
            return labels.size() >= 2 &&
                   total + 8 * static_cast<int>(labels.size()) < plot->axisRect()->width();
        };
        EXPECT_TRUE(waitFor(fit, 5'000)) << labels.join(QStringLiteral("|")).toStdString() << ": "
                                         << total << " px in " << plot->axisRect()->width();
        ASSERT_GE(labels.size(), 2) << range;
        if (range > 10'000) {
            for (const auto& l : labels)
                EXPECT_TRUE(l.endsWith(QStringLiteral(" s"))) << l.toStdString();
        }
    }
}

// Before any run a scenario shows the views its runs will fill, empty, with what to do; a
// scenario without buffers does not show an empty buffer panel.
TEST(MainWindowOffscreen, BeforeAnyRunViewsShowWhatTheRunWillFill) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    EXPECT_TRUE(waitFor([&] { return window.bufferView()->isVisible(); }));
    EXPECT_FALSE(window.session()->store());
    EXPECT_TRUE(waitFor([&] {
        bool hint = false;
        for (int i = 0; i < window.timelineView()->plot()->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(window.timelineView()->plot()->item(i)))
                hint =
                    hint || (text->visible() && text->text().contains(QStringLiteral("Press Run")));
        return hint;
    }));

    options.scenario = QStringLiteral("deadlock");
    MainWindow other(options);
    other.resize(1280, 720);
    other.show();
    // Shown and laid out (the timeline has its place), and still no buffer panel.
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&other));
    EXPECT_TRUE(waitFor([&] { return other.timelineView()->isVisible(); }));
    EXPECT_FALSE(other.bufferView()->isVisible());
}

namespace {
// WCAG 2.x relative luminance and contrast ratio.
double luminance(const QColor& c) {
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
}  // namespace

// High contrast passes WCAG AA: 4.5:1 for text on its background (palette roles and a real
// parameter field), 3:1 for every lane fill against the timeline's background.
TEST(Palette, HighContrastPassesWcagAa) {
    LaunchOptions options;
    options.theme = Theme::HighContrast;
    MainWindow window(options);
    window.show();
    const QPalette p = QApplication::palette();
    const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
        {QPalette::WindowText, QPalette::Window},
        {QPalette::Text, QPalette::Base},
        {QPalette::ButtonText, QPalette::Button},
        {QPalette::HighlightedText, QPalette::Highlight},
        {QPalette::ToolTipText, QPalette::ToolTipBase},
        {QPalette::PlaceholderText, QPalette::Base}};
    for (const auto& [fg, bg] : pairs)
        EXPECT_GE(contrast(p.color(fg), p.color(bg)), 4.5) << fg << " on " << bg;
    auto* field = window.findChild<QSpinBox*>();
    ASSERT_NE(field, nullptr);
    EXPECT_GE(
        contrast(field->palette().color(QPalette::Text), field->palette().color(QPalette::Base)),
        4.5);
    EXPECT_GE(contrast(Palette::text(), Palette::background()), 4.5);
    for (int s = 0; s < kActorStateCount; ++s) {
        if (static_cast<ActorState>(s) == ActorState::Exited) continue;
        const auto& style = Palette::state(static_cast<ActorState>(s));
        EXPECT_GE(contrast(style.color, Palette::background()), 3.0) << style.label.toStdString();
    }
    EXPECT_GE(contrast(Palette::foldedFill(), Palette::background()), 3.0);
    // Leave the light theme behind for the other tests (the window saved its choice).
    Palette::apply(Theme::Light, *qApp);
    QSettings().setValue(QStringLiteral("view/theme"), static_cast<int>(Theme::Light));
}

// At the default zoom of a producer-consumer run, the item arrows start and end on marks: put
// marks on the producers' lanes show whenever get marks on the consumers' do.
TEST(MainWindowOffscreen, PutAndGetMarksShowTogetherAtTheDefaultZoom) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(waitFor([&] { return window.models()->timeline()->lastNs() > 2'500'000'000; }));
    window.timelineView()->plot()->replot();
    const auto* lanes = window.timelineView()->lanes();
    EXPECT_GT(lanes->lastGetMarkCount(), 0u);
    EXPECT_GT(lanes->lastPutMarkCount(), 0u) << "puts hidden while gets show";
    window.stopRun();
}

// Presenter mode: full screen, no docks, menu or tool bar, lane labels of at least 14 px, the
// buffers and the captions beside the timeline, a ring that follows the pointer; Esc leaves it
// and puts everything back (and Esc outside it still stops the run).
TEST(MainWindowOffscreen, PresenterModeShowsLessLargerAndEscLeavesIt) {
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(waitFor([&] { return window.models()->buffers()->hasBuffer(); }));
    const auto docksBefore = window.findChildren<QDockWidget*>();
    std::vector<bool> visibleBefore;
    for (auto* d : docksBefore)
        visibleBefore.push_back(d->isVisible());

    QTest::keyClick(&window, Qt::Key_F5);
    ASSERT_TRUE(window.presenterMode());
    EXPECT_TRUE(waitFor([&] {
        return std::none_of(docksBefore.begin(), docksBefore.end(),
                            [](const QDockWidget* d) { return d->isVisible(); }) &&
               !window.menuBar()->isVisible() && window.bufferView()->isVisible();
    }));
    for (auto* d : docksBefore)
        EXPECT_FALSE(d->isVisible()) << d->windowTitle().toStdString();
    EXPECT_FALSE(window.menuBar()->isVisible());
    EXPECT_TRUE(window.windowState() & Qt::WindowFullScreen);
    EXPECT_TRUE(window.bufferView()->isVisible());
    // Lane labels are drawn at 8.5 pt times the text scale.
    QFont lane = window.font();
    lane.setPointSizeF(8.5 * window.font().pointSizeF() / 11.0);
    EXPECT_GE(QFontInfo(lane).pixelSize(), 14);
    auto* ring = window.pointerHighlight();
    EXPECT_TRUE(ring->active());
    // Where the pointer is on the window when it moves: under a slow build the layout may still
    // settle afterwards, moving the plot under a pointer (and a ring) that stays put.
    // (A move to where the pointer already is sends nothing, so it goes elsewhere first.)
    QTest::mouseMove(window.timelineView()->plot(), QPoint(150, 80));
    const auto pointer = window.timelineView()->plot()->mapTo(&window, QPoint(200, 100));
    QTest::mouseMove(window.timelineView()->plot(), QPoint(200, 100));
    EXPECT_TRUE(waitFor([&] { return ring->position() == pointer; }));
    EXPECT_EQ(ring->position(), pointer);
    QTest::keyClick(&window, Qt::Key_Space);
    EXPECT_TRUE(window.session()->paused()) << "transport on the keyboard";

    QTest::keyClick(&window, Qt::Key_Escape);
    EXPECT_FALSE(window.presenterMode());
    EXPECT_TRUE(window.session()->active()) << "Esc left presenter mode; it did not stop the run";
    EXPECT_TRUE(waitFor([&] {
        for (qsizetype i = 0; i < docksBefore.size(); ++i)
            if (docksBefore[i]->isVisible() != visibleBefore[static_cast<std::size_t>(i)])
                return false;
        return window.menuBar()->isVisible();
    }));
    EXPECT_TRUE(window.menuBar()->isVisible());
    for (qsizetype i = 0; i < docksBefore.size(); ++i)
        EXPECT_EQ(docksBefore[i]->isVisible(), visibleBefore[static_cast<std::size_t>(i)]);
    QTest::keyClick(&window, Qt::Key_Escape);
    EXPECT_TRUE(waitFor([&] { return !window.session()->active(); })) << "Esc stops the run";
}

// Presenter mode's large text is not remembered as the text size for the next start, and a
// second window in one process does not scale an already scaled font again.
TEST(MainWindowOffscreen, PresenterTextSizeIsNotRememberedAndWindowsDoNotCompound) {
    QSettings().setValue(QStringLiteral("view/fontScale"), 1.0);
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    double first = 0;
    {
        MainWindow window(options);
        first = window.font().pointSizeF();
        window.setPresenterMode(true);
        EXPECT_GT(window.font().pointSizeF(), first * 1.5);
    }  // closed while still presenting
    EXPECT_EQ(QSettings().value(QStringLiteral("view/fontScale")).toDouble(), 1.0);
    MainWindow again(options);
    EXPECT_EQ(again.font().pointSizeF(), first);
}

// At 1280x720 with large text, the parameter fields keep their height (the panel scrolls):
// no field or its help overlaps the next.
TEST(MainWindowOffscreen, ParameterFieldsNeverOverlapAt1280x720) {
    QSettings().setValue(QStringLiteral("view/fontScale"), 2.0);
    LaunchOptions options;
    options.scenario = QStringLiteral("producer-consumer");
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* panel = window.findChild<ParameterPanel*>();
    ASSERT_NE(panel, nullptr);
    std::vector<QRect> boxes;
    const auto lay = [&] {
        boxes.clear();
        for (auto* editor : panel->findChildren<QWidget*>()) {
            if (!qobject_cast<QSpinBox*>(editor) && !qobject_cast<QComboBox*>(editor)) continue;
            const QWidget* box = editor->parentWidget();
            boxes.push_back(QRect(box->mapTo(panel, QPoint(0, 0)), box->size()));
        }
        for (std::size_t i = 0; i < boxes.size(); ++i)
            for (std::size_t j = i + 1; j < boxes.size(); ++j)
                if (boxes[i].intersects(boxes[j])) return false;
        const int line = QFontMetrics(window.font()).height();
        return boxes.size() >= 7 && std::all_of(boxes.begin(), boxes.end(),
                                                [&](const QRect& b) { return b.height() >= line; });
    };
    waitFor(lay);  // until the panel is laid out at the large text (the checks below say how not)
    ASSERT_GE(boxes.size(), 7u);
    for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j)
            EXPECT_FALSE(boxes[i].intersects(boxes[j])) << i << " and " << j;
    for (const auto& b : boxes)
        EXPECT_GE(b.height(), QFontMetrics(window.font()).height()) << "a field squashed flat";
    // And the parameters never force the window past a 1280x720 projector.
    EXPECT_LE(window.minimumSizeHint().height(), 720);
    QSettings().setValue(QStringLiteral("view/fontScale"), 1.0);
}

// At 200% text on a 1280x720 projector, nothing forces the window wider than the screen, and
// every lane label fits its lane (the labels give up their pids, then shrink, rather than print
// over each other), and the lanes keep at least half a line of the window's text.
TEST(MainWindowOffscreen, LargeTextAt1280x720KeepsLanesReadable) {
    // A first start: no panels placed by an earlier window.
    QSettings().remove(QStringLiteral("window/geometry"));
    QSettings().remove(QStringLiteral("window/state"));
    QSettings().setValue(QStringLiteral("view/fontScale"), 2.0);
    MainWindow window(producerConsumerRun());
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(waitFor([&] { return window.models()->timeline()->lanes().size() >= 5; }));
    EXPECT_LE(window.minimumSizeHint().width(), 1280);
    EXPECT_LE(window.minimumSizeHint().height(), 720);
    auto* plot = window.timelineView()->plot();
    const auto ticker = qSharedPointerCast<QCPAxisTickerText>(plot->yAxis->ticker());
    double pitch = 0;
    // Until the replot that picks the labels' form: every label fits its lane.
    waitFor([&] {
        plot->replot();
        pitch = std::abs(plot->yAxis->coordToPixel(1) - plot->yAxis->coordToPixel(0));
        const QFontMetricsF fm(plot->yAxis->tickLabelFont());
        const auto& ticks = ticker->ticks();
        return !ticks.isEmpty() && std::all_of(ticks.begin(), ticks.end(), [&](const QString& l) {
            return fm.height() * (l.count(QLatin1Char('\n')) + 1) <= pitch;
        });
    });
    const QFontMetricsF fm(plot->yAxis->tickLabelFont());
    for (const auto& label : ticker->ticks()) {
        const auto lines = label.count(QLatin1Char('\n')) + 1;
        EXPECT_LE(fm.height() * lines, pitch) << label.toStdString();
    }
    EXPECT_GE(pitch, 0.5 * QFontMetricsF(window.font()).height())
        << "lanes squeezed flat: timeline " << window.timelineView()->height() << " (min "
        << window.timelineView()->minimumSizeHint().height() << "), plot " << plot->height();
    // The labels leave most of the width to the lanes.
    EXPECT_GT(plot->axisRect()->width(), plot->width() / 2);
    // Started with large text, the side panel is held to a quarter of the width (its fields go
    // under their names), not half the window.
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("scenarioDock"));
    ASSERT_NE(dock, nullptr);
    EXPECT_LE(dock->width(), 1280 / 4 + 8);
    QSettings().setValue(QStringLiteral("view/fontScale"), 1.0);
}

// A deadlocked run does not say "running": the status names the cycle, lock and holder.
TEST(MainWindowOffscreen, ADeadlockIsNamedInTheStatusBar) {
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    options.assignments = {QStringLiteral("hold_ms=20")};
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* state = window.statusBar()->findChildren<QLabel*>().value(0);
    ASSERT_NE(state, nullptr);
    ASSERT_TRUE(waitFor([&] { return state->text().contains(QStringLiteral("deadlock:")); }))
        << state->text().toStdString();
    const auto text = state->text();
    EXPECT_TRUE(text.contains(QStringLiteral("waits for lock A, held by")) &&
                text.contains(QStringLiteral("waits for lock B, held by")))
        << text.toStdString();
    window.stopRun();
}

TEST(MainWindowOffscreen, DiningPhilosophersShowTheCycleInTheWaitForGraphAtTheCursor) {
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    options.assignments = {QStringLiteral("threads=5"), QStringLiteral("hold_ms=20")};
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    // Before the run: the graph's box, with its hint, stands where the process tree would.
    EXPECT_TRUE(window.waitForBox()->isVisible());
    EXPECT_EQ(window.models()->waitFor()->sentence(), QStringLiteral("No lock taken yet."));
    window.runScenario();
    auto* model = window.models()->waitFor();
    ASSERT_TRUE(waitFor([&] { return model->cycle().size() == 5; }))
        << model->sentence().toStdString();
    EXPECT_EQ(model->threads().size(), 5u);
    EXPECT_EQ(model->locks().size(), 5u);
    EXPECT_TRUE(model->sentence().startsWith(QStringLiteral("Deadlock: thread ")));
    for (int i = 1; i <= 5; ++i)
        EXPECT_TRUE(model->sentence().contains(QStringLiteral("held by thread %1").arg(i)));
    // Back in time, before anyone asked for a second lock: no cycle, and the view says so.
    window.cursor()->setTime(1);
    EXPECT_TRUE(model->cycle().empty());
    EXPECT_FALSE(model->sentence().startsWith(QStringLiteral("Deadlock")));
    window.cursor()->setLive(true);
    // (The graph reads the store itself, which may hold events the timeline has yet to take.)
    window.cursor()->follow(window.session()->nowNs());
    EXPECT_EQ(model->cycle().size(), 5u)
        << model->sentence().toStdString() << " at " << window.cursor()->time();
    // Step cannot move a deadlock; the window says why instead of doing nothing silently.
    window.step();
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("nothing can move")))
        << window.statusBar()->currentMessage().toStdString();
    window.stopRun();
}

TEST(MainWindowOffscreen, TheFirstLostUpdateIsPointedAtOnTheTimeline) {
    LaunchOptions options;
    options.scenario = QStringLiteral("race-condition");
    options.assignments = {QStringLiteral("think_ms=5")};
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    const auto& callout = window.timelineView()->canvas()->callout();
    ASSERT_TRUE(waitFor([&] { return callout.points.size() == 4; }));
    // The classic interleaving, or (under load) one where the lost writer went round again.
    EXPECT_TRUE(callout.label.startsWith(QStringLiteral("update lost: thread ")) ||
                QRegularExpression(QStringLiteral("^[2-9][0-9]* updates lost: thread "))
                    .match(callout.label)
                    .hasMatch())
        << callout.label.toStdString();
    // Two actors, each with a read and a write, the reads first.
    EXPECT_NE(callout.points[0].first, callout.points[1].first);
    EXPECT_LE(callout.points[1].second, callout.points[2].second);
    window.stopRun();
}
