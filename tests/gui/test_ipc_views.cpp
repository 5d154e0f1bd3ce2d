// The views of processes and IPC: the process tree's zombies and orphans, the pipe model, a
// shared segment's bytes; from hand-made stores (exact times) and from real runs.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QTest>
#include <algorithm>
#include <csignal>

#include "core/analysis/actor_states.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_model.h"
#include "ui/views/buffer_model.h"
#include "ui/views/buffer_view.h"
#include "ui/views/pipe_model.h"
#include "ui/views/process_tree_model.h"
#include "ui/views/signal_model.h"
#include "ui/window/main_window.h"
#include "ui/window/run_models.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

// The row of the process `pid` under `parent`, or an invalid index.
QModelIndex findPid(const ProcessTreeModel& tree, int pid, const QModelIndex& parent = {}) {
    for (int r = 0; r < tree.rowCount(parent); ++r) {
        const auto i = tree.index(r, ProcessTreeModel::Pid, parent);
        if (tree.data(i, Qt::DisplayRole).toInt() == pid) return tree.index(r, 0, parent);
        if (const auto deeper = findPid(tree, pid, tree.index(r, 0, parent)); deeper.isValid())
            return deeper;
    }
    return {};
}

int ppidShown(const ProcessTreeModel& tree, const QModelIndex& node) {
    return tree.data(tree.index(node.row(), ProcessTreeModel::Ppid, node.parent()), Qt::DisplayRole)
        .toInt();
}

}  // namespace

TEST(ProcessTreeModel, AnOrphanMovesUnderTheSubreaperAtTheCursorAndAZombieIsShownUntilReaped) {
    // main (100) forks middle (101), which forks orphan (102) and ends; the kernel re-parents
    // the orphan to main at 55; main sees middle as a zombie and reaps it at 80.
    EventStore store(3);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 100, 101, "middle", ActorRole::ProcessMain, 0, 0},
                     ActorInfo{2, 102, 101, 102, "orphan", ActorRole::ProcessMain, 1, 0}});
    store.appendRow(Row{5, 0, EventKind::ActorStart, kNoObject, -1, 1});
    store.appendRow(Row{6, 0, EventKind::ProcessFork, kNoObject, 101, 1});
    store.appendRow(Row{10, 1, EventKind::ActorStart, kNoObject, 0, 1});
    store.appendRow(Row{11, 1, EventKind::ProcessFork, kNoObject, 102, 2});
    store.appendRow(Row{15, 2, EventKind::ActorStart, kNoObject, 1, 1});
    store.appendRow(Row{50, 1, EventKind::ActorExit, kNoObject, 0, 0});
    store.appendRow(Row{55, 2, EventKind::ProcessReparent, kNoObject, 102, 100});
    store.appendRow(Row{60, 0, EventKind::ProcessZombie, kNoObject, 101, 0});
    store.appendRow(Row{80, 0, EventKind::ProcessExit, kNoObject, 101, exitStatusExited(0)});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    ProcessTreeModel tree(&timeline);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::Fatal);
    tree.sync();
    const auto middleName = [&] {
        return tree.data(findPid(tree, 101), Qt::DisplayRole).toString();
    };

    tree.setCursorTime(40);
    auto orphan = findPid(tree, 102);
    ASSERT_TRUE(orphan.isValid());
    EXPECT_EQ(
        tree.data(orphan.parent().siblingAtColumn(ProcessTreeModel::Pid), Qt::DisplayRole).toInt(),
        101)
        << "before its parent ends, the orphan-to-be is drawn under it";
    EXPECT_EQ(ppidShown(tree, orphan), 101);
    EXPECT_EQ(middleName(), QStringLiteral("middle"));

    tree.setCursorTime(70);
    orphan = findPid(tree, 102);
    ASSERT_TRUE(orphan.isValid());
    EXPECT_EQ(
        tree.data(orphan.parent().siblingAtColumn(ProcessTreeModel::Pid), Qt::DisplayRole).toInt(),
        100)
        << "re-parented: under main, the run's subreaper";
    EXPECT_EQ(ppidShown(tree, orphan), 100);
    EXPECT_TRUE(middleName().contains(QStringLiteral("zombie"))) << middleName().toStdString();
    const auto middleState = findPid(tree, 101).siblingAtColumn(ProcessTreeModel::State);
    EXPECT_TRUE(
        tree.data(middleState, Qt::DisplayRole).toString().startsWith(QStringLiteral("zombie")));

    tree.setCursorTime(90);
    EXPECT_EQ(middleName(), QStringLiteral("middle")) << "reaped: no longer a zombie";
    EXPECT_TRUE(tree.data(findPid(tree, 101), Qt::FontRole).value<QFont>().strikeOut());

    tree.setCursorTime(40);  // seeking back moves it back
    orphan = findPid(tree, 102);
    EXPECT_EQ(
        tree.data(orphan.parent().siblingAtColumn(ProcessTreeModel::Pid), Qt::DisplayRole).toInt(),
        101);
    EXPECT_EQ(timeline.processName(100), QStringLiteral("main (pid 100)"));
}

