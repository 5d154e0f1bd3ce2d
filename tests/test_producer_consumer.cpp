// Real runs of producer-consumer (real threads in a real lab process), checked from the trace.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/analysis/actor_states.h"
#include "core/analysis/cpu_time.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

namespace {

struct Observed {
    int consumerWaitsOnEmpty = 0;
    int producerWaitsOnFull = 0;
    std::size_t items = 0;
    std::multiset<std::int64_t> itemsPut;
};

// The buffer's lock, conditions and semaphores are found by their role, never by their names.
std::uint32_t partOf(const EventStore& s, std::uint32_t buffer, ObjectRole role, ObjectKind kind) {
    for (const auto& o : s.objects())
        if (o.owner == buffer && o.role == role && o.kind == kind) return o.id;
    return kNoObject;
}

// Who puts into and who takes from a buffer: producers and consumers, or the relays of a
// pipeline.
struct Sides {
    std::string buffer = "buffer";
    std::string producer = "producer";
    std::string consumer = "consumer";
};

std::uint32_t occupancyOf(std::int64_t b) {
    return static_cast<std::uint32_t>(b & 0xffffffff);
}

bool startsWith(const std::string& s, const char* p) {
    return s.rfind(p, 0) == 0;
}

// Checks the invariants of one run and counts how often each side had to wait.
Observed checkRun(const EventStore& s, std::uint32_t capacity, bool semaphores,
                  const Sides& sides = {}) {
    Observed seen;
    EXPECT_EQ(s.totalDropped(), 0u);
    const auto actors = actorsById(s);
    const auto buffer = objectId(s, sides.buffer);
    const auto lock = partOf(s, buffer, ObjectRole::Guard, ObjectKind::Mutex);
    EXPECT_NE(buffer, kNoObject);
    EXPECT_NE(lock, kNoObject);
    const auto* producer = sides.producer.c_str();
    const auto* consumer = sides.consumer.c_str();

    std::multiset<std::int64_t> put, got;
    std::int64_t occupancy = 0;
    std::uint32_t owner = kNoActor;
    std::set<std::uint32_t> spinning;
    std::map<std::uint32_t, std::int64_t> semValue;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Semaphore) semValue[o.id] = o.capacity;
    const auto freeSlots = partOf(s, buffer, ObjectRole::Space, ObjectKind::Semaphore);
    const auto filledSlots = partOf(s, buffer, ObjectRole::Items, ObjectKind::Semaphore);
    const auto notFull = partOf(s, buffer, ObjectRole::Space, ObjectKind::CondVar);
    const auto notEmpty = partOf(s, buffer, ObjectRole::Items, ObjectKind::CondVar);

