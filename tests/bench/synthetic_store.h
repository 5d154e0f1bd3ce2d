#pragma once
// A synthetic run for the drawing and replay benchmarks: 64 lanes (8 processes of 8 threads),
// each cycling through work, a contended lock and a condition wait, evenly spread over 10 s, so
// each pixel column of every lane holds many state changes.

#include <memory>
#include <string>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave::bench {

constexpr std::uint32_t kLanes = 64;

inline std::unique_ptr<EventStore> syntheticStore(std::size_t events) {
    auto store = std::make_unique<EventStore>(kLanes);
    std::vector<ActorInfo> actors;
    for (std::uint32_t a = 0; a < kLanes; ++a)
        actors.push_back(ActorInfo{a, 100 + static_cast<int>(a / 8), 1, 1000 + static_cast<int>(a),
                                   "thread " + std::to_string(a),
                                   a % 8 ? ActorRole::Thread : ActorRole::ProcessMain, kNoActor,
                                   0});
    store->setActors(actors);
    store->setObjects({ObjectInfo{1, ObjectKind::Mutex, "lock", 0, 100},
                       ObjectInfo{2, ObjectKind::CondVar, "cv", 0, 100}});
    const EventKind cycle[] = {EventKind::WorkBegin,    EventKind::WorkEnd,  EventKind::LockRequest,
                               EventKind::LockAcquired, EventKind::CondWait, EventKind::CondWoken,
                               EventKind::LockReleased, EventKind::Note};
    const std::size_t perLane = events / kLanes;
    const double step = 10e9 / static_cast<double>(perLane);
    for (std::uint32_t a = 0; a < kLanes; ++a) {
        for (std::size_t k = 0; k < perLane; ++k) {
            const auto kind = cycle[k % 8];
            store->appendRow(
                Row{static_cast<std::int64_t>(static_cast<double>(k) * step), a, kind,
                    kind == EventKind::CondWait || kind == EventKind::CondWoken ? 2u : 1u, 0, 1});
        }
    }
    store->publish();
    return store;
}

}  // namespace interleave::bench
