// cpu-vs-io on real threads and processes, checked from the recorded events: the GIL model's
// rules (never two holders; a holder that keeps it a whole interval while another waits is asked
// to drop it, and does; blocking waits release it), and the result table's arithmetic. The
// speedups themselves are a benchmark's business (interleave-lab run cpu-vs-io prints them):
// here only that every series is there.

#include <gtest/gtest.h>

#include <cstdlib>

#include <algorithm>
#include <map>
#include <vector>

#include "core/analysis/speedup.h"
#include "core/schema/event_kinds.h"
#include "core/supervise/python_baseline.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// Every event on the GIL, in time order (the GIL stamps them under its own lock, ordered).
std::vector<Row> gilEvents(const EventStore& s) {
    const auto gil = objectId(s, "GIL");
    std::vector<Row> out;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.row(i).object == gil && kindInfo(s.kind(i)).group == KindGroup::Gil)
            out.push_back(s.row(i));
    std::stable_sort(out.begin(), out.end(),
                     [](const Row& a, const Row& b) { return a.ns < b.ns; });
    return out;
}

void expectOneHolderAtATime(const std::vector<Row>& events) {
    std::uint32_t holder = kNoActor;
    for (const auto& r : events) {
        if (r.kind == EventKind::GilAcquired) {
            EXPECT_EQ(holder, kNoActor)
                << r.actor << " took the GIL while " << holder << " held it";
            holder = r.actor;
        } else if (r.kind == EventKind::GilReleased) {
            EXPECT_EQ(holder, r.actor) << r.actor << " dropped a GIL it did not hold";
            holder = kNoActor;
        } else if (r.kind == EventKind::GilRequest || r.kind == EventKind::GilDropRequest) {
            EXPECT_NE(holder, kNoActor) << "a request while nobody held it";
            EXPECT_EQ(static_cast<std::uint32_t>(r.a), holder) << "it names the holder";
        }
    }
}

std::unique_ptr<Supervisor> cpuVsIo(const char* workload) {
    return runFor("cpu-vs-io",
                  {std::string("workload=") + workload, "max_workers=2", "task_ms=20",
                   "repetitions=1", "switch_ms=2"},
                  60'000);
}

}  // namespace

TEST(GilModel, ComputingThreadsTakeTurnsOneHolderAtATimeAndAreAskedToDropIt) {
    const auto sup = cpuVsIo("cpu");
    ASSERT_EQ(sup->labStatus(), exitStatusExited(0));
    const auto events = gilEvents(sup->store());
    ASSERT_FALSE(events.empty());
    expectOneHolderAtATime(events);
    // Two threads computing 20 ms each with a 2 ms interval: the waiter asks, the holder drops
    // it (reason: asked) before it computes on, and the asker is the next to take it.
    std::map<std::uint32_t, bool> asked;  // holder -> a drop request is pending for it
    int requests = 0, dropsWhenAsked = 0;
    std::uint32_t lastAsker = kNoActor;
    for (const auto& r : events) {
        if (r.kind == EventKind::GilDropRequest) {
            ++requests;
            asked[static_cast<std::uint32_t>(r.a)] = true;
            lastAsker = r.actor;
        } else if (r.kind == EventKind::GilReleased &&
                   r.a == static_cast<std::int64_t>(GilDropReason::Asked)) {
            EXPECT_TRUE(asked[r.actor]) << "dropped as asked, but nobody asked " << r.actor;
            asked[r.actor] = false;
            ++dropsWhenAsked;
        } else if (r.kind == EventKind::GilAcquired && lastAsker != kNoActor) {
            EXPECT_EQ(r.actor, lastAsker) << "forced switching: the asker takes it next";
            lastAsker = kNoActor;
        }
    }
    EXPECT_GE(requests, 3) << "20 ms of computing against a 2 ms interval";
    EXPECT_GE(dropsWhenAsked, requests - 1) << "each request is served (the last may end first)";
}

TEST(GilModel, ABlockingWaitReleasesTheGilAndTakesItBackAfter) {
    const auto sup = cpuVsIo("io");
    ASSERT_EQ(sup->labStatus(), exitStatusExited(0));
    expectOneHolderAtATime(gilEvents(sup->store()));
    const auto& s = sup->store();
    int waits = 0;
    for (const auto& a : s.actors()) {
        if (a.name.rfind("python thread", 0) != 0) continue;
        bool holds = false;
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const Row r = s.row(s.actorEvent(a.id, k));
            if (r.kind == EventKind::GilAcquired) holds = true;
            if (r.kind == EventKind::GilReleased) {
                EXPECT_TRUE(holds);
                holds = false;
            }
            if (r.kind == EventKind::IoWaitBegin) {
                EXPECT_FALSE(holds) << a.name << " waits for I/O holding the GIL";
                ++waits;
            }
        }
        EXPECT_FALSE(holds) << a.name << " ended holding the GIL";
    }
    EXPECT_EQ(waits, (1 + 2) * 2) << "one wait per task: 1 and 2 workers, warm-up and one more";
}