TEST(TimelineModel, ASignalToOneThreadNamesTheThreadNotAProcess) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 100, 1, 103, "worker thread", ActorRole::Thread, 0, 0}});
    store.appendRow(Row{10, 1, EventKind::ActorStart, kNoObject, 0, 0});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    EXPECT_EQ(timeline.processName(100), QStringLiteral("main (pid 100)"));
    EXPECT_EQ(timeline.processName(103), QStringLiteral("worker thread (tid 103)"));
    EXPECT_EQ(timeline.processName(999), QStringLiteral("process 999"));
}

TEST(PipeModel, FillMessagesAndWhoWaitsAtAnyTime) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 100, 101, "reader", ActorRole::ProcessMain, 0, 0}});
    store.setObjects({ObjectInfo{1, ObjectKind::Pipe, "pipe", 8192, 100, ObjectRole::Own, 0}});
    // Out of time order across actors, as rings are drained one at a time.
    store.appendRow(Row{10, 0, EventKind::MsgSend, 1, 1, 4096});
    store.appendRow(Row{20, 0, EventKind::MsgSend, 1, 2, 8192});
    store.appendRow(Row{30, 0, EventKind::MsgSendBlocks, 1, 8192, 0});
    store.appendRow(Row{5, 1, EventKind::MsgReceiveBlocks, 1, 0, 0});
    store.appendRow(Row{40, 1, EventKind::MsgReceive, 1, 1, 4096});
    store.appendRow(Row{41, 0, EventKind::MsgSend, 1, 3, 8192});
    store.appendRow(Row{60, 1, EventKind::MsgReceive, 1, 2, 4096});
    store.appendRow(Row{70, 1, EventKind::MsgReceive, 1, 3, 0});
    store.appendRow(Row{80, 1, EventKind::MsgEnd, 1, 3, 0});
    store.publish();
    PipeModel model;
    model.reset(&store);
    ASSERT_EQ(model.pipeCount(), 1);
    EXPECT_EQ(model.capacity(0), 8192u);
    EXPECT_EQ(model.stateAt(0, 0).sends, 0u);
    auto s = model.stateAt(0, 7);
    EXPECT_TRUE(s.readerBlocked);
    EXPECT_EQ(s.messagesInPipe(), 0);
    s = model.stateAt(0, 35);
    EXPECT_TRUE(s.writerBlocked) << "full: the writer waits in write()";
    EXPECT_TRUE(s.readerBlocked) << "its wait ends only with its first read, at 40";
    EXPECT_EQ(s.fill, 8192);
    EXPECT_EQ(s.messagesInPipe(), 2);
    EXPECT_EQ(s.lastReceived, 0);
    s = model.stateAt(0, 50);
    EXPECT_FALSE(s.writerBlocked);
    EXPECT_FALSE(s.readerBlocked);
    EXPECT_EQ(s.messagesInPipe(), 2);  // 2 and 3
    EXPECT_EQ(s.lastReceived, 1);
    s = model.stateAt(0, 1000);
    EXPECT_TRUE(s.ended);
    EXPECT_EQ(s.messagesInPipe(), 0);
    EXPECT_EQ(s.sends, 3u);
    EXPECT_EQ(s.receives, 3u);
    // Sent before its reader had the previous one: arrows 1, 2 and 3 from writer to reader.
    TimelineModel timeline;
    timeline.reset(&store);
    int items = 0;
    for (const auto& l : timeline.links())
        if (l.kind == Link::Kind::Item) {
            ++items;
            EXPECT_EQ(l.fromActor, 0u);
            EXPECT_EQ(l.toActor, 1u);
            EXPECT_LE(l.t0, l.t1);
        }
    EXPECT_EQ(items, 3);
}