    for (const auto i : s.timeOrder()) {
        const auto r = s.row(i);
        const auto& who = actors.at(r.actor).name;
        if (r.object == buffer &&
            (r.kind == EventKind::QueuePut || r.kind == EventKind::QueueGet)) {
            // Every put/get happens with the buffer's lock held, by the actor that holds it.
            EXPECT_EQ(owner, r.actor) << kindName(r.kind) << " outside the critical section";
            occupancy += r.kind == EventKind::QueuePut ? 1 : -1;
            EXPECT_EQ(occupancyOf(r.b), occupancy);
            EXPECT_GE(occupancy, 0);
            EXPECT_LE(occupancy, static_cast<std::int64_t>(capacity));
            (r.kind == EventKind::QueuePut ? put : got).insert(r.a);
        }
        if (r.object == lock && r.kind == EventKind::LockAcquired) {
            EXPECT_EQ(owner, kNoActor) << who << " entered while actor " << owner << " was inside";
            owner = r.actor;
        }
        if (r.object == lock && r.kind == EventKind::LockReleased) {
            EXPECT_EQ(owner, r.actor) << who << " released a lock it did not hold";
            owner = kNoActor;
        }
        if (r.kind == EventKind::CondWait && r.object == notEmpty) {
            EXPECT_TRUE(startsWith(who, consumer)) << who;
            EXPECT_EQ(occupancy, 0) << who << " waited although the buffer held items";
            ++seen.consumerWaitsOnEmpty;
        }
        if (r.kind == EventKind::CondWait && r.object == notFull) {
            EXPECT_TRUE(startsWith(who, producer)) << who;
            EXPECT_EQ(occupancy, capacity) << who << " waited although the buffer had room";
            ++seen.producerWaitsOnFull;
        }
        if (r.object == buffer && r.kind == EventKind::SpinBegin) {
            // Busy waiting: consumers poll for items, producers for room.
            EXPECT_TRUE(startsWith(who, r.a ? consumer : producer)) << who;
            ++(r.a ? seen.consumerWaitsOnEmpty : seen.producerWaitsOnFull);
            EXPECT_FALSE(spinning.count(r.actor)) << who << " began to spin twice";
            spinning.insert(r.actor);
        }
        if (r.object == buffer && r.kind == EventKind::SpinEnd) {
            EXPECT_TRUE(spinning.erase(r.actor)) << who << " stopped a spin it never began";
            EXPECT_GE(r.a, 0);
        }
        if (semValue.count(r.object)) {
            auto& v = semValue[r.object];
            if (r.kind == EventKind::SemAcquired) {
                EXPECT_EQ(r.a, --v);
            }
            if (r.kind == EventKind::SemReleased) {
                EXPECT_EQ(r.a, ++v);
            }
            EXPECT_GE(v, 0);
            if (r.kind == EventKind::SemBlock) {
                EXPECT_EQ(v, 0) << who << " blocked on a semaphore whose value was " << v;
                if (r.object == filledSlots) {
                    EXPECT_TRUE(startsWith(who, consumer)) << who;
                    ++seen.consumerWaitsOnEmpty;
                }
                if (r.object == freeSlots) {
                    EXPECT_TRUE(startsWith(who, producer)) << who;
                    ++seen.producerWaitsOnFull;
                }
            }
        }
    }
    EXPECT_EQ(filledSlots != kNoObject, semaphores);
    EXPECT_EQ(put, got) << "every item produced is consumed exactly once";
    EXPECT_EQ(put.size(), std::set<std::int64_t>(put.begin(), put.end()).size())
        << "item produced twice";
    EXPECT_EQ(occupancy, 0);
    EXPECT_TRUE(spinning.empty()) << "a spin never ended";
    seen.items = put.size();
    seen.itemsPut = put;
    return seen;
}

class ProducerConsumer : public ::testing::TestWithParam<std::string> {};

TEST_P(ProducerConsumer, FastProducersFillTheBufferAndWaitOnlyWhenFull) {
    const auto sup = runFor("producer-consumer",
                            {"variant=" + GetParam(), "producers=3", "consumers=1", "capacity=2",
                             "produce_ms=0", "consume_ms=2"},
                            400);
    const auto seen = checkRun(sup->store(), 2, GetParam() == "semaphore");
    EXPECT_GT(seen.items, 20u);
    EXPECT_GT(seen.producerWaitsOnFull, 0) << "the run never filled the buffer";
    EXPECT_EQ(sup->labStatus(), exitStatusExited(0));
}

TEST_P(ProducerConsumer, FastConsumersEmptyTheBufferAndWaitOnlyWhenEmpty) {
    const auto sup = runFor("producer-consumer",
                            {"variant=" + GetParam(), "producers=1", "consumers=3", "capacity=4",
                             "produce_ms=2", "consume_ms=0"},
                            400);
    const auto seen = checkRun(sup->store(), 4, GetParam() == "semaphore");
    EXPECT_GT(seen.items, 20u);
    EXPECT_GT(seen.consumerWaitsOnEmpty, 0) << "no consumer ever found the buffer empty";
}