TEST(CpuVsIo, AShortRunMeasuresEveryExecutorForEveryWorkerCount) {
    const auto sup = runFor(
        "cpu-vs-io", {"workload=mixed", "max_workers=3", "task_ms=4", "repetitions=2"}, 60'000);
    ASSERT_EQ(sup->labStatus(), exitStatusExited(0));
    const auto table = speedupTable(sup->store());
    std::map<std::pair<Executor, int>, std::size_t> seen;
    for (const auto& p : table) {
        seen[{p.executor, p.workers}] = p.ms.size();
        EXPECT_GT(p.medianMs, 0);
        EXPECT_GT(p.speedup, 0) << executorName(p.executor) << " " << p.workers;
    }
    for (int e = 0; e < kExecutorCount; ++e)
        for (int n : {1, 2, 3})
            EXPECT_EQ((seen[{static_cast<Executor>(e), n}]), 2u)
                << executorName(static_cast<Executor>(e)) << " with " << n
                << ": two repetitions measured (the warm-up is left out)";
    EXPECT_EQ(table.size(), 12u);
    // Beside the speedups, what each worker cost: to start, and in memory. Where threads win
    // even when the work runs no faster.
    const auto costs = workerCosts(sup->store());
    std::map<std::pair<Executor, int>, WorkerCostPoint> cost;
    for (const auto& c : costs)
        cost[{c.executor, c.workers}] = c;
    EXPECT_EQ(costs.size(), 6u) << "threads and processes, for 1, 2 and 3 workers";
    for (int n : {1, 2, 3}) {
        const auto& t = cost[{Executor::Threads, n}];
        const auto& p = cost[{Executor::Processes, n}];
        EXPECT_GT(t.startUs, 0) << n;
        EXPECT_GT(p.startUs, 0) << n;
        EXPECT_GE(t.ownKiB, 0) << n;
        EXPECT_LT(t.sharedKiB, 0) << "a thread shares all of its process: not measured";
        EXPECT_GT(p.ownKiB, 0) << "a forked worker has pages of its own: its stack at least";
        EXPECT_GT(p.sharedKiB, 0) << "and shares the rest with the lab until either writes";
    }
}

TEST(WorkerCosts, AreReadBesideTheTimesAndNeverTakenForOne) {
    EventStore store(1);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    std::int64_t t = 0;
    const auto threads = static_cast<std::int64_t>(Executor::Threads);
    store.appendRow(Row{++t, 0, EventKind::MeasureResult, kNoObject, 30'000,
                        packWorkerCost(WorkerCost::StartNs, threads, 2)});
    store.appendRow(Row{++t, 0, EventKind::MeasureResult, kNoObject, 12,
                        packWorkerCost(WorkerCost::OwnKiB, threads, 2)});
    store.appendRow(
        Row{++t, 0, EventKind::MeasureResult, kNoObject, 5'000'000, packMeasure(threads, 2, 1)});
    store.publish();
    const auto costs = workerCosts(store);
    ASSERT_EQ(costs.size(), 1u);
    EXPECT_EQ(costs[0].executor, Executor::Threads);
    EXPECT_EQ(costs[0].workers, 2);
    EXPECT_DOUBLE_EQ(costs[0].startUs, 30);
    EXPECT_DOUBLE_EQ(costs[0].ownKiB, 12);
    EXPECT_DOUBLE_EQ(costs[0].sharedKiB, -1);
    const auto table = speedupTable(store);
    ASSERT_EQ(table.size(), 1u) << "a cost is not a repetition";
    EXPECT_EQ(table[0].ms, std::vector<double>{5});
}

TEST(SpeedupTable, MediansAndSpeedupsAgainstSequentialWorkWithTheSpread) {
    EventStore store(1);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    std::int64_t t = 0;
    const auto result = [&](Executor e, int n, int rep, double ms) {
        store.appendRow(Row{++t, 0, EventKind::MeasureResult, kNoObject,
                            static_cast<std::int64_t>(ms * 1e6),
                            packMeasure(static_cast<std::int64_t>(e), n, rep)});
    };
    result(Executor::Sequential, 2, 0, 999);  // a warm-up: left out
    result(Executor::Sequential, 2, 1, 100);
    result(Executor::Sequential, 2, 2, 120);
    result(Executor::Sequential, 2, 3, 110);
    result(Executor::Threads, 2, 0, 1);
    result(Executor::Threads, 2, 1, 55);
    result(Executor::Threads, 2, 2, 50);
    result(Executor::Threads, 2, 3, 60);
    result(Executor::Processes, 4, 1, 30);  // no sequential run with 4: no speedup
    store.appendRow(Row{++t, 0, EventKind::MeasureResult, kNoObject, 5, packMeasure(9, 1, 1)});
    store.publish();
    const auto table = speedupTable(store);
    ASSERT_EQ(table.size(), 3u) << "an unknown executor is left out";
    EXPECT_EQ(table[0].executor, Executor::Sequential);
    EXPECT_EQ(table[0].ms, (std::vector<double>{100, 120, 110}));
    EXPECT_DOUBLE_EQ(table[0].medianMs, 110);
    EXPECT_DOUBLE_EQ(table[0].speedup, 1);
    EXPECT_EQ(table[1].executor, Executor::Threads);
    EXPECT_DOUBLE_EQ(table[1].medianMs, 55);
    EXPECT_DOUBLE_EQ(table[1].speedup, 2);
    EXPECT_DOUBLE_EQ(table[1].speedupLow, 110.0 / 60);
    EXPECT_DOUBLE_EQ(table[1].speedupHigh, 110.0 / 50);
    EXPECT_EQ(table[2].executor, Executor::Processes);
    EXPECT_DOUBLE_EQ(table[2].speedup, 0);
    EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
    EXPECT_DOUBLE_EQ(median({}), 0);
}

TEST(PythonBaseline, ReadsTheScriptsOutputAndRefusesAnythingElse) {
    std::string error;
    const auto ok = parsePythonBaseline(
        R"({"python": "3.11.7", "cores": 2, "points": [
            {"executor": "sequential", "workers": 2, "ms": [80, 82, 81]},
            {"executor": "threads", "workers": 2, "ms": [81, 80, 83]},
            {"executor": "processes", "workers": 2, "ms": [41, 40, 42]}]})",
        error);
    ASSERT_TRUE(ok) << error;
    EXPECT_EQ(ok->version, "3.11.7");
    EXPECT_EQ(ok->cores, 2);
    ASSERT_EQ(ok->points.size(), 3u);
    EXPECT_EQ(ok->points[1].executor, Executor::GilThreads) << "CPython's threads have a GIL";
    EXPECT_DOUBLE_EQ(ok->points[1].speedup, 81.0 / 81);
    EXPECT_DOUBLE_EQ(ok->points[2].speedup, 81.0 / 41);
    EXPECT_FALSE(ok->gilEnabled.has_value()) << "an output that does not say is not guessed";
    EXPECT_EQ(pythonBaselineLabel(*ok), "CPython 3.11.7, GIL unknown");
    // A free-threaded build says so, and the label carries it to the chart and the CLI.
    const auto noGil = parsePythonBaseline(
        R"({"python": "3.14.0", "gil": "disabled", "cores": 2, "points": []})", error);
    ASSERT_TRUE(noGil) << error;
    EXPECT_EQ(noGil->gilEnabled, false);
    EXPECT_EQ(pythonBaselineLabel(*noGil), "CPython 3.14.0, GIL disabled (free-threaded)");
    for (const char* bad :
         {"", "[]", "{\"python\": 3}", R"({"python": "3", "cores": 2, "points": [{}]})",
          R"({"python": "3", "cores": 2, "points": [{"executor": "fibers", "workers": 1,
              "ms": [1]}]})",
          R"({"python": "3", "gil": "maybe", "cores": 2, "points": []})"}) {
        error.clear();
        EXPECT_FALSE(parsePythonBaseline(bad, error)) << bad;
        EXPECT_NE(error.find("Python script"), std::string::npos) << error;
    }
}

