// Manual scheduling on real runs: real threads of a real interleave-lab wait at each checkpoint
// for a grant addressed to them, through one futex per actor in the shared channel. Checked
// from the recorded events (order and counts, never times).

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/analysis/goals.h"
#include "core/analysis/lost_update.h"
#include "core/analysis/schedule.h"
#include "core/supervise/schedule_replay.h"
#include "core/supervise/scheduler.h"
#include "core/supervise/supervisor.h"

using namespace interleave;

namespace {

constexpr std::chrono::seconds kPatience{20};  // never reached in a passing run

// A run of `scenario` scheduled by hand, driven as the window drives it.
class ManualRun {
  public:
    ManualRun(const std::string& scenario, std::vector<std::string> assignments) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = scenario;
        o.assignments = std::move(assignments);
        o.schedule = ScheduleMode::Manual;
        m_sup = std::make_unique<Supervisor>(o);
        m_sup->start();
        m_scheduler = std::make_unique<Scheduler>(m_sup->channel());
    }
    ~ManualRun() { m_sup->stop(); }

    Scheduler& scheduler() { return *m_scheduler; }
    Supervisor& sup() { return *m_sup; }

    // Waits until every actor stands still and the reader has every checkpoint event they wrote.
    void settle() {
        ASSERT_TRUE(m_scheduler->waitQuiescent(kPatience));
        std::size_t expected = 0;
        for (const auto& t : m_scheduler->turns())
            expected += t.passed * 2 + (t.state == TurnState::AtCheckpoint ? 1 : 0);
        const auto deadline = std::chrono::steady_clock::now() + kPatience;
        while (checkpointEvents() < expected && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ASSERT_GE(checkpointEvents(), expected);
    }

    // Grants one step to the actor called `name`, which must be waiting for one.
    void step(const std::string& name) {
        settle();
        const auto actor = m_scheduler->findActor(name);
        ASSERT_NE(actor, kNoActor) << name;
        ASSERT_EQ(m_scheduler->turn(actor).state, TurnState::AtCheckpoint) << name;
        ASSERT_TRUE(m_scheduler->grant(actor)) << name;
        settle();
    }

    std::size_t countOf(EventKind kind, const std::string& actorName) const {
        std::uint32_t id = kNoActor;
        for (const auto& a : m_sup->store().actors())
            if (a.name == actorName) id = a.id;
        std::size_t n = 0;
        for (std::size_t i = 0; i < m_sup->store().size(); ++i)
            n += m_sup->store().kind(i) == kind && m_sup->store().actorOf(i) == id;
        return n;
    }

  private:
    std::size_t checkpointEvents() const {
        std::size_t n = 0;
        const auto& s = m_sup->store();
        for (std::size_t i = 0, end = s.size(); i < end; ++i)
            n += s.kind(i) == EventKind::CheckpointWait || s.kind(i) == EventKind::CheckpointPass;
        return n;
    }

    std::unique_ptr<Supervisor> m_sup;
    std::unique_ptr<Scheduler> m_scheduler;
};

const std::vector<std::string> kRace = {"threads=2", "increments=2", "variant=none"};

}  // namespace

TEST(Scheduler, NoActorPassesACheckpointWithoutAGrant) {
    ManualRun run("race-condition", kRace);
    run.settle();
    // Both threads stand at their first step, the read; the main thread at its join.
    for (const auto* name : {"thread 1", "thread 2"}) {
        const auto t = run.scheduler().turn(run.scheduler().findActor(name));
        EXPECT_EQ(t.state, TurnState::AtCheckpoint) << name;
        EXPECT_EQ(t.next, EventKind::SharedRead) << name;
        EXPECT_EQ(run.countOf(EventKind::SharedRead, name), 0u) << name;
        EXPECT_EQ(run.countOf(EventKind::CheckpointPass, name), 0u) << name;
    }
    EXPECT_EQ(run.scheduler().turn(run.scheduler().findActor("main")).next, EventKind::JoinRequest);
    // A grant to an actor that does not wait is refused and changes nothing.
    EXPECT_FALSE(run.scheduler().grant(kNoActor));
}