TEST(PipeModel, AQueueHoldsItsMessagesHighestPriorityFirstAndASocketInOrder) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 100, 101, "reader", ActorRole::ProcessMain, 0, 0}});
    store.setObjects({ObjectInfo{1, ObjectKind::MessageQueue, "queue", 4, 100, ObjectRole::Own, 0},
                      ObjectInfo{2, ObjectKind::Socket, "socket", 0, 100, ObjectRole::Own, 0}});
    // Queue: 1 (priority 0), 2 (priority 2), 3 (priority 1), 4 (priority 2); the reader takes 2.
    store.appendRow(Row{10, 0, EventKind::MsgSend, 1, 1, packMsgFill(1, 0)});
    store.appendRow(Row{20, 0, EventKind::MsgSend, 1, 2, packMsgFill(2, 2)});
    store.appendRow(Row{30, 0, EventKind::MsgSend, 1, 3, packMsgFill(3, 1)});
    store.appendRow(Row{40, 0, EventKind::MsgSend, 1, 4, packMsgFill(4, 2)});
    store.appendRow(Row{50, 1, EventKind::MsgReceive, 1, 2, packMsgFill(3, 2)});
    // Socket: 9 then 16 sent; the sender cannot measure the fill, the receiver can.
    store.appendRow(Row{11, 0, EventKind::MsgSend, 2, 9, 0});
    store.appendRow(Row{12, 0, EventKind::MsgSend, 2, 16, 0});
    store.appendRow(Row{13, 1, EventKind::MsgReceive, 2, 9, packMsgFill(64)});
    store.appendRow(Row{14, 0, EventKind::MsgSend, 2, 25, 0});
    store.publish();
    PipeModel model;
    model.reset(&store);
    ASSERT_EQ(model.pipeCount(), 2);
    EXPECT_EQ(model.kind(0), ObjectKind::MessageQueue);
    using Held = std::vector<std::pair<std::int64_t, std::int64_t>>;
    auto held = [&](int pipe, std::int64_t t) {
        Held out;
        for (const auto& m : model.messagesHeld(pipe, model.stateAt(pipe, t), 16))
            out.emplace_back(m.number, m.priority);
        return out;
    };
    EXPECT_EQ(held(0, 45), (Held{{2, 2}, {4, 2}, {3, 1}, {1, 0}}))
        << "highest priority first, oldest first within one";
    EXPECT_EQ(held(0, 55), (Held{{4, 2}, {3, 1}, {1, 0}}));
    EXPECT_EQ(model.stateAt(0, 55).fill, 3) << "a queue's fill counts messages";
    EXPECT_EQ(model.stateAt(0, 55).lastReceived, 2);
    EXPECT_EQ(held(1, 12), (Held{{9, 0}, {16, 0}}));
    EXPECT_EQ(held(1, 20), (Held{{16, 0}, {25, 0}})) << "first in, first out";
    EXPECT_EQ(model.stateAt(1, 20).fill, 64) << "a send does not overwrite what a receive measured";
    EXPECT_EQ(model.messagesHeld(1, model.stateAt(1, 20), 1).size(), 1u) << "at most `max`";
}

