// creation-cost and context-switch on the real machine, checked from the recorded samples: every
// series measured as many times as asked, nothing else recorded while measuring, and the
// percentiles' arithmetic. The times themselves are the machine's business, not the suite's.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <mqueue.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <optional>
#include <thread>

#include <vector>

#include "core/analysis/other_cpu.h"
#include "core/analysis/samples.h"
#include "core/primitives/ipc/run_names.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

// A core burned by another program: a child process that spins until it is killed. (A thread of
// this process would not do: the lab counts the program that started it, the test here as the
// window elsewhere, as the measurement's own watcher.)
class Burner {
  public:
    Burner() : m_pid(fork()) {
        if (m_pid == 0) {
            volatile std::uint64_t x = 1;
            for (;;)
                x = x * 6364136223846793005ull + 1;
        }
    }
    ~Burner() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    Burner(const Burner&) = delete;
    Burner& operator=(const Burner&) = delete;

  private:
    pid_t m_pid;
};

// A measurement that waits rather than computes (the lab itself uses almost no CPU), for about
// 0.6 s whatever the machine: cpu-vs-io's waiting work, one worker.
std::optional<OtherCpu> measureWhileWaiting() {
    const auto sup = runFor(
        "cpu-vs-io", {"workload=io", "max_workers=1", "task_ms=50", "repetitions=2"}, 60'000);
    EXPECT_EQ(sup->labStatus(), exitStatusExited(0));
    return otherProgramsCpu(sup->store());
}

}  // namespace

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
        // Like for like: the same futex, the same pipes, between threads and between processes.
        const char* names[] = {"threads: condvar", "threads: futex", "processes: futex",
                               "threads: pipes", "processes: pipes"};
        ASSERT_EQ(series.size(), 5u) << cores;
        for (std::size_t k = 0; k < 5; ++k) {
            const auto& s = series[k];
            EXPECT_EQ(s.name, names[k]);
            EXPECT_EQ(s.ns.size(), 200u) << s.name << " " << cores;
            EXPECT_GT(s.median, 0) << s.name;
        }
        EXPECT_EQ(sup->store().actors().size(), 1u) << "the partners are not traced: main only";
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
        ASSERT_EQ(series.size(), 6u);
        const char* names[] = {"pipe",        "FIFO",          "message queue",
                               "UNIX socket", "shared memory", "threads: shared memory"};
        for (std::size_t k = 0; k < 6; ++k) {
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

TEST(OtherCpu, IsReadFromItsOwnSeriesAndWarnsAboveAQuarterOfACore) {
    EventStore store(1);
    store.setActors({ActorInfo{0, 10, 1, 10, "main", ActorRole::ProcessMain, kNoActor, 0}});
    store.setObjects({ObjectInfo{1, ObjectKind::Series, "threads: futex", 0},
                      ObjectInfo{2, ObjectKind::Series, std::string(kOtherCpuSeries), 0}});
    store.appendRow(Row{10, 0, EventKind::MeasureSample, 1, 100, 0});
    // Other programs: 100 ms of CPU in a measurement of 1 s, a tenth of a core.
    store.appendRow(Row{20, 0, EventKind::MeasureSample, 2, 100'000'000, 1'000'000'000});
    store.publish();
    const auto series = sampleSeries(store);
    ASSERT_EQ(series.size(), 1u) << "the record is not a distribution of times";
    EXPECT_EQ(series[0].name, "threads: futex");
    auto other = otherProgramsCpu(store);
    ASSERT_TRUE(other);
    EXPECT_DOUBLE_EQ(other->cores(), 0.1);
    EXPECT_FALSE(other->unreliable());
    EXPECT_EQ(otherCpuText(*other).find("Unreliable"), std::string::npos) << otherCpuText(*other);
    // Half a core in all: too busy to trust the times.
    other->otherNs = 500'000'000;
    EXPECT_TRUE(other->unreliable());
    EXPECT_NE(otherCpuText(*other).find("Unreliable: other programs used 50% of a core"),
              std::string::npos)
        << otherCpuText(*other);
    EventStore none(1);
    none.publish();
    EXPECT_FALSE(otherProgramsCpu(none)) << "a run that measured nothing says nothing";
}

TEST(OtherCpu, EveryMeasurementRecordsItAndACoreBurnedMeanwhileMakesItUnreliable) {
    // Without a burner the machine may still be busy (CI shares it): only that it is recorded.
    const auto quiet = measureWhileWaiting();
    ASSERT_TRUE(quiet) << "every measurement records what other programs used";
    EXPECT_GE(quiet->cores(), 0);
    EXPECT_GT(quiet->wallNs, 300'000'000) << "the whole measurement";
    std::optional<OtherCpu> busy;
    {
        const Burner burner;  // a child of this test: another program to the lab
        busy = measureWhileWaiting();
    }
    ASSERT_TRUE(busy);
    EXPECT_TRUE(busy->unreliable()) << otherCpuText(*busy);
    EXPECT_GT(busy->cores(), 0.5) << "a whole core burned, less what the lab's clocks miss";
    // Only on a quiet machine does the burner make the difference.
    if (!quiet->unreliable()) {
        EXPECT_GT(busy->cores(), quiet->cores());
    }
}