TEST_P(ProducerConsumer, FixedItemCountEndsByItselfWithEveryItemConsumed) {
    const auto sup = runFor("producer-consumer",
                            {"variant=" + GetParam(), "producers=4", "consumers=3", "capacity=3",
                             "produce_ms=0", "consume_ms=0", "items=250"},
                            10'000);
    const auto seen = checkRun(sup->store(), 3, GetParam() == "semaphore");
    EXPECT_EQ(seen.items, 1000u);
    EXPECT_EQ(sup->labStatus(), exitStatusExited(0));
}

// A pipeline of three buffers: each is its own queue object with its own lock and conditions
// (found by role), every item passes through each buffer once, and the items that leave the
// last buffer are the ones the producers made.
TEST_P(ProducerConsumer, PipelinePassesEveryItemThroughEachBufferOnce) {
    const auto sup = runFor("producer-consumer",
                            {"variant=" + GetParam(), "producers=2", "consumers=2", "capacity=2",
                             "produce_ms=0", "consume_ms=0", "items=150", "stages=3"},
                            10'000);
    const auto& s = sup->store();
    std::vector<std::string> queues;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Queue) queues.push_back(o.name);
    EXPECT_EQ(queues, (std::vector<std::string>{"buffer 1", "buffer 2", "buffer 3"}));
    const bool sem = GetParam() == "semaphore";
    const auto a = checkRun(s, 2, sem, {"buffer 1", "producer", "relay 1"});
    const auto b = checkRun(s, 2, sem, {"buffer 2", "relay 1", "relay 2"});
    const auto c = checkRun(s, 2, sem, {"buffer 3", "relay 2", "consumer"});
    EXPECT_EQ(a.items, 300u);
    EXPECT_EQ(a.itemsPut, b.itemsPut);
    EXPECT_EQ(b.itemsPut, c.itemsPut);
    EXPECT_EQ(sup->labStatus(), exitStatusExited(0));
}

INSTANTIATE_TEST_SUITE_P(Variants, ProducerConsumer,
                         ::testing::Values("condvar", "semaphore", "busy-wait"));

// What busy waiting costs: consumers that poll an empty buffer use a CPU the whole time they
// wait, consumers that sleep on a condition use next to none. Each thread reads its own CPU
// time from /proc; compared within one test, as a ratio, since the machine's load varies.
TEST(ProducerConsumerCpu, BusyWaitingConsumersBurnFarMoreCpuThanBlockingOnes) {
    auto consumerCpu = [](const std::string& variant) {
        const auto sup = runFor("producer-consumer",
                                {"variant=" + variant, "producers=1", "consumers=2",
                                 "produce_ms=100", "consume_ms=0", "items=4"},
                                10'000);
        EXPECT_EQ(sup->labStatus(), exitStatusExited(0));
        const auto& s = sup->store();
        const auto cpu = lastCpuTimes(s);
        std::int64_t sum = 0;
        int reported = 0;
        for (const auto& a : s.actors()) {
            const auto it = cpu.find(a.id);
            EXPECT_NE(it, cpu.end()) << a.name << " never reported its CPU time";
            if (it == cpu.end() || !startsWith(a.name, "consumer")) continue;
            EXPECT_GE(it->second, 0);
            sum += it->second;
            ++reported;
        }
        EXPECT_EQ(reported, 2);
        return sum;
    };
    const auto spinning = consumerCpu("busy-wait");
    const auto blocking = consumerCpu("condvar");
    EXPECT_GT(spinning, 10 * std::max<std::int64_t>(blocking, 1'000'000))
        << "busy-wait " << spinning << " ns, condvar " << blocking << " ns";
}

TEST(ProducerConsumerActors, RealPidAndTidForEveryThread) {
    const auto sup = runFor("producer-consumer",
                            {"producers=2", "consumers=3", "produce_ms=1", "consume_ms=1"}, 200);
    const auto actors = sup->store().actors();
    ASSERT_EQ(actors.size(), 6u);  // main + 2 + 3
    std::set<int> tids;
    for (const auto& a : actors) {
        EXPECT_EQ(a.pid, sup->labPid()) << "threads share their process's pid";
        tids.insert(a.tid);
    }
    EXPECT_EQ(tids.size(), actors.size()) << "each thread has its own tid";
    EXPECT_TRUE(tids.count(sup->labPid())) << "the main thread's tid is the pid";
}

}  // namespace