TEST(PythonBaseline, WithoutPython3ItSaysHowToGetIt) {
    setenv("INTERLEAVE_PYTHON", "/nonexistent/python3", 1);
    std::string error;
    EXPECT_FALSE(runPythonBaseline("cpu", 1, 1, 1, error));
    unsetenv("INTERLEAVE_PYTHON");
    EXPECT_NE(error.find("apt install python3"), std::string::npos) << error;
}

// The test command installs python3, so this runs in CI.
TEST(PythonBaseline, TheBundledScriptMeasuresEverySeriesWithRealPython) {
    ASSERT_FALSE(findPython().empty())
        << "python3 is missing: bash .ci/quickstart test installs it";
    std::string error;
    const auto python = runPythonBaseline("io", 2, 5, 1, error);
    ASSERT_TRUE(python) << error;
    EXPECT_FALSE(python->version.empty());
    // The script says whether the GIL was on: the interpreter that ran it decides which.
    ASSERT_TRUE(python->gilEnabled.has_value()) << "the script must report the GIL";
    std::map<std::pair<Executor, int>, double> seen;
    for (const auto& p : python->points)
        seen[{p.executor, p.workers}] = p.speedup;
    EXPECT_EQ(seen.size(), 6u) << "sequential, threading and multiprocessing with 1 and 2";
    for (const auto& [key, speedup] : seen)
        EXPECT_GT(speedup, 0) << executorName(key.first) << " " << key.second;
}