TEST(Scheduler, AGrantedActorPassesExactlyOneCheckpoint) {
    ManualRun run("race-condition", kRace);
    run.step("thread 1");
    EXPECT_EQ(run.countOf(EventKind::CheckpointPass, "thread 1"), 1u);
    EXPECT_EQ(run.countOf(EventKind::SharedRead, "thread 1"), 1u);
    EXPECT_EQ(run.countOf(EventKind::SharedWrite, "thread 1"), 0u);
    EXPECT_EQ(run.countOf(EventKind::CheckpointPass, "thread 2"), 0u);
    // Its next step, said before it is taken: write what it read plus one.
    const auto t = run.scheduler().turn(run.scheduler().findActor("thread 1"));
    EXPECT_EQ(t.state, TurnState::AtCheckpoint);
    EXPECT_EQ(t.next, EventKind::SharedWrite);
    EXPECT_EQ(t.arg, 1);
    run.step("thread 1");
    EXPECT_EQ(run.countOf(EventKind::SharedWrite, "thread 1"), 1u);
    EXPECT_EQ(run.countOf(EventKind::CheckpointPass, "thread 1"), 2u);
}

TEST(Scheduler, AnUpdateLostByHandIsRecognisedWithItsSteps) {
    ManualRun run("race-condition", kRace);
    for (const auto* who : {"thread 1", "thread 2", "thread 1", "thread 2"})
        run.step(who);
    const auto goal = findGoal(run.sup().store(), Goal::LostUpdate);
    ASSERT_TRUE(goal.has_value());
    EXPECT_EQ(goal->steps, 4u);
    EXPECT_NE(goal->how.find("an update is lost"), std::string::npos) << goal->how;
    EXPECT_FALSE(findGoal(run.sup().store(), Goal::Deadlock).has_value());
}

TEST(Scheduler, ADeadlockByHandIsRecognisedAndBlockedThreadsCannotBeChosen) {
    ManualRun run("deadlock", {"threads=2", "rounds=1", "fix=none"});
    run.step("thread 1");
    run.step("thread 2");
    run.step("thread 1");  // asks for the fork philosopher 2 holds: blocks in the kernel
    const auto p1 = run.scheduler().findActor("thread 1");
    EXPECT_EQ(run.scheduler().turn(p1).state, TurnState::Blocked);
    EXPECT_FALSE(run.scheduler().grant(p1));
    EXPECT_FALSE(findGoal(run.sup().store(), Goal::Deadlock).has_value());
    run.step("thread 2");
    const auto goal = findGoal(run.sup().store(), Goal::Deadlock);
    ASSERT_TRUE(goal.has_value());
    EXPECT_EQ(goal->steps, 4u);
}

TEST(Scheduler, AConsumerWaitingOnAnEmptyBufferIsRecognised) {
    ManualRun run("producer-consumer",
                  {"producers=1", "consumers=1", "items=2", "variant=condvar"});
    EXPECT_FALSE(findGoal(run.sup().store(), Goal::WaitsOnEmpty).has_value());
    run.step("consumer 1");  // takes the buffer's lock
    run.step("consumer 1");  // finds it empty: waits on "not empty"
    const auto goal = findGoal(run.sup().store(), Goal::WaitsOnEmpty);
    ASSERT_TRUE(goal.has_value());
    EXPECT_EQ(goal->steps, 2u);
}

TEST(Scheduler, AForkedChildWaitsForItsGrantsOnTheSameChannel) {
    ManualRun run("pipe", {"messages=2", "write_ms=0", "read_ms=0"});
    run.step("main");  // forks the reader
    const auto reader = run.scheduler().findActor("reader");
    ASSERT_NE(reader, kNoActor);
    const auto& entry = run.sup().channel().actor(reader);
    EXPECT_NE(entry.pid, run.sup().channel().actor(run.scheduler().findActor("main")).pid);
    EXPECT_EQ(run.scheduler().turn(reader).next, EventKind::MsgReceive);
    run.step("reader");  // reads an empty pipe: asleep in read(), in another process
    EXPECT_EQ(run.scheduler().turn(reader).state, TurnState::Blocked);
    EXPECT_FALSE(run.scheduler().grant(reader));
    EXPECT_EQ(run.countOf(EventKind::MsgReceive, "reader"), 0u);
    run.step("main");  // its write wakes the reader, which takes the message and stops again
    EXPECT_EQ(run.scheduler().turn(reader).state, TurnState::AtCheckpoint);
    EXPECT_EQ(run.countOf(EventKind::MsgReceive, "reader"), 1u);
    EXPECT_EQ(run.countOf(EventKind::CheckpointPass, "reader"), 1u);
}

