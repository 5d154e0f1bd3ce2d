// Producer and consumer processes meet in a shared memory segment (C4, C9): a ring of slots in
// an anonymous shared mapping made before fork(), guarded by process-shared semaphores. A write
// by one process lands in the memory the others read: no copy, no kernel in between.

#include <chrono>
#include <string>
#include <vector>

#include "core/primitives/ipc/shared_ring.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto items = p.integer("items");
    const std::chrono::milliseconds produce(p.integer("produce_ms")),
        consume(p.integer("consume_ms"));
    const auto consumers = static_cast<int>(p.integer("consumers"));
    SharedRing ring("segment", static_cast<std::uint32_t>(p.integer("slots")));
    std::vector<ChildProcess> producers, readers;
    for (std::int64_t i = 1; i <= p.integer("producers"); ++i)
        producers.push_back(forkTraced("producer " + std::to_string(i), [&] {
            for (auto item = ring.nextItem(); item <= items && !Runtime::stopRequested();
                 item = ring.nextItem()) {
                Runtime::work(produce);
                if (!ring.put(item)) break;
            }
            return 0;
        }));
    for (int i = 1; i <= consumers; ++i)
        readers.push_back(forkTraced("consumer " + std::to_string(i), [&] {
            while (const auto item = ring.get()) {
                Runtime::work(consume);
                if (Runtime::stopRequested()) break;
            }
            return 0;
        }));
    // Once every producer has ended, the consumers drain the ring and end too.
    while (!producers.empty())
        waitAnyTraced(producers);
    ring.close(consumers);
    while (!readers.empty())
        waitAnyTraced(readers);
    return 0;
}

}  // namespace

Scenario makeSharedMemory() {
    return Scenario{
        "shared-memory",
        "processes",
        "Producer and consumer processes share a ring of slots in shared memory.",
        {
            ParamSpec::integer("producers", 1, 4, 2, "", "Producer processes."),
            ParamSpec::integer("consumers", 1, 4, 1, "", "Consumer processes."),
            ParamSpec::integer("slots", 1, 16, 4, "", "Slots in the shared ring."),
            ParamSpec::integer("items", 1, 100000, 24, "", "Items produced in all."),
            ParamSpec::integer("produce_ms", 0, 5000, 250, "ms", "Work to make each item."),
            ParamSpec::integer("consume_ms", 0, 5000, 400, "ms", "Work to use each item."),
        },
        run,
        {ObjectKind::SharedSegment},
    };
}

}  // namespace interleave