TEST(ProcessTreeModel, AProcessKilledByASignalSaysSoFromItsEndOn) {
    EventStore store(3);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 100, 101, "crasher", ActorRole::ProcessMain, 0, 0},
                     ActorInfo{2, 101, 100, 102, "faulty", ActorRole::Thread, 1, 0}});
    store.appendRow(Row{5, 0, EventKind::ActorStart, kNoObject, -1, 1});
    store.appendRow(Row{10, 1, EventKind::ActorStart, kNoObject, 0, 1});
    store.appendRow(Row{12, 2, EventKind::ActorStart, kNoObject, 1, 1});
    store.appendRow(Row{30, 2, EventKind::ProcessFault, kNoObject, SIGSEGV, 4096});
    store.appendRow(
        Row{31, 0, EventKind::ProcessExit, kNoObject, 101, exitStatusSignaled(SIGSEGV)});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    EXPECT_TRUE(timeline.hasFaults());
    EXPECT_EQ(timeline.killedBy(101, 30), 0);
    EXPECT_EQ(timeline.killedBy(101, 31), SIGSEGV);
    ProcessTreeModel tree(&timeline);
    tree.sync();
    tree.setCursorTime(20);
    EXPECT_EQ(tree.data(findPid(tree, 101), Qt::DisplayRole).toString(), QStringLiteral("crasher"));
    tree.setCursorTime(40);
    EXPECT_EQ(tree.data(findPid(tree, 101), Qt::DisplayRole).toString(),
              QStringLiteral("crasher — killed by SIGSEGV"));
    // Its thread ended with it, at the same moment.
    const auto& lanes = timeline.lanes();
    const auto faulty =
        std::find_if(lanes.begin(), lanes.end(), [](const Lane& l) { return l.actor == 2u; });
    ASSERT_NE(faulty, lanes.end());
    EXPECT_EQ(faulty->tracker.stateAt(35), ActorState::Exited);
    EXPECT_NE(faulty->tracker.stateAt(25), ActorState::Exited);
}

TEST(SignalModel, AStandardSignalSentWhilePendingIsLostAndARealTimeOneWaits) {
    EventStore store(2);
    store.setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 100, 101, "receiver", ActorRole::ProcessMain, 0, 0}});
    store.setObjects(
        {ObjectInfo{1, ObjectKind::Signal, "SIGUSR1", 1, 100, ObjectRole::Own, 0},
         ObjectInfo{2, ObjectKind::Signal, "SIGRTMIN", 1000, 100, ObjectRole::Own, 0}});
    store.appendRow(Row{5, 1, EventKind::SignalBlocked, 1, 1, 0});
    store.appendRow(Row{5, 1, EventKind::SignalBlocked, 2, 1, 0});
    for (std::int64_t n = 1; n <= 3; ++n) {
        store.appendRow(Row{10 * n, 0, EventKind::SignalSend, 1, 101, n});
        store.appendRow(Row{10 * n + 1, 0, EventKind::SignalSend, 2, 101, n});
    }
    store.appendRow(Row{50, 1, EventKind::SignalBlocked, 1, 0, 0});
    store.appendRow(Row{51, 1, EventKind::SignalHandled, 1, 100, 1});
    for (std::int64_t n = 1; n <= 3; ++n)
        store.appendRow(Row{51 + n, 1, EventKind::SignalHandled, 2, 100, n});
    store.publish();
    SignalModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reset(&store);
    ASSERT_EQ(model.signalCount(), 2);
    auto s = model.stateAt(0, 40);
    EXPECT_TRUE(s.blocked);
    EXPECT_EQ(s.sent, 3);
    EXPECT_EQ(s.waiting, 1) << "one SIGUSR1 is kept";
    EXPECT_EQ(s.lost, 2) << "the two sent while it was pending";
    s = model.stateAt(1, 40);
    EXPECT_EQ(s.waiting, 3) << "real-time signals queue";
    EXPECT_EQ(s.lost, 0);
    s = model.stateAt(0, 100);
    EXPECT_EQ(s.handled, 1);
    EXPECT_EQ(s.waiting, 0);
    EXPECT_EQ(s.lost, 2);
    EXPECT_EQ(model.stateAt(1, 100).handled, 3);
    model.setCursorTime(40);
    EXPECT_EQ(model.data(model.index(0, SignalModel::Lost), Qt::DisplayRole).toLongLong(), 2);
    // Each delivery names its send: one arrow for SIGUSR1 (#1), three for SIGRTMIN.
    TimelineModel timeline;
    timeline.reset(&store);
    EXPECT_TRUE(timeline.hasSignals());
    int arrows = 0;
    for (const auto& l : timeline.links())
        if (l.kind == Link::Kind::Item) {
            ++arrows;
            EXPECT_EQ(l.fromActor, 0u);
            EXPECT_EQ(l.toActor, 1u);
        }
    EXPECT_EQ(arrows, 4);
}