TEST(Scheduler, AManualRunStopsOnRequestWithoutBeingKilled) {
    ManualRun run("race-condition", kRace);
    run.step("thread 1");
    run.sup().requestStop();
    // Woken through their futexes, the waiting threads see the stop and the scenario returns:
    // the lab exits by itself (status 0), not by the SIGTERM stop() would send.
    ASSERT_TRUE(run.sup().waitFinished(kPatience));
    ASSERT_TRUE(run.sup().labStatus().has_value());
    EXPECT_EQ(*run.sup().labStatus(), 0);
}

TEST(Scheduler, LeavingManualModeLetsTheRunFinishByItself) {
    ManualRun run("race-condition", kRace);
    run.step("thread 2");
    run.scheduler().setMode(ScheduleMode::Free);
    ASSERT_TRUE(run.sup().waitFinished(kPatience));
    EXPECT_EQ(run.countOf(EventKind::SharedWrite, "thread 1") +
                  run.countOf(EventKind::SharedWrite, "thread 2"),
              4u);
}

namespace {

// What the order test compares: who passed each checkpoint and which step it took there.
std::vector<std::string> passOrder(const EventStore& s) {
    std::map<std::uint32_t, std::string> names;
    for (const auto& a : s.actors())
        names[a.id] = a.name;
    std::vector<std::string> out;
    std::map<std::uint32_t, std::uint32_t> waitingFor;  // actor -> kind of its announced step
    for (const auto i : s.timeOrder()) {
        const auto r = s.row(i);
        if (r.kind == EventKind::CheckpointWait)
            waitingFor[r.actor] = static_cast<std::uint32_t>(r.a);
        if (r.kind == EventKind::CheckpointPass && r.a > 0)
            out.push_back(names[r.actor] + ":" +
                          std::string(kindName(static_cast<EventKind>(waitingFor[r.actor]))) + ":" +
                          std::to_string(r.object));
    }
    return out;
}

}  // namespace

TEST(Scheduler, AReplayedScheduleTakesTheSameStepsInTheSameOrderFiftyTimes) {
    std::vector<ScheduledActor> schedule;
    std::vector<std::string> recorded;
    std::int64_t lostValue = -1;
    {
        ManualRun run("race-condition", kRace);
        for (const auto* who : {"thread 1", "thread 2", "thread 2", "thread 1", "thread 1",
                                "thread 2", "thread 1", "thread 2"})
            run.step(who);
        run.scheduler().setMode(ScheduleMode::Free);
        ASSERT_TRUE(run.sup().waitFinished(kPatience));
        schedule = scheduleFromEvents(run.sup().store());
        recorded = passOrder(run.sup().store());
        const auto lost = firstLostUpdate(run.sup().store());
        ASSERT_TRUE(lost.has_value());
        lostValue = lost->value;
    }
    ASSERT_EQ(schedule.size(), 8u);
    for (int k = 0; k < 50; ++k) {
        RunOptions o;
        o.labPath = siblingLabPath();
        o.scenario = "race-condition";
        o.assignments = kRace;
        o.schedule = ScheduleMode::Manual;
        Supervisor sup(o);
        sup.start();
        {
            ScheduleReplay replay(sup.channel(), schedule, true);
            ASSERT_TRUE(sup.waitFinished(kPatience)) << "replay " << k;
            EXPECT_TRUE(replay.done());
            EXPECT_EQ(replay.error(), "");
            EXPECT_EQ(replay.given(), schedule.size());
        }
        sup.stop();
        ASSERT_EQ(passOrder(sup.store()), recorded) << "replay " << k;
        const auto lost = firstLostUpdate(sup.store());
        ASSERT_TRUE(lost.has_value()) << "replay " << k;
        EXPECT_EQ(lost->value, lostValue);
    }
}

TEST(Schedule, ActorNamesRoundTrip) {
    for (const ScheduledActor& a : {ScheduledActor{"thread 1", 0}, ScheduledActor{"worker", 2},
                                    ScheduledActor{"odd#name", 0}, ScheduledActor{"x#1y", 0}})
        EXPECT_EQ(parseScheduledActor(scheduledActorText(a)), a);
    EXPECT_EQ(parseScheduledActor("p#3"), (ScheduledActor{"p", 3}));
}
