// The desktop program's models and views on real runs, offscreen.

#include <gtest/gtest.h>
#include <unistd.h>

#include <qcustomplot.h>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
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
#include "ui/views/shared_variable_model.h"
#include "ui/views/wait_for_model.h"
#include "ui/window/log_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/pointer_highlight.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

TEST(SignalBridge, AtMostOneSignalPerFrameCoveringEveryEventOnce) {
    RunSession session;
    TimelineModel timeline;
    QObject::connect(&session, &RunSession::storeReset, &timeline,
                     [&](const EventStore* s) { timeline.reset(s); });
    std::vector<std::pair<quint64, quint64>> ranges;
    QObject::connect(&session, &RunSession::eventsAppended,
                     [&](quint64 a, quint64 b) { ranges.emplace_back(a, b); });
    QElapsedTimer clock;
    clock.start();
    ASSERT_EQ(session.start(QStringLiteral("producer-consumer"),
                            {QStringLiteral("produce_ms=0"), QStringLiteral("consume_ms=0"),
                             QStringLiteral("producers=4"), QStringLiteral("consumers=4")},
                            1.0),
              QString());
    // A busy run over many frames: thousands of events, a few dozen signals.
    ASSERT_TRUE(waitFor([&] { return ranges.size() >= 30 && ranges.back().second > 10'000; }))
        << ranges.size() << " signals";
    session.stop();
    ASSERT_TRUE(waitFor(
        [&] { return !ranges.empty() && ranges.back().second == session.store()->size(); }, 3000));
    const double elapsedMs = static_cast<double>(clock.elapsed());
    EXPECT_GT(session.store()->size(), 10'000u) << "a busy run: thousands of events per frame";
    EXPECT_LE(static_cast<double>(ranges.size()), elapsedMs / 16.0 + 3)
        << "more than one signal per frame";
    for (std::size_t i = 1; i < ranges.size(); ++i)
        EXPECT_EQ(ranges[i].first, ranges[i - 1].second);
    EXPECT_EQ(ranges.front().first, 0u);
}

TEST(Models, ProcessTreeAndCaptionsPassTheModelTesterOnARealForkTree) {
    RunSession session;
    TimelineModel timeline;
    ProcessTreeModel tree(&timeline);
    CaptionModel captions(&timeline);
    QAbstractItemModelTester treeTester(&tree,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester captionTester(&captions,
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
    QObject::connect(&session, &RunSession::storeReset, [&](const EventStore* s) {
        captions.reset();
        timeline.reset(s);
    });
    QObject::connect(&session, &RunSession::eventsAppended, [&](quint64 a, quint64 b) {
        timeline.append(a, b);
        tree.sync();
        captions.append(a, b);
        tree.setCursorTime(timeline.lastNs());
        captions.setCursorTime(timeline.lastNs());
    });
    ASSERT_EQ(session.start(QStringLiteral("fork-tree"),
                            {QStringLiteral("children=3"), QStringLiteral("threads=2"),
                             QStringLiteral("grandchildren=1"), QStringLiteral("work_ms=5"),
                             QStringLiteral("rounds=5")},
                            1.0),
              QString());
    ASSERT_TRUE(waitFor([&] { return !session.active(); }, 10'000));
    // lab main at the root; 3 children under it; children 1 and 3 have a grandchild each.
    int processes = 0, threads = 0;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int r = 0; r < tree.rowCount(parent); ++r) {
            const auto child = tree.index(r, 0, parent);
            tree.rowCount(child) > 0 ||
                    tree.data(tree.index(r, ProcessTreeModel::Ppid, parent), Qt::DisplayRole)
                        .isValid()
                ? ++processes
                : ++threads;
            walk(child);
        }
    };
    // The run's last events reach the tree after the run has ended (a queued signal).
    EXPECT_TRUE(waitFor(
        [&] {
            processes = threads = 0;
            if (tree.rowCount() == 1) walk(tree.index(0, 0));
            return processes == 5 && threads == 10;
        },
        5'000))
        << processes << " processes, " << threads << " threads";
    ASSERT_EQ(tree.rowCount(), 1);
    EXPECT_EQ(processes, 5);
    EXPECT_EQ(threads, 10);
    EXPECT_EQ(tree.data(tree.index(0, ProcessTreeModel::Pid), Qt::DisplayRole).toInt(),
              session.store()->actors()[0].pid);
    EXPECT_GT(captions.rowCount(), 0);
}

TEST(ParameterPanel, ExplainsARefusedValueNextToItsField) {
    ParameterPanel panel;
    panel.setScenario(findScenario("producer-consumer"));
    EXPECT_FALSE(panel.apply({QStringLiteral("producers=40")}));
    EXPECT_TRUE(panel.apply({QStringLiteral("producers=5"), QStringLiteral("variant=semaphore")}));
    const auto a = panel.assignments();
    EXPECT_TRUE(a.contains(QStringLiteral("producers=5")));
    EXPECT_TRUE(a.contains(QStringLiteral("variant=semaphore")));
    bool sawError = false;
    for (auto* label : panel.findChildren<QLabel*>())
        if (label->text().contains(QStringLiteral("out of range")) &&
            label->text().contains(QStringLiteral("1..16")))
            sawError = true;
    EXPECT_TRUE(sawError);
    panel.resetToDefaults();
    EXPECT_TRUE(panel.assignments().contains(QStringLiteral("producers=2")));
}

TEST(TimeCursor, LiveFollowsFixedStays) {
    TimeCursor c;
    QSignalSpy changed(&c, &TimeCursor::changed);
    c.follow(100);
    EXPECT_EQ(c.time(), 100);
    c.setTime(40);
    EXPECT_FALSE(c.live());
    c.follow(200);
    EXPECT_EQ(c.time(), 40) << "a fixed cursor ignores the run's clock";
    c.setLive(true);
    c.follow(300);
    EXPECT_EQ(c.time(), 300);
    EXPECT_EQ(changed.count(), 3);
}

TEST(EventText, CaptionsFromTheKindTableReadAsBefore) {
    // The meaning of a wait comes from the object's role: object 3 is named like a "not full"
    // condition but stands on its own, object 2 has a neutral name and is the buffer's Space.
    const std::map<std::uint32_t, ObjectInfo> objects = {
        {1, ObjectInfo{1, ObjectKind::Mutex, "lock", 0, 1, ObjectRole::Guard, 5}},
        {2, ObjectInfo{2, ObjectKind::CondVar, "c1", 0, 1, ObjectRole::Space, 5}},
        {3, ObjectInfo{3, ObjectKind::CondVar, "buffer.not_full", 0, 1, ObjectRole::Own, 0}},
        {4, ObjectInfo{4, ObjectKind::Semaphore, "s1", 0, 1, ObjectRole::Items, 5}},
        {5, ObjectInfo{5, ObjectKind::Queue, "buffer", 4, 1, ObjectRole::Own, 0}},
        {6, ObjectInfo{6, ObjectKind::Pipe, "pipe", 8192, 1, ObjectRole::Own, 0}},
        {7, ObjectInfo{7, ObjectKind::MessageQueue, "queue", 4, 1, ObjectRole::Own, 0}},
        {8, ObjectInfo{8, ObjectKind::Socket, "socket", 0, 1, ObjectRole::Own, 0}}};
    Names n;
    n.actor = [](std::uint32_t a) { return QStringLiteral("actor %1").arg(a); };
    n.object = [&](std::uint32_t o) {
        return objects.count(o) ? QString::fromStdString(objects.at(o).name) : QString();
    };
    n.info = [&](std::uint32_t o) { return objects.count(o) ? &objects.at(o) : nullptr; };
    auto say = [&](EventKind k, std::uint32_t object, std::int64_t a, std::int64_t b) {
        return describeEvent(Row{0, 1, k, object, a, b}, n);
    };
    EXPECT_EQ(say(EventKind::LockAcquired, 1, 0, 0), QStringLiteral("actor 1 takes lock"));
    EXPECT_EQ(say(EventKind::LockAcquired, 1, 0, 1),
              QStringLiteral("actor 1 gets lock after waiting"));
    EXPECT_EQ(say(EventKind::CondNotifyOne, 1, 1, 3),
              QStringLiteral("actor 1 signals lock, waking actor 3"));
    EXPECT_EQ(say(EventKind::CondNotifyOne, 1, 0, -1),
              QStringLiteral("actor 1 signals lock; nobody is waiting"));
    EXPECT_EQ(say(EventKind::CondWait, 2, 1, 0), QStringLiteral("actor 1 waits: buffer is full"));
    EXPECT_EQ(say(EventKind::CondWait, 3, 1, 0),
              QStringLiteral("actor 1 waits on buffer.not_full"));
    EXPECT_EQ(say(EventKind::SemBlock, 4, 0, 0),
              QStringLiteral("actor 1 blocks: no item to take from buffer"));
    EXPECT_EQ(say(EventKind::QueuePut, 5, 7, (std::int64_t{2} << 32) | 3),
              QStringLiteral("actor 1 puts item 7 in slot 2 (3/4 full)"));
    // Messages: each kind of object in its own words and units.
    EXPECT_EQ(say(EventKind::MsgSend, 6, 3, packMsgFill(4096)),
              QStringLiteral("actor 1 sends message 3 into pipe (4096/8192 bytes in it)"));
    EXPECT_EQ(
        say(EventKind::MsgReceive, 7, 5, packMsgFill(2, 1)),
        QStringLiteral("actor 1 takes message 5 (priority 1) out of queue (2/4 messages in it)"));
    EXPECT_EQ(say(EventKind::MsgSendBlocks, 7, 4, 0),
              QStringLiteral("actor 1 waits in mq_send(): queue is full (4/4 messages in it)"));
    EXPECT_EQ(say(EventKind::MsgSend, 8, 9, 0),
              QStringLiteral("actor 1 sends message 9 into socket"));
    EXPECT_EQ(say(EventKind::MsgReceiveBlocks, 8, 0, 0),
              QStringLiteral("actor 1 waits in recv(): socket is empty"));
    EXPECT_EQ(say(EventKind::ProcessExit, 0, 42, exitStatusSignaled(9)),
              QStringLiteral("process 42 killed by signal 9 (SIGKILL)"));
    EXPECT_EQ(say(EventKind::ProcessWait, 0, -1, 0),
              QStringLiteral("actor 1 waits for a child process to end"));
    EXPECT_EQ(say(EventKind::WorkBegin, 0, 250'000'000, 0),
              QStringLiteral("actor 1 works for 250 ms"));
    EXPECT_EQ(
        say(EventKind::LostEnd, 0, 12, 0),
        QStringLiteral("actor 1 lost 12 events here: what is shown around this is incomplete"));
    EXPECT_TRUE(say(EventKind::WorkEnd, 0, 0, 0).isEmpty());
}

// A blocked request names who holds the lock; a write over a value its thread never read says
// that an update is lost.
TEST(EventText, ABlockedRequestNamesTheHolderAndALostUpdateIsSaid) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 10, 1, 11, "thread 1", ActorRole::Thread, kNoActor, 0},
                     ActorInfo{1, 10, 1, 12, "thread 2", ActorRole::Thread, kNoActor, 0}});
    store.setObjects({ObjectInfo{1, ObjectKind::Mutex, "lock A", 0, 10},
                      ObjectInfo{2, ObjectKind::Variable, "counter", 0, 10}});
    store.appendRow(Row{1'000'000, 0, EventKind::LockRequest, 1, 0, 0});
    store.appendRow(Row{1'000'100, 0, EventKind::LockAcquired, 1, 0, 0});
    store.appendRow(Row{2'000'000, 1, EventKind::LockRequest, 1, 0, 0});
    store.appendRow(Row{3'000'000, 0, EventKind::SharedWrite, 2, 10, 10});
    store.appendRow(Row{4'000'000, 0, EventKind::SharedWrite, 2, 11, 10});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    CaptionModel captions(&timeline, 8);
    captions.reset();
    captions.append(0, store.size());
    captions.setCursorTime(10'000'000);
    QStringList shown;
    for (int i = 0; i < captions.rowCount(); ++i)
        shown << captions.data(captions.index(i, 0), Qt::DisplayRole).toString();
    const auto all = shown.join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("thread 2 asks for lock A — thread 1 holds it: waits")))
        << all.toStdString();
    EXPECT_TRUE(
        all.contains(QStringLiteral("thread 1 writes 10 to counter over 10: an update is lost")))
        << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("thread 1 writes 11 to counter\n")) ||
                all.endsWith(QStringLiteral("thread 1 writes 11 to counter")))
        << all.toStdString();
}