namespace {
// A producer and a consumer process and one shared segment of `slotCount` slots (object 1).
void withSharedSegment(EventStore& store, std::uint32_t slotCount) {
    store.setActors({ActorInfo{0, 100, 1, 100, "producer", ActorRole::ProcessMain, kNoActor, 0},
                     ActorInfo{1, 101, 1, 101, "consumer", ActorRole::ProcessMain, kNoActor, 0}});
    store.setObjects(
        {ObjectInfo{1, ObjectKind::SharedSegment, "segment", slotCount, 100, ObjectRole::Own, 0}});
}
}  // namespace

TEST(BufferModel, ASharedSegmentKeepsTheBytesOfATakenItem) {
    EventStore store(2);
    withSharedSegment(store, 2);
    store.appendRow(Row{10, 0, EventKind::QueuePut, 1, 7, (std::int64_t{0} << 32) | 1});
    store.appendRow(Row{20, 1, EventKind::QueueGet, 1, 7, (std::int64_t{0} << 32) | 0});
    store.publish();
    BufferModel model;
    model.reset(&store);
    ASSERT_EQ(model.queueCount(), 1);
    EXPECT_TRUE(model.isSharedSegment(0));
    auto s = model.stateAt(0, 15);
    EXPECT_EQ(s.items[0], 7);
    EXPECT_EQ(s.written[0], 7);
    s = model.stateAt(0, 25);
    EXPECT_EQ(s.items[0], -1) << "taken";
    EXPECT_EQ(s.written[0], 7) << "its bytes stay in memory";
    EXPECT_EQ(s.written[1], -1) << "never written";
}

