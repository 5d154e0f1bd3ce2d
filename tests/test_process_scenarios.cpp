// Real runs of the scenarios about processes themselves: zombies and orphans, a crash that kills
// one process only, signals, and children that exec another program.

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ipc_helpers.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

TEST(OrphansAndZombies, TheZombieIsSeenBeforeItIsReapedAndTheOrphansNewParentIsTheSubreaper) {
    for (int round = 0; round < 3; ++round) {
        const auto sup = runFor("orphans-and-zombies",
                                {"child_ms=20", "zombie_ms=100", "orphan_ms=150"}, 20'000);
        const auto& s = sup->store();
        ASSERT_TRUE(sup->labStatus());
        EXPECT_EQ(*sup->labStatus(), exitStatusExited(0));
        const auto pidOf = pidsByName(s);
        std::map<std::int64_t, std::int64_t> zombieAt, reapedAt, reparentedTo;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto r = s.row(i);
            if (r.kind == EventKind::ProcessZombie) zombieAt[r.a] = r.ns;
            if (r.kind == EventKind::ProcessExit) reapedAt[r.a] = r.ns;
            if (r.kind == EventKind::ProcessReparent) reparentedTo[r.a] = r.b;
        }
        // Both children its busy parent had not waited for were seen as zombies, then reaped.
        for (const char* name : {"short-lived child", "parent that leaves"}) {
            const auto pid = pidOf.at(name);
            ASSERT_TRUE(zombieAt.count(pid)) << name << " never seen as a zombie";
            ASSERT_TRUE(reapedAt.count(pid)) << name << " never reaped";
            EXPECT_LT(zombieAt[pid], reapedAt[pid]) << name;
        }
        const auto orphan = pidOf.at("orphan");
        ASSERT_TRUE(reparentedTo.count(orphan));
        EXPECT_EQ(reparentedTo[orphan], sup->labPid()) << "the lab is the run's subreaper";
        EXPECT_TRUE(reapedAt.count(orphan)) << "and the subreaper reaped it";
        EXPECT_FALSE(zombieAt.count(orphan)) << "nobody looked at the orphan as a zombie";
    }
}

TEST(CrashIsolation, AFaultKillsEveryThreadOfItsProcessAndNothingElse) {
    const auto sup = runFor("crash-isolation", {"threads=3", "crash_ms=50", "after_ms=50"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->labStatus());
    EXPECT_EQ(*sup->labStatus(), exitStatusExited(0)) << "the parent of the crash goes on";
    std::map<std::string, ActorInfo> byName;
    for (const auto& a : s.actors())
        byName[a.name] = a;
    const int crashed = byName.at("crashing process").pid;
    std::map<std::int64_t, std::int64_t> statusOf;
    std::int64_t faultNs = -1, crashNs = -1, replacementForkNs = -1;
    std::set<std::uint32_t> finished;  // actors that said actor_exit
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto r = s.row(i);
        if (r.kind == EventKind::ProcessExit) {
            statusOf.try_emplace(r.a, r.b);
            if (r.a == crashed) crashNs = r.ns;
        }
        if (r.kind == EventKind::ProcessFault) {
            EXPECT_EQ(r.a, SIGSEGV);
            EXPECT_EQ(r.actor, byName.at("faulty thread").id);
            faultNs = r.ns;
        }
        if (r.kind == EventKind::ProcessFork && r.b == byName.at("replacement").id)
            replacementForkNs = r.ns;
        if (r.kind == EventKind::ActorExit) finished.insert(r.actor);
    }
    EXPECT_EQ(statusOf.at(crashed), exitStatusSignaled(SIGSEGV)) << "a real fault, not an exit";
    ASSERT_GE(faultNs, 0);
    EXPECT_LT(faultNs, crashNs);
    // Every thread of the crashed process was cut off: none of them got to finish.
    for (const char* name : {"crashing process", "worker 1", "worker 2", "faulty thread"}) {
        EXPECT_EQ(byName.at(name).pid, crashed) << name;
        EXPECT_FALSE(finished.count(byName.at(name).id)) << name << " finished after the crash";
    }
    // Its neighbour and its parent went on: the parent started a replacement after the crash.
    EXPECT_EQ(statusOf.at(byName.at("neighbour").pid), exitStatusExited(0));
    EXPECT_EQ(statusOf.at(byName.at("replacement").pid), exitStatusExited(0));
    EXPECT_GT(replacementForkNs, crashNs);
    EXPECT_TRUE(finished.count(byName.at("main").id));
}