// A made-up run's threads "thread 0" .. "thread n-1", all of pid 100.
static void setThreads(EventStore& store, std::uint32_t n) {
    std::vector<ActorInfo> actors;
    for (std::uint32_t a = 0; a < n; ++a)
        actors.push_back(ActorInfo{a, 100, 1, 200 + static_cast<int>(a),
                                   "thread " + std::to_string(a), ActorRole::Thread, kNoActor, 0});
    store.setActors(actors);
}

// Wake-up arrows that were missing: a notify_all to every thread it woke, and a semaphore
// release to the blocked thread it let through, whichever of the two reached the store first.
TEST(TimelineModel, NotifyAllAndSemaphoreReleasesDrawAnArrowToEachThreadTheyLetGo) {
    EventStore store(4);
    setThreads(store, 4);
    store.setObjects({ObjectInfo{1, ObjectKind::Mutex, "lock", 0, 4},
                      ObjectInfo{2, ObjectKind::CondVar, "ready", 0, 4},
                      ObjectInfo{3, ObjectKind::Semaphore, "pool", 1, 4}});
    TimelineModel model;
    model.reset(&store);
    auto add = [&](std::int64_t t, std::uint32_t actor, EventKind kind, std::uint32_t object,
                   std::int64_t a, std::int64_t b) {
        store.appendRow(Row{t, actor, kind, object, a, b});
    };
    // Threads 1 and 2 wait on `ready`; thread 0 wakes both at 30. Thread 2's wake-up reaches
    // the store before thread 0's notify (its ring was drained first).
    add(10, 1, EventKind::CondWait, 2, 1, 0);
    add(11, 2, EventKind::CondWait, 2, 1, 0);
    add(35, 2, EventKind::CondWoken, 2, 1, 0);
    add(30, 0, EventKind::CondNotifyAll, 2, 2, 0);
    add(30, 0, EventKind::CondWakes, 2, 1, 0);
    add(30, 0, EventKind::CondWakes, 2, 2, 0);
    add(33, 1, EventKind::CondWoken, 2, 1, 0);
    // `pool`: thread 3 blocks at 40; thread 0 releases at 50 with one thread blocked; thread 3
    // passes at 52, and its pass is in the store before the release. A release at 60 with
    // nobody blocked lets nobody through: no arrow.
    add(40, 3, EventKind::SemBlock, 3, 0, 0);
    add(52, 3, EventKind::SemAcquired, 3, 0, 1);
    add(50, 0, EventKind::SemReleased, 3, 1, 1);
    add(60, 0, EventKind::SemReleased, 3, 1, 0);
    store.publish();
    model.append(0, store.size());

    std::vector<std::tuple<std::int64_t, std::int64_t, std::uint32_t, std::uint32_t>> wakes;
    for (const auto& l : model.links())
        if (l.kind == Link::Kind::Wake) wakes.emplace_back(l.t0, l.t1, l.fromActor, l.toActor);
    std::sort(wakes.begin(), wakes.end());
    using W = std::tuple<std::int64_t, std::int64_t, std::uint32_t, std::uint32_t>;
    EXPECT_EQ(wakes, (std::vector<W>{W{30, 33, 0, 1}, W{30, 35, 0, 2}, W{50, 52, 0, 3}}));
}

