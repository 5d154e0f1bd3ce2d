// P producers and C consumers around a bounded buffer of capacity K (C10); with stages > 1, a
// pipeline: a relay thread between each pair of buffers moves items from one to the next.

#include <atomic>
#include <chrono>
#include <deque>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/bounded_buffer.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto producers = p.integer("producers");
    const auto consumers = p.integer("consumers");
    const auto itemsEach = p.integer("items");
    const std::chrono::milliseconds produce(p.integer("produce_ms"));
    const std::chrono::milliseconds consume(p.integer("consume_ms"));
    const auto& chosen = p.choice("variant");
    const auto variant = chosen == "semaphore"   ? BoundedBuffer::Variant::Semaphore
                         : chosen == "busy-wait" ? BoundedBuffer::Variant::BusyWait
                                                 : BoundedBuffer::Variant::CondVar;

    const auto stages = static_cast<std::size_t>(p.integer("stages"));
    const auto capacity = static_cast<std::uint32_t>(p.integer("capacity"));
    std::deque<BoundedBuffer> buffers;
    for (std::size_t s = 1; s <= stages; ++s)
        buffers.emplace_back(stages == 1 ? "buffer" : "buffer " + std::to_string(s), capacity,
                             variant);
    BoundedBuffer& first = buffers.front();
    BoundedBuffer& last = buffers.back();
    std::atomic<std::int64_t> nextItem{1};

    std::deque<TracedThread> producerThreads, relayThreads, consumerThreads;
    for (std::int64_t i = 1; i <= producers; ++i) {
        producerThreads.emplace_back("producer " + std::to_string(i), [&] {
            for (std::int64_t n = 0; itemsEach == 0 || n < itemsEach; ++n) {
                Runtime::work(produce);
                if (Runtime::stopRequested()) break;
                first.put(nextItem.fetch_add(1, std::memory_order_relaxed));
            }
        });
    }
    for (std::size_t s = 1; s < stages; ++s) {
        relayThreads.emplace_back("relay " + std::to_string(s), [&, s] {
            while (const auto item = buffers[s - 1].get())
                buffers[s].put(*item);
        });
    }
    for (std::int64_t i = 1; i <= consumers; ++i) {
        consumerThreads.emplace_back("consumer " + std::to_string(i), [&] {
            while (last.get())
                Runtime::work(consume);
        });
    }
    // Producers stop when asked (or after their items); then each stage drains what is left
    // before the next buffer closes, so every item produced is consumed exactly once even when
    // the run is stopped.
    for (auto& t : producerThreads)
        t.join();
    first.close();
    for (std::size_t s = 1; s < stages; ++s) {
        relayThreads[s - 1].join();
        buffers[s].close();
    }
    for (auto& t : consumerThreads)
        t.join();
    return 0;
}

}  // namespace

Scenario makeProducerConsumer() {
    return Scenario{
        "producer-consumer",
        "threads",
        "Producers and consumers share a bounded buffer guarded by a lock and two conditions "
        "(or two semaphores).",
        {
            ParamSpec::integer("producers", 1, 16, 2, "", "Threads that make items."),
            ParamSpec::integer("consumers", 1, 16, 2, "", "Threads that take items."),
            ParamSpec::integer("capacity", 1, 64, 4, "slots", "Slots in the bounded buffer."),
            ParamSpec::integer("produce_ms", 0, 5000, 200, "ms",
                               "Simulated work to make one item (at speed 1x)."),
            ParamSpec::integer("consume_ms", 0, 5000, 300, "ms",
                               "Simulated work to use one item (at speed 1x)."),
            ParamSpec::choice("variant", {"condvar", "semaphore", "busy-wait"},
                              "condvar: one mutex and two condition variables; semaphore: two "
                              "counting semaphores (free and filled slots) and a mutex; "
                              "busy-wait: a mutex only, and a thread that finds the buffer full "
                              "or empty polls it in a loop, burning CPU time."),
            ParamSpec::integer("items", 0, 1'000'000, 0, "",
                               "Items each producer makes; 0 means until the run is stopped."),
            ParamSpec::integer("stages", 1, 4, 1, "buffers",
                               "Buffers in a pipeline; a relay thread moves each item from one "
                               "buffer to the next."),
        },
        run,
        {ObjectKind::Queue},
    };
}

}  // namespace interleave
