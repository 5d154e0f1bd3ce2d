// Cause before effect, in the recorded times, for every primitive and IPC method: unpaced runs
// with several processes on both cores, read back by an independent check (causality_check.h)
// that knows nothing of how the engine stamps its events.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "causality_check.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

void expectNoEffectBeforeCause(const std::string& scenario, std::vector<std::string> params,
                               std::size_t atLeast) {
    const auto sup = runFor(scenario, std::move(params), 30'000);
    const auto report = checkCauseBeforeEffect(sup->store());
    EXPECT_GE(report.messages + report.lockSteps, atLeast)
        << scenario << ": the run did too little to check";
    EXPECT_EQ(report.violations, 0u)
        << scenario << ": " << report.violations << " effects before their cause (worst by "
        << report.worstNs << " ns), e.g. "
        << (report.problems.empty() ? std::string() : report.problems.front());
    EXPECT_EQ(sup->store().totalDropped(), 0u) << scenario << ": a check needs every event";
}

std::unique_ptr<EventStore> storeOf(const std::vector<ObjectInfo>& objects,
                                    const std::vector<Row>& rows) {
    auto s = std::make_unique<EventStore>(8);
    s->setActors({ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0},
                  ActorInfo{1, 101, 100, 101, "child", ActorRole::ProcessMain, 0, 0}});
    s->setObjects(objects);
    for (const auto& r : rows)
        s->appendRow(r);
    s->publish();
    return s;
}

}  // namespace

// The check itself must be able to fail: each kind of effect before its cause is caught.
TEST(CauseBeforeEffect, TheCheckCatchesAReceiveBeforeItsSend) {
    const auto s = storeOf(
        {ObjectInfo{1, ObjectKind::Pipe, "pipe", 4096, 100}},
        {Row{1000, 0, EventKind::MsgSend, 1, 7, 0}, Row{900, 1, EventKind::MsgReceive, 1, 7, 0}});
    const auto report = checkCauseBeforeEffect(*s);
    EXPECT_EQ(report.violations, 1u);
    EXPECT_EQ(report.worstNs, 100);
}

TEST(CauseBeforeEffect, TheCheckCatchesASemaphoreHeldByMoreThanItsPermits) {
    // Process 1 acquires the one permit while the trace still shows process 0 holding it.
    const auto s = storeOf(
        {ObjectInfo{1, ObjectKind::Semaphore, "lock", 1, 100}},
        {Row{100, 0, EventKind::SemAcquired, 1, 0, 0}, Row{200, 1, EventKind::SemAcquired, 1, 0, 1},
         Row{210, 0, EventKind::SemReleased, 1, 1, 1}});
    EXPECT_EQ(checkCauseBeforeEffect(*s).violations, 1u);
}

TEST(CauseBeforeEffect, TheCheckCatchesAReaderInsideAWriteLock) {
    const auto s = storeOf({ObjectInfo{1, ObjectKind::RwLock, "rw", 0, 100}},
                           {Row{100, 0, EventKind::RwWriteAcquired, 1, 0, 0},
                            Row{200, 1, EventKind::RwReadAcquired, 1, 1, 1},
                            Row{300, 0, EventKind::RwWriteReleased, 1, 0, 0}});
    EXPECT_EQ(checkCauseBeforeEffect(*s).violations, 1u);
}

TEST(CauseBeforeEffect, TheCheckCatchesAnItemTakenBeforeItWasPut) {
    const auto s = storeOf(
        {ObjectInfo{1, ObjectKind::SharedSegment, "ring", 4, 100}},
        {Row{200, 0, EventKind::QueuePut, 1, 3, 1}, Row{150, 1, EventKind::QueueGet, 1, 3, 0}});
    EXPECT_EQ(checkCauseBeforeEffect(*s).violations, 1u);
}

// Unpaced (no simulated work), so that sends and receives, posts and waits, crowd together on
// both cores: where a stamp is on the wrong side of its call, these runs show it.
TEST(CauseBeforeEffect, StreamSocketUnpaced) {
    expectNoEffectBeforeCause("socket",
                              {"type=stream", "requests=1500", "client_ms=0", "server_ms=0"}, 3000);
}

TEST(CauseBeforeEffect, DatagramSocketUnpaced) {
    expectNoEffectBeforeCause(
        "socket", {"type=datagram", "requests=1500", "client_ms=0", "server_ms=0"}, 3000);
}

TEST(CauseBeforeEffect, MessageQueueUnpaced) {
    expectNoEffectBeforeCause("message-queue",
                              {"messages=3000", "priorities=3", "write_ms=0", "read_ms=0"}, 3000);
}

TEST(CauseBeforeEffect, PipeWithThreeStagesUnpaced) {
    expectNoEffectBeforeCause("pipe", {"stages=3", "messages=2000", "write_ms=0", "read_ms=0"},
                              6000);
}

TEST(CauseBeforeEffect, FifoUnpaced) {
    expectNoEffectBeforeCause("fifo", {"messages=3000", "write_ms=0", "read_ms=0"}, 3000);
}

TEST(CauseBeforeEffect, SharedMemoryFourProducersFourConsumersUnpaced) {
    expectNoEffectBeforeCause(
        "shared-memory",
        {"producers=4", "consumers=4", "slots=4", "items=3000", "produce_ms=0", "consume_ms=0"},
        20000);
}

TEST(CauseBeforeEffect, ProcessSemaphoreUnpaced) {
    expectNoEffectBeforeCause(
        "semaphore", {"workers=6", "permits=2", "work_ms=0", "rest_ms=0", "rounds=400"}, 4000);
}

TEST(CauseBeforeEffect, SignalsUnpaced) {
    expectNoEffectBeforeCause("signals", {"sends=50", "gap_ms=0", "block_ms=0"}, 20);
}

// Threads of one process: the same rule, through locks, condition variables, semaphores and
// reader-writer locks.
TEST(CauseBeforeEffect, ThreadPrimitivesUnpaced) {
    expectNoEffectBeforeCause("producer-consumer",
                              {"producers=3", "consumers=3", "items=3000", "produce_ms=0",
                               "consume_ms=0", "variant=semaphore"},
                              6000);
    expectNoEffectBeforeCause(
        "reader-writer",
        {"readers=4", "writers=2", "rounds=300", "read_ms=0", "write_ms=0", "rest_ms=0"}, 1000);
    expectNoEffectBeforeCause(
        "semaphore-pool", {"workers=6", "permits=2", "rounds=300", "work_ms=0", "rest_ms=0"}, 1000);
}