// Lock markers name their lock once a run has several ("lock A" -> "A", "buffer 2.lock" ->
// "buffer 2"); with a single mutex they say nothing more than the ▲ does.
TEST(TimelineModel, LockTagsNameEachOfSeveralLocksAndNoneWhenThereIsOne) {
    EventStore store(2);
    setThreads(store, 1);
    store.setObjects({ObjectInfo{1, ObjectKind::Mutex, "buffer.lock", 0, 0}});
    store.appendRow(Row{10, 0, EventKind::LockRequest, 1, 0, 0});
    store.publish();
    TimelineModel model;
    model.reset(&store);
    EXPECT_EQ(model.lockTag(1), QString());
    // Named from the object's role and owner, not guessed from its name: the guard of
    // buffer 2 is "buffer 2" whatever the lock is called; a lock of its own keeps its name.
    store.setObjects({ObjectInfo{1, ObjectKind::Mutex, "lock A", 0, 0},
                      ObjectInfo{2, ObjectKind::Mutex, "mutex", 0, 0, ObjectRole::Guard, 4},
                      ObjectInfo{3, ObjectKind::CondVar, "ready", 0, 0},
                      ObjectInfo{4, ObjectKind::Queue, "buffer 2", 4, 0}});
    model.reset(&store);
    EXPECT_EQ(model.lockTag(1), QStringLiteral("lock A"));
    EXPECT_EQ(model.lockTag(2), QStringLiteral("buffer 2"));
    EXPECT_EQ(model.lockTag(3), QString()) << "only mutexes have tags";
}

