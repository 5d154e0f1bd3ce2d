// Levels ("break it, then fix it"): the goals they ask for, read from made-up stores; the list
// itself (every scenario and parameter real, every fix a change); the progress file (kept, and
// a corrupt one set aside, never lost); and two small levels proven by every order on real
// threads. Every level's proof is in test_level_proofs.cpp (label "levels": slow).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "core/lesson/level_progress.h"
#include "core/lesson/levels.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/level_proof.h"
#include "made_store.h"
#include "run_helpers.h"
#include "shell.h"

using namespace interleave;
using namespace interleave::test;

namespace {

void objects(MadeStore& m, std::vector<ObjectInfo> list) {
    m.store.setObjects(std::move(list));
}

std::filesystem::path tempDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() /
               ("interleave_levels_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace

TEST(Goals, TwoBetweenReadAndWriteOfOneVariableAreTwoInside) {
    MadeStore m(2);
    objects(m, {ObjectInfo{1, ObjectKind::Variable, "counter"}});
    m.add(0, EventKind::SharedRead, 1, 0);
    m.add(0, EventKind::SharedWrite, 1, 1, 0);
    m.add(1, EventKind::SharedRead, 1, 1);
    EXPECT_FALSE(findGoal(m.store, Goal::TwoInside));  // one after the other: never two
    m.add(0, EventKind::SharedRead, 1, 1);
    const auto g = findGoal(m.store, Goal::TwoInside);
    ASSERT_TRUE(g);
    EXPECT_NE(g->how.find("thread 0 and thread 1 are inside counter"), std::string::npos);
}

TEST(Goals, TwoPastOneSemaphoreAreTwoInsideAndAnAtomicAddIsNever) {
    MadeStore m(2);
    objects(m, {ObjectInfo{1, ObjectKind::Semaphore, "pool"},
                ObjectInfo{2, ObjectKind::Variable, "counter"}});
    m.add(0, EventKind::SharedAdd, 2, 1, 0);
    m.add(1, EventKind::SharedAdd, 2, 2, 1);
    m.add(0, EventKind::SemAcquired, 1, 0);
    m.add(0, EventKind::SemReleased, 1, 1);
    m.add(1, EventKind::SemAcquired, 1, 0);
    EXPECT_FALSE(findGoal(m.store, Goal::TwoInside));
    m.add(0, EventKind::SemAcquired, 1, 0);
    EXPECT_TRUE(findGoal(m.store, Goal::TwoInside));
}

TEST(Goals, AReaderWhoAskedAfterAWaitingWriterAndGetsInStarvesIt) {
    MadeStore m(3);
    objects(m, {ObjectInfo{1, ObjectKind::RwLock, "data"}});
    m.add(0, EventKind::RwReadRequest, 1);
    m.add(0, EventKind::RwReadAcquired, 1, 1);
    m.add(2, EventKind::RwWriteRequest, 1);
    EXPECT_FALSE(findGoal(m.store, Goal::WriterStarved));  // reader 0 was there first
    m.add(1, EventKind::RwReadRequest, 1);
    m.add(1, EventKind::RwReadAcquired, 1, 2);
    const auto g = findGoal(m.store, Goal::WriterStarved);
    ASSERT_TRUE(g);
    EXPECT_NE(g->how.find("thread 1 asked to read after thread 2"), std::string::npos);
}

TEST(Goals, AWriterServedBeforeTheLaterReaderIsNotStarved) {
    MadeStore m(2);
    objects(m, {ObjectInfo{1, ObjectKind::RwLock, "data"}});
    m.add(1, EventKind::RwWriteRequest, 1);
    m.add(0, EventKind::RwReadRequest, 1);
    m.add(1, EventKind::RwWriteAcquired, 1);
    m.add(1, EventKind::RwWriteReleased, 1);
    m.add(0, EventKind::RwReadAcquired, 1, 1, 1);
    EXPECT_FALSE(findGoal(m.store, Goal::WriterStarved));
}

TEST(Goals, WaitingOnTheSpaceConditionIsWaitingOnAFullBuffer) {
    MadeStore m(2);
    objects(m, {ObjectInfo{1, ObjectKind::CondVar, "not full", 0, 10, ObjectRole::Space},
                ObjectInfo{2, ObjectKind::CondVar, "not empty", 0, 10, ObjectRole::Items}});
    m.add(1, EventKind::CondWait, 2);
    EXPECT_FALSE(findGoal(m.store, Goal::WaitsOnFull));
    EXPECT_TRUE(findGoal(m.store, Goal::WaitsOnEmpty));
    m.add(0, EventKind::CondWait, 1);
    const auto g = findGoal(m.store, Goal::WaitsOnFull);
    ASSERT_TRUE(g);
    EXPECT_NE(g->how.find("thread 0 waits on not full"), std::string::npos);
}

TEST(Goals, AConsumerWaitingWhenEveryProducerHasEndedWaitsForever) {
    MadeStore m(2);
    objects(m, {ObjectInfo{1, ObjectKind::Queue, "buffer", 1},
                ObjectInfo{2, ObjectKind::CondVar, "not empty", 0, 10, ObjectRole::Items, 1}});
    m.add(0, EventKind::QueuePut, 1, 1, 1);
    m.add(1, EventKind::QueueGet, 1, 1, 0);
    m.add(1, EventKind::CondWait, 2);
    EXPECT_FALSE(findGoal(m.store, Goal::EmptyForever));  // the producer may still put one
    m.add(0, EventKind::ActorExit, kNoObject);
    EXPECT_TRUE(findGoal(m.store, Goal::EmptyForever));
    m.add(1, EventKind::CondWoken, 2);  // it was woken after all (the buffer closed)
    EXPECT_FALSE(findGoal(m.store, Goal::EmptyForever));
}

TEST(Goals, AStandardSignalSentWhileOneIsPendingIsLostARealTimeOneIsNot) {
    MadeStore m(2);  // thread 1 receives; a made store's actors all have pid 100
    objects(m, {ObjectInfo{1, ObjectKind::Signal, "SIGUSR1"},
                ObjectInfo{2, ObjectKind::Signal, "SIGRTMIN"}});
    m.add(1, EventKind::SignalBlocked, 1, 1);
    m.add(1, EventKind::SignalBlocked, 2, 1);
    m.add(0, EventKind::SignalSend, 1, 100, 1);
    m.add(0, EventKind::SignalSend, 2, 100, 1);
    m.add(0, EventKind::SignalSend, 2, 100, 2);
    EXPECT_FALSE(findGoal(m.store, Goal::SignalLost));  // real-time signals queue
    m.add(0, EventKind::SignalSend, 1, 100, 2);
    const auto g = findGoal(m.store, Goal::SignalLost);
    ASSERT_TRUE(g);
    EXPECT_NE(g->how.find("SIGUSR1 while one is still pending for process 100"), std::string::npos);
}

TEST(Goals, ASignalHandledBeforeTheNextSendIsNotLost) {
    MadeStore m(2);
    objects(m, {ObjectInfo{1, ObjectKind::Signal, "SIGUSR1"}});
    m.add(1, EventKind::SignalBlocked, 1, 1);
    m.add(0, EventKind::SignalSend, 1, 100, 1);
    m.add(1, EventKind::SignalBlocked, 1, 0);
    m.add(1, EventKind::SignalHandled, 1, 100, 1);
    m.add(1, EventKind::SignalBlocked, 1, 1);
    m.add(0, EventKind::SignalSend, 1, 100, 2);
    EXPECT_FALSE(findGoal(m.store, Goal::SignalLost));
}

TEST(Goals, AZombieAndAnOrphanAreSeenInTheirOwnEvents) {
    MadeStore m(2);
    EXPECT_FALSE(findGoal(m.store, Goal::ZombieLeft));
    EXPECT_FALSE(findGoal(m.store, Goal::OrphanReparented));
    m.add(0, EventKind::ProcessZombie, kNoObject, 201);
    m.add(1, EventKind::ProcessReparent, kNoObject, 202, 100);
    EXPECT_NE(findGoal(m.store, Goal::ZombieLeft)->how.find("process 201"), std::string::npos);
    EXPECT_NE(findGoal(m.store, Goal::OrphanReparented)->how.find("process 202"),
              std::string::npos);
}

// The process goals on real runs: forked children, real signals.
TEST(Goals, ARealRunLeavesAZombieAndReparentsAnOrphan) {
    const auto sup =
        runFor("orphans-and-zombies", {"child_ms=20", "zombie_ms=100", "orphan_ms=100"}, 5000);
    const auto zombie = findGoal(sup->store(), Goal::ZombieLeft);
    const auto orphan = findGoal(sup->store(), Goal::OrphanReparented);
    ASSERT_TRUE(zombie);
    ASSERT_TRUE(orphan);
    EXPECT_NE(zombie->how.find("is a zombie"), std::string::npos);
    EXPECT_FALSE(findGoal(sup->store(), Goal::SignalLost));
}

TEST(Goals, ARealRunLosesAStandardSignalSentTwiceWhileBlockedAndNotOneSentOnce) {
    const auto twice = runFor("signals", {"sends=2", "gap_ms=10", "block_ms=100"}, 5000);
    const auto lost = findGoal(twice->store(), Goal::SignalLost);
    ASSERT_TRUE(lost);
    EXPECT_NE(lost->how.find("SIGUSR1 while one is still pending"), std::string::npos) << lost->how;
    const auto once = runFor("signals", {"sends=1", "gap_ms=10", "block_ms=100"}, 5000);
    EXPECT_FALSE(findGoal(once->store(), Goal::SignalLost));
}

TEST(Goals, EveryGoalHasANameThatParsesBackAndATask) {
    std::set<std::string_view> names;
    for (const auto g : kGoals) {
        EXPECT_EQ(parseGoal(goalName(g)), g);
        EXPECT_FALSE(goalTask(g).empty());
        names.insert(goalName(g));
    }
    EXPECT_EQ(names.size(), kGoals.size());
}

TEST(Levels, TenOrMoreEachOnARealScenarioWithValidParametersAndAFixThatChangesOne) {
    ASSERT_GE(allLevels().size(), 10u);
    std::set<std::string> ids;
    for (const auto& l : allLevels()) {
        SCOPED_TRACE(l.id);
        EXPECT_TRUE(ids.insert(l.id).second);
        EXPECT_EQ(findLevel(l.id), &l);
        const auto* s = findScenario(l.scenario);
        ASSERT_NE(s, nullptr);
        EXPECT_TRUE(resolveParams(s->params, brokenParams(l)).ok());
        EXPECT_TRUE(resolveParams(s->params, fixedParams(l)).ok());
        EXPECT_NE(brokenParams(l), fixedParams(l));
        EXPECT_FALSE(l.title.empty() || l.why.empty() || l.claim.empty());
    }
    EXPECT_EQ(findLevel("no-such-level"), nullptr);
}

TEST(LevelProgress, KeptFromOneRunToTheNextInTheDataFolder) {
    const auto dir = tempDir("keep");
    ::setenv("XDG_DATA_HOME", dir.c_str(), 1);
    const auto path = levelProgressPath();
    EXPECT_EQ(path, (dir / "interleave" / "levels.json").string());
    std::string warning, error;
    EXPECT_TRUE(loadLevelProgress(path, warning).levels.empty());  // none yet
    EXPECT_EQ(warning, "");
    LevelProgress p;
    p.levels["lose-an-update"] = {true, false};
    p.levels["one-place"] = {true, true};
    ASSERT_TRUE(saveLevelProgress(path, p, error)) << error;
    const auto back = loadLevelProgress(path, warning);
    EXPECT_EQ(warning, "");
    ASSERT_EQ(back.levels.size(), 2u);
    EXPECT_TRUE(back.levels.at("lose-an-update").broken);
    EXPECT_FALSE(back.levels.at("lose-an-update").fixed);
    EXPECT_TRUE(back.levels.at("one-place").fixed);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    ::unsetenv("XDG_DATA_HOME");
    std::filesystem::remove_all(dir);
}

TEST(LevelProgress, ACorruptFileIsReportedAndKeptAsideNotLost) {
    const auto dir = tempDir("corrupt");
    const auto path = (dir / "levels.json").string();
    std::ofstream(path) << "{\"levels\": {\"lose-an-update\": ";  // cut short
    std::string warning;
    EXPECT_TRUE(loadLevelProgress(path, warning).levels.empty());
    EXPECT_NE(warning.find("kept as " + path + ".bad"), std::string::npos) << warning;
    ASSERT_TRUE(std::filesystem::exists(path + ".bad"));
    std::ifstream bad(path + ".bad");
    std::string text((std::istreambuf_iterator<char>(bad)), {});
    EXPECT_EQ(text, "{\"levels\": {\"lose-an-update\": ");
    EXPECT_FALSE(std::filesystem::exists(path));
    std::filesystem::remove_all(dir);
}

// The two smallest levels, on real threads: the semaphore-pool's broken version lets two in in
// some order, its fix in none; race-condition's atomic increment has no inside at all.
TEST(Levels, OnePlaceIsBreakableAndItsFixAndTheAtomicFixAreProvenByEveryOrder) {
    const auto& l = *findLevel("one-place");
    const auto broken = exploreGoal(l.scenario, brokenParams(l), l.goal, siblingLabPath(), 100);
    ASSERT_EQ(broken.orders.error, "");
    EXPECT_TRUE(broken.orders.complete);
    EXPECT_GT(broken.reaching, 0u);
    const auto fixed = exploreGoal(l.scenario, fixedParams(l), l.goal, siblingLabPath(), 100);
    EXPECT_TRUE(fixed.noneReach());
    EXPECT_GT(fixed.orders.orders.size(), 1u);
    const auto& atomic = *findLevel("two-inside");
    const auto a =
        exploreGoal(atomic.scenario, fixedParams(atomic), atomic.goal, siblingLabPath(), 100);
    EXPECT_TRUE(a.noneReach());
    EXPECT_EQ(a.orders.orders.size(), 6u);
}

// The command line: the list with its ticks, a proof that ticks "fixed", an unknown level.
TEST(LevelsCli, ProveTicksTheLevelFixedInTheProgressFileAndTheListShowsIt) {
    const auto dir = tempDir("cli");
    const auto lab = "XDG_DATA_HOME=" + dir.string() + " " + siblingLabPath();
    auto r = shell(lab + " levels prove one-place --quiet");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("fix proven: no order of 4 reaches two-inside"), std::string::npos)
        << r.output;
    r = shell(lab + " levels");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.output.find("[ ][x] one-place"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("[ ][ ] lose-an-update"), std::string::npos) << r.output;
    r = shell(lab + " levels prove no-such-level");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("unknown level 'no-such-level'; levels: lose-an-update"),
              std::string::npos)
        << r.output;
    std::filesystem::remove_all(dir);
}
