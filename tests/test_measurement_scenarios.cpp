// creation-cost and context-switch on the real machine, checked from the recorded samples: every
// series measured as many times as asked, nothing else recorded while measuring, and the
// percentiles' arithmetic. The times themselves are the machine's business, not the suite's.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <mqueue.h>
#include <unistd.h>

#include <cerrno>

#include <vector>

#include "core/analysis/samples.h"
#include "core/primitives/ipc/run_names.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

TEST(Percentiles, InterpolateBetweenNeighboursOfTheSortedSamples) {
    const std::vector<double> v{10, 20, 30, 40, 50};
    EXPECT_DOUBLE_EQ(percentile(v, 0), 10);
    EXPECT_DOUBLE_EQ(percentile(v, 50), 30);
    EXPECT_DOUBLE_EQ(percentile(v, 25), 20);
    EXPECT_DOUBLE_EQ(percentile(v, 5), 12);
    EXPECT_DOUBLE_EQ(percentile(v, 100), 50);
    EXPECT_DOUBLE_EQ(percentile({}, 50), 0);
    SampleSeries s{1, "x", {50, 10, 40, 20, 30}};
    summarise(s);
    EXPECT_DOUBLE_EQ(s.median, 30);
    EXPECT_DOUBLE_EQ(s.p95, 48);
    EXPECT_EQ(s.ns, (std::vector<double>{50, 10, 40, 20, 30})) << "the order recorded stays";
}

TEST(CreationCost, EverySeriesIsMeasuredAsOftenAsAskedAndNothingElseIsTraced) {
    const auto sup = runFor("creation-cost", {"samples=40"}, 60'000);
    ASSERT_EQ(sup->labStatus(), exitStatusExited(0));
    const auto series = sampleSeries(sup->store());
    ASSERT_EQ(series.size(), 4u);
    EXPECT_EQ(series[0].name, "thread: create + join");
    EXPECT_EQ(series[1].name, "process: fork + wait");
    // A shell's way (fork + exec) and posix_spawn, named so that neither reads as Python's
    // "spawn" start method.
    EXPECT_EQ(series[2].name, "program: fork + exec + wait");
    EXPECT_EQ(series[3].name, "program: posix_spawn + wait");
    for (const auto& s : series) {
        EXPECT_EQ(s.ns.size(), 40u) << s.name;
        EXPECT_GT(s.median, 0) << s.name;
        EXPECT_LE(s.p5, s.median);
        EXPECT_LE(s.median, s.p95);
    }
    EXPECT_EQ(sup->store().actors().size(), 1u) << "what is created is not traced: main only";
}

TEST(ContextSwitch, EveryPairMakesItsRoundTripsOnOneCoreOrAny) {
    for (const char* cores : {"cores=one", "cores=any"}) {
        const auto sup = runFor("context-switch", {"round_trips=200", cores}, 60'000);
        ASSERT_EQ(sup->labStatus(), exitStatusExited(0)) << cores;
        const auto series = sampleSeries(sup->store());
        ASSERT_EQ(series.size(), 3u) << cores;
        for (const auto& s : series) {
            EXPECT_EQ(s.ns.size(), 200u) << s.name << " " << cores;
            EXPECT_GT(s.median, 0) << s.name;
        }
    }
}

TEST(SampleSeries, AreReadUpToATimeAndIgnoreSamplesOfNoSeries) {
    EventStore store(1);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    store.setObjects(
        {ObjectInfo{1, ObjectKind::Series, "a", 0}, ObjectInfo{2, ObjectKind::Mutex, "lock", 0}});
    store.appendRow(Row{10, 0, EventKind::MeasureSample, 1, 100, 0});
    store.appendRow(Row{20, 0, EventKind::MeasureSample, 1, 300, 0});
    store.appendRow(Row{30, 0, EventKind::MeasureSample, 2, 999, 0});  // not a series
    store.appendRow(Row{40, 0, EventKind::MeasureSample, 7, 999, 0});  // no such object
    store.publish();
    auto series = sampleSeries(store);
    ASSERT_EQ(series.size(), 1u);
    EXPECT_EQ(series[0].ns, (std::vector<double>{100, 300}));
    series = sampleSeries(store, 15);
    EXPECT_EQ(series[0].ns, (std::vector<double>{100}));
}

TEST(IpcCompare, EveryMethodIsMeasuredBothWaysAndNoNameIsLeft) {
    for (const char* measure : {"measure=latency", "measure=throughput"}) {
        const auto sup =
            runFor("ipc-compare", {measure, "samples=30", "message_bytes=128"}, 60'000);
        ASSERT_EQ(sup->labStatus(), exitStatusExited(0)) << measure;
        const auto series = sampleSeries(sup->store());
        ASSERT_EQ(series.size(), 5u);
        const char* names[] = {"pipe", "FIFO", "message queue", "UNIX socket", "shared memory"};
        for (std::size_t k = 0; k < 5; ++k) {
            EXPECT_EQ(series[k].name, names[k]);
            EXPECT_EQ(series[k].ns.size(), 30u) << names[k] << " " << measure;
            EXPECT_GT(series[k].median, 0) << names[k];
        }
        // The FIFOs' directory and the queues' names went as soon as both ends were open.
        EXPECT_NE(access(runFifoDirectory(sup->labPid()).c_str(), F_OK), 0) << measure;
        for (const auto& name : runQueueNames(sup->labPid())) {
            errno = 0;
            EXPECT_EQ(mq_open(name.c_str(), O_RDONLY), static_cast<mqd_t>(-1)) << name;
        }
    }
}
