#pragma once
// A run's schedule, read back from its events: who was granted each step, in the order the
// steps were taken. Every granted checkpoint_pass is one entry; a saved run carries its schedule
// in its events and nothing else needs saving.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

// Names an actor across runs: actor ids depend on registration order, names do not. `nth`
// tells apart actors of one name (0: the first by id).
struct ScheduledActor {
    std::string name;
    int nth = 0;
    bool operator==(const ScheduledActor&) const = default;
};

// "thread 1", or "worker#2" for the third actor called "worker"; parseScheduledActor reverses it.
std::string scheduledActorText(const ScheduledActor& a);
ScheduledActor parseScheduledActor(const std::string& text);

// The actors of every granted step, in time order.
std::vector<ScheduledActor> scheduleFromEvents(const EventStore& store);

// How many steps were granted up to and including store time `ns`.
std::size_t grantsUntil(const EventStore& store, std::int64_t ns);

}  // namespace interleave