TEST(Signals, BlockedStandardSignalsCoalesceAndRealTimeOnesQueueInOrder) {
    const auto sup = runFor("signals", {"sends=5", "gap_ms=10", "block_ms=100"}, 20'000);
    const auto& s = sup->store();
    expectAllExitedCleanly(*sup, 1);
    std::map<std::string, std::vector<std::int64_t>> sent, handled;  // numbers, by signal
    std::map<std::string, std::int64_t> pendingSeen;
    std::map<std::uint32_t, std::string> nameOf;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Signal) nameOf[o.id] = o.name;
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (!nameOf.count(r.object)) continue;
            const auto& name = nameOf[r.object];
            if (r.kind == EventKind::SignalSend) sent[name].push_back(r.b);
            if (r.kind == EventKind::SignalHandled) handled[name].push_back(r.b);
            if (r.kind == EventKind::SignalPending && r.a == 1) ++pendingSeen[name];
        }
    // While blocked: five SIGUSR1 and five SIGRTMIN, then one SIGUSR2, all pending at once.
    EXPECT_EQ(sent["SIGUSR1"].size(), 10u) << "five while blocked, five after";
    EXPECT_EQ(sent["SIGRTMIN"], oneTo(5));
    EXPECT_EQ(pendingSeen["SIGUSR1"], 1);
    EXPECT_EQ(pendingSeen["SIGRTMIN"], 1);
    // A real-time signal queues: all five arrive, in the order sent.
    EXPECT_EQ(handled["SIGRTMIN"], oneTo(5));
    // A standard one is kept once: the first send arrives, the next four are lost.
    const auto& usr1 = handled["SIGUSR1"];
    ASSERT_FALSE(usr1.empty());
    EXPECT_EQ(usr1.front(), 1);
    for (std::int64_t lost = 2; lost <= 5; ++lost)
        EXPECT_EQ(std::count(usr1.begin(), usr1.end(), lost), 0) << "SIGUSR1 #" << lost;
    // Unblocked, each later SIGUSR1 arrives on its own (sent 10 ms apart), in order.
    EXPECT_TRUE(std::is_sorted(usr1.begin(), usr1.end()));
    EXPECT_LE(usr1.size(), 6u);
    EXPECT_GE(usr1.size(), 2u);
    EXPECT_EQ(handled["SIGUSR2"], oneTo(1));
    EXPECT_EQ(handled["SIGTERM"], oneTo(1)) << "the child ended on its SIGTERM handler";
}

TEST(Signals, AThreadStopsAnotherThreadOfItsProcessWithASignalToItAlone) {
    const auto sup = runFor("signals", {"sends=1", "gap_ms=10", "block_ms=20"}, 20'000);
    const auto& s = sup->store();
    expectAllExitedCleanly(*sup, 1);
    std::uint32_t stop = kNoObject;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Signal && o.name == "SIGRTMIN+1") stop = o.id;
    ASSERT_NE(stop, kNoObject);
    const auto actors = s.actors();
    const ActorInfo* main = nullptr;
    const ActorInfo* worker = nullptr;
    for (const auto& a : actors) {
        if (a.name == "main" && a.pid == sup->labPid()) main = &a;
        if (a.name == "worker thread") worker = &a;
    }
    ASSERT_TRUE(main && worker);
    EXPECT_EQ(worker->pid, main->pid) << "a thread of the lab's own process";
    std::vector<std::pair<std::uint32_t, Row>> sends, handled;  // by the actor that recorded it
    for (const auto* a : {main, worker})
        for (std::size_t k = 0; k < s.actorEventCount(a->id); ++k) {
            const Row r = s.row(s.actorEvent(a->id, k));
            if (r.object != stop) continue;
            if (r.kind == EventKind::SignalSend) sends.emplace_back(a->id, r);
            if (r.kind == EventKind::SignalHandled) handled.emplace_back(a->id, r);
        }
    ASSERT_EQ(sends.size(), 1u);
    EXPECT_EQ(sends[0].first, main->id) << "main sends it";
    EXPECT_EQ(sends[0].second.a, worker->tid) << "to the worker thread, by its thread id";
    ASSERT_EQ(handled.size(), 1u);
    EXPECT_EQ(handled[0].first, worker->id) << "the worker's handler took it, not main's";
    EXPECT_EQ(handled[0].second.b, 1) << "the send's number";
    EXPECT_LT(sends[0].second.ns, handled[0].second.ns);
}

TEST(ForkExec, EachChildRunsTheProgramItExecdAndItsParentReadsItsStatus) {
    const auto sup = runFor("fork-exec", {"commands=3", "command_ms=20", "prepare_ms=5"}, 20'000);
    const auto& s = sup->store();
    ASSERT_TRUE(sup->labStatus());
    EXPECT_EQ(*sup->labStatus(), exitStatusExited(0));
    const auto pidOf = pidsByName(s);
    std::uint32_t program = kNoObject;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Program) {
            EXPECT_EQ(o.name, "/bin/sh");
            program = o.id;
        }
    ASSERT_NE(program, kNoObject);
    std::map<std::int64_t, std::int64_t> execAt, exitAt, statusOf;
    std::map<std::int64_t, std::size_t> eventsAfterExec;  // by pid: what the program recorded
    for (std::size_t i = 0; i < s.size(); ++i) {
        const Row r = s.row(i);
        if (r.kind == EventKind::ProcessExec) {
            EXPECT_EQ(r.object, program);
            execAt[r.a] = r.ns;
        }
        if (r.kind == EventKind::ProcessExit) {
            exitAt.try_emplace(r.a, r.ns);
            statusOf.try_emplace(r.a, r.b);
        }
    }
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (execAt.count(a.pid) && r.ns > execAt[a.pid] && r.kind != EventKind::ProcessExit)
                ++eventsAfterExec[a.pid];
        }
    for (int i = 1; i <= 3; ++i) {
        const int pid = pidOf.at("command " + std::to_string(i));
        ASSERT_TRUE(execAt.count(pid)) << "command " << i << " never exec'd";
        ASSERT_TRUE(exitAt.count(pid));
        EXPECT_LT(execAt[pid], exitAt[pid]);
        // The shell's own `exit i`, read by the parent's wait: the program really ran.
        EXPECT_EQ(statusOf[pid], exitStatusExited(i)) << "command " << i;
        EXPECT_EQ(eventsAfterExec[pid], 0u) << "the new program records nothing";
    }
}