// Each thread's CPU time as its cpu_time events reported it, at the time cursor: in the lane
// and in the process tree's CPU column.
TEST(ProcessTreeModel, CpuColumnShowsTheLatestCpuTimeAtTheCursor) {
    EventStore store(2);
    std::vector<ActorInfo> actors{
        ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
        ActorInfo{1, 100, 1, 101, "consumer 1", ActorRole::Thread, 0, 0}};
    store.setActors(actors);
    store.appendRow(Row{5, 0, EventKind::ActorStart, kNoObject, 0, 1});
    store.appendRow(Row{10, 1, EventKind::ActorStart, kNoObject, 0, 0});
    store.appendRow(Row{20, 1, EventKind::CpuTime, kNoObject, 40'000'000, 0});
    store.appendRow(Row{30, 1, EventKind::CpuTime, kNoObject, 2'500'000'000, 0});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    ProcessTreeModel tree(&timeline);
    tree.sync();
    const auto& lane = timeline.lanes()[static_cast<std::size_t>(timeline.laneOfActor(1))];
    EXPECT_EQ(lane.cpuAt(15), -1);
    EXPECT_EQ(lane.cpuAt(25), 40'000'000);
    EXPECT_EQ(lane.cpuAt(1'000), 2'500'000'000);
    const auto main = tree.index(0, ProcessTreeModel::Cpu);
    const auto consumer = tree.index(0, ProcessTreeModel::Cpu, tree.index(0, 0));
    tree.setCursorTime(25);
    EXPECT_FALSE(tree.data(main, Qt::DisplayRole).isValid()) << "main never reported";
    EXPECT_EQ(tree.data(consumer, Qt::DisplayRole).toString(), QStringLiteral("40 ms"));
    tree.setCursorTime(35);
    EXPECT_EQ(tree.data(consumer, Qt::DisplayRole).toString(), QStringLiteral("2.50 s"));
}

// Sixteen philosophers stay readable: lanes keep a minimum height and the rest scroll; a
// process's threads fold into its first lane and come back.
TEST(TimelineView, ManyLanesScrollAtAMinimumHeightAndAProcessFoldsIntoItsFirstLane) {
    EventStore store(32);
    std::vector<ActorInfo> actors{
        ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0}};
    for (std::uint32_t a = 1; a <= 16; ++a)
        actors.push_back(ActorInfo{a, 100, 1, 100 + static_cast<int>(a),
                                   "thread " + std::to_string(a), ActorRole::Thread, 0, 0});
    actors.push_back(ActorInfo{17, 200, 100, 200, "child", ActorRole::ProcessMain, 0, 0});
    store.setActors(actors);
    for (std::uint32_t a = 0; a < actors.size(); ++a) {
        store.appendRow(Row{10 + a, a, EventKind::ActorStart, kNoObject, 0, 0});
        store.appendRow(Row{1'000'000 + a, a, EventKind::WorkBegin, kNoObject, 1, 0});
    }
    store.publish();
    TimelineModel model;
    model.reset(&store);
    TimeCursor cursor;
    TimelineView view(&model, &cursor);
    view.resize(900, 420);
    view.show();
    ASSERT_TRUE(waitFor(
        [&] { return view.rowsShown() > 0 && view.canvas()->laneLayout().yMid.size() == 18; }));
    EXPECT_EQ(view.rowCount(), 18);
    ASSERT_LT(view.rowsShown(), 18) << "18 lanes do not fit 420 px at a readable height";
    const auto& layout = view.canvas()->laneLayout();
    EXPECT_GE(layout.yMid[1] - layout.yMid[0], view.minLanePitch() - 1);
    EXPECT_FALSE(layout.inView(17)) << "the last lane is a scroll away";

    view.scrollToRow(100);  // clamped to the last page
    EXPECT_EQ(view.firstRow(), 18 - view.rowsShown());
    EXPECT_EQ(view.laneOfRow(view.firstRow() + view.rowsShown() - 1), model.laneOfActor(17));
    ASSERT_TRUE(waitFor([&] { return view.canvas()->laneLayout().inView(17); }));
    EXPECT_FALSE(view.canvas()->laneLayout().inView(0));

    // Fold process 100: main keeps a row, its 16 threads go, the child process stays.
    view.setProcessCollapsed(100, true);
    EXPECT_EQ(view.rowCount(), 2);
    EXPECT_EQ(view.firstRow(), 0);
    EXPECT_EQ(view.laneOfRow(0), model.laneOfActor(0));
    EXPECT_EQ(view.laneOfRow(1), model.laneOfActor(17));
    ASSERT_TRUE(waitFor([&] {
        const auto& l = view.canvas()->laneLayout();
        return l.yMid.size() == 18 && l.hidden(static_cast<std::size_t>(model.laneOfActor(5))) &&
               l.inView(static_cast<std::size_t>(model.laneOfActor(17)));
    }));
    view.setProcessCollapsed(100, false);
    EXPECT_EQ(view.rowCount(), 18);
}

// A long cycle is named briefly (first and last steps, and how many are caught) where the whole
// sentence would leave no room for the graph; short ones are named in full either way.
TEST(WaitForModel, ALongCycleHasABriefSentenceWithItsFirstAndLastSteps) {
    EventStore store(8);
    setThreads(store, 6);
    std::vector<ObjectInfo> locks;
    for (std::uint32_t l = 0; l < 6; ++l)
        locks.push_back(ObjectInfo{l + 1, ObjectKind::Mutex,
                                   std::string("lock ") + static_cast<char>('A' + l), 0, 0});
    store.setObjects(locks);
    // Thread t holds lock t + 1 and asks for the next one round the table.
    for (std::uint32_t t = 0; t < 6; ++t) {
        store.appendRow(Row{10 + t, t, EventKind::LockRequest, t + 1, 0, 0});
        store.appendRow(Row{20 + t, t, EventKind::LockAcquired, t + 1, 0, 0});
        store.appendRow(Row{30 + t, t, EventKind::LockRequest, (t + 1) % 6 + 1, 0, 0});
    }
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    WaitForModel model(timeline.names());
    model.reset(&store);
    // The graph reads the store itself, ahead of the events handed to append(): its threads and
    // locks are nodes all the same (a view of a cycle with nodes missing leaves out edges).
    model.setCursorTime(100);
    EXPECT_EQ(model.threads().size(), 6u);
    EXPECT_EQ(model.locks().size(), 6u);
    model.append(0, store.size());
    ASSERT_EQ(model.cycle().size(), 6u);
    EXPECT_TRUE(model.sentence().contains(
        QStringLiteral("held by thread 3, which waits for lock E, held by thread 4")))
        << model.sentence().toStdString();
    const auto brief = model.briefSentence();
    EXPECT_TRUE(brief.startsWith(QStringLiteral("Deadlock: 6 threads in a circle")))
        << brief.toStdString();
    EXPECT_TRUE(
        brief.contains(model.names().actor(model.cycle().front()) + QStringLiteral(" waits for")));
    EXPECT_LT(brief.size(), model.sentence().size());
    model.setCursorTime(25);  // before anyone waits
    EXPECT_EQ(model.briefSentence(), model.sentence());
}

// The shared counter at any time: the latest write's value, and the threads that have read
// and not yet written back, with what they read.
TEST(SharedVariableModel, TheValueAndEachThreadsCopyBetweenItsReadAndItsWrite) {
    EventStore store(4);
    setThreads(store, 2);
    store.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 4}});
    auto add = [&](std::int64_t t, std::uint32_t actor, EventKind kind, std::int64_t a,
                   std::int64_t b) {
        store.appendRow(Row{t, actor, kind, 1, a, b});
    };
    // Both read 0; thread 0 writes 1; thread 1 writes 1 over it (the update lost).
    add(10, 0, EventKind::SharedRead, 0, 0);
    add(12, 1, EventKind::SharedRead, 0, 0);
    add(20, 0, EventKind::SharedWrite, 1, 0);
    add(25, 1, EventKind::SharedWrite, 1, 1);
    store.publish();
    SharedVariableModel model;
    model.reset(&store);
    model.append(0, store.size());
    ASSERT_TRUE(model.hasVariables());
    auto at = [&](std::int64_t t) { return model.stateAt(t).at(0); };
    EXPECT_EQ(at(5).value, 0);
    EXPECT_TRUE(at(5).copies.empty());
    EXPECT_EQ(at(11).copies.size(), 1u);
    const auto both = at(15);
    ASSERT_EQ(both.copies.size(), 2u);
    EXPECT_EQ(both.copies[0].read, 0);
    EXPECT_EQ(both.copies[1].read, 0);
    const auto oneWrote = at(22);
    EXPECT_EQ(oneWrote.value, 1);
    ASSERT_EQ(oneWrote.copies.size(), 1u);
    EXPECT_EQ(oneWrote.copies[0].actor, 1u);  // still holds 0: its write will lose thread 0's
    EXPECT_EQ(at(30).value, 1);
    EXPECT_TRUE(at(30).copies.empty());
}