TEST(BufferView, AMovingCursorRepaintsOnlyTheSlotAndTitlesThatChanged) {
    // A live run moves the cursor every frame: the view asks for a repaint of what changed at
    // the new time (a slot put into, the titles that count it), never of the whole buffer, and
    // of nothing when nothing changed.
    EventStore store(2);
    withSharedSegment(store, 4);
    store.appendRow(Row{10, 0, EventKind::QueuePut, 1, 7, (std::int64_t{0} << 32) | 1});
    store.appendRow(Row{2'000'000'000, 0, EventKind::QueuePut, 1, 8, (std::int64_t{1} << 32) | 2});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    BufferModel model;
    TimeCursor cursor;
    BufferView view(&model, &timeline, &cursor);
    view.resize(600, 400);
    model.reset(&store);
    cursor.setTime(1'000'000'000);  // item 7 in slot 0, its highlight long faded
    cursor.setTime(1'500'000'000);
    EXPECT_TRUE(view.lastDirty().isEmpty()) << "nothing changed between the two times";

    cursor.setTime(2'000'000'001);  // item 8 lands in slot 1 (and the tail moves on to slot 2)
    const QRegion dirty = view.lastDirty();
    ASSERT_FALSE(dirty.isEmpty());
    EXPECT_NE(dirty, QRegion(view.rect()));
    const QFontMetrics fm(view.font());
    const int slotMiddle = 2 * fm.height() + 25 + 20;  // slots sit under two title lines and a bar
    EXPECT_TRUE(dirty.contains(QPoint(150, slotMiddle))) << "slot 1, where item 8 landed";
    EXPECT_FALSE(dirty.contains(QPoint(50, slotMiddle))) << "slot 0 did not change";
    EXPECT_TRUE(dirty.contains(QPoint(20, fm.height()))) << "the title counts the new item";
    EXPECT_FALSE(dirty.contains(QPoint(20, 390))) << "nothing below the buffer";
}

TEST(IpcViews, ARealPipeRunAndARealOrphanRunAsTheViewsSeeThem) {
    RunSession session;
    TimelineModel timeline;
    PipeModel pipes;
    ProcessTreeModel tree(&timeline);
    QObject::connect(&session, &RunSession::storeReset, [&](const EventStore* s) {
        timeline.reset(s);
        pipes.reset(s);
    });
    QObject::connect(&session, &RunSession::eventsAppended, [&](quint64 a, quint64 b) {
        timeline.append(a, b);
        pipes.append(a, b);
        tree.sync();
    });
    ASSERT_EQ(session.start(QStringLiteral("pipe"),
                            {QStringLiteral("messages=12"), QStringLiteral("write_ms=0"),
                             QStringLiteral("read_ms=5"), QStringLiteral("stages=2")},
                            1.0),
              QString());
    ASSERT_TRUE(waitFor([&] { return !session.active(); }, 20'000));
    // The run's last events come after its end (a queued signal): both pipes closed and drained.
    const auto drained = [&](int i, std::uint64_t messages) {
        const auto s = pipes.stateAt(i, timeline.lastNs());
        return s.ended && s.receives == messages;
    };
    ASSERT_TRUE(
        waitFor([&] { return pipes.pipeCount() == 2 && drained(0, 12) && drained(1, 12); }, 5'000))
        << pipes.pipeCount() << " pipes";
    for (int i = 0; i < 2; ++i) {
        const auto s = pipes.stateAt(i, timeline.lastNs());
        EXPECT_EQ(s.sends, 12u);
        EXPECT_EQ(s.receives, 12u);
        EXPECT_TRUE(s.ended);
        EXPECT_EQ(s.fill, 0);
    }

    ASSERT_EQ(session.start(QStringLiteral("orphans-and-zombies"),
                            {QStringLiteral("child_ms=50"), QStringLiteral("zombie_ms=200"),
                             QStringLiteral("orphan_ms=300")},
                            1.0),
              QString());
    ASSERT_TRUE(waitFor([&] { return !session.active(); }, 20'000));
    const auto* store = session.store();
    int labPid = 0, orphanPid = 0;
    std::int64_t zombieSeen = -1, reaped = -1;
    for (const auto& a : store->actors()) {
        if (a.name == "main") labPid = a.pid;
        if (a.name == "orphan") orphanPid = a.pid;
    }
    int shortLived = 0;
    for (const auto& a : store->actors())
        if (a.name == "short-lived child") shortLived = a.pid;
    for (std::size_t i = 0; i < store->size(); ++i) {
        const auto r = store->row(i);
        if (r.kind == EventKind::ProcessZombie && r.a == shortLived) zombieSeen = r.ns;
        if (r.kind == EventKind::ProcessExit && r.a == shortLived) reaped = r.ns;
    }
    ASSERT_GE(zombieSeen, 0) << "the zombie was seen in /proc";
    EXPECT_LT(zombieSeen, reaped) << "... before it was reaped";
    // The tree takes the run's last events in after its end (a queued signal): the orphan
    // under its new parent is the last of them.
    EXPECT_TRUE(waitFor(
        [&] {
            tree.setCursorTime(timeline.lastNs());
            const auto orphan = findPid(tree, orphanPid);
            return orphan.isValid() && ppidShown(tree, orphan) == labPid;
        },
        5'000));
    // Between the two, the tree says so.
    tree.setCursorTime((zombieSeen + reaped) / 2);
    EXPECT_TRUE(tree.data(findPid(tree, shortLived), Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("zombie")));
    tree.setCursorTime(timeline.lastNs());
    const auto orphan = findPid(tree, orphanPid);
    ASSERT_TRUE(orphan.isValid());
    EXPECT_EQ(ppidShown(tree, orphan), labPid) << "its new parent is the subreaper";
    EXPECT_EQ(
        tree.data(orphan.parent().siblingAtColumn(ProcessTreeModel::Pid), Qt::DisplayRole).toInt(),
        labPid);
}

TEST(ActorStateTracker, AProcessIsAZombieFromItsEndUntilItIsReapedAThreadIsNot) {
    ActorStateTracker process(101, true), thread(101, false);
    for (auto* t : {&process, &thread}) {
        t->feed(Row{10, 1, EventKind::ActorStart, kNoObject, 0, 1});
        t->feed(Row{50, 1, EventKind::ActorExit, kNoObject, 0, 0});
    }
    EXPECT_EQ(process.stateAt(60), ActorState::Zombie);
    EXPECT_FALSE(process.ended());
    EXPECT_EQ(thread.stateAt(60), ActorState::Exited);
    // A zombie does nothing more; its reaping ends it.
    process.feed(Row{70, 1, EventKind::WorkBegin, kNoObject, 5, 0});
    EXPECT_EQ(process.stateAt(75), ActorState::Zombie);
    process.processEnded(80);
    EXPECT_TRUE(process.ended());
    EXPECT_EQ(process.stateAt(65), ActorState::Zombie);
    EXPECT_EQ(process.stateAt(90), ActorState::Exited);
    const auto segments = process.segmentsUntil(100);
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments.back().state, ActorState::Zombie);
    EXPECT_EQ(segments.back().begin, 50);
    EXPECT_EQ(segments.back().end, 80);
}

// The process scenarios show their own views before a run, and a real pipe run fills its view.
TEST(MainWindowOffscreen, ProcessScenariosShowTheirViewsAndARealPipeRunFillsItsView) {
    LaunchOptions options;
    options.scenario = QStringLiteral("shared-memory");
    {
        MainWindow window(options);
        window.resize(1280, 720);
        window.show();
        EXPECT_TRUE(waitFor([&] { return window.bufferView()->isVisible(); }))
            << "the segment's slots and bytes";
        EXPECT_FALSE(window.pipesBox()->isVisible());
    }
    options.scenario = QStringLiteral("orphans-and-zombies");
    {
        MainWindow window(options);
        window.resize(1280, 720);
        window.show();
        EXPECT_TRUE(waitFor([&] { return window.processTreeBox()->isVisible(); }));
        EXPECT_FALSE(window.pipesBox()->isVisible());
        EXPECT_FALSE(window.bufferView()->isVisible());
    }
    options.scenario = QStringLiteral("pipe");
    options.assignments = {QStringLiteral("messages=6"), QStringLiteral("write_ms=0"),
                           QStringLiteral("read_ms=20")};
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    EXPECT_TRUE(waitFor([&] { return window.pipesBox()->isVisible(); }));
    EXPECT_TRUE(window.processTreeBox()->isVisible());
    ASSERT_TRUE(waitFor([&] { return !window.session()->active(); }, 20'000));
    // The run's last events come after its end (a queued signal): the pipe closed and drained.
    const auto state = [&] {
        return window.models()->pipes()->stateAt(0, window.models()->timeline()->lastNs());
    };
    ASSERT_TRUE(waitFor(
        [&] {
            return window.models()->pipes()->pipeCount() == 1 && state().ended &&
                   state().receives == 6;
        },
        5'000))
        << window.models()->pipes()->pipeCount() << " pipes";
    const auto s = state();
    EXPECT_EQ(s.receives, 6u);
    EXPECT_TRUE(s.ended);
    window.pipesBox()->repaint();  // paints every part of the view once (ASan sees it)
}
