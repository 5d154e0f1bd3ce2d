#pragma once
// The first update lost on a shared variable, as the interleaving that lost it: A reads v,
// B reads v, A writes v + 1, B writes v + 1 over it (A's addition is gone). Every write records
// the value it replaced (TracedCounter), so this is read off the facts, not guessed.

#include <array>
#include <cstdint>
#include <optional>

#include "core/channel/event_store.h"

namespace interleave {

struct LostUpdate {
    // Store indices, in time order: the lost writer's read, the other's read, the lost write,
    // the write over it. (The two reads may come in either order.)
    std::array<std::size_t, 4> events;
    std::uint32_t lost;       // the actor whose addition was overwritten
    std::uint32_t overwrote;  // the actor who wrote over it
    std::int64_t value;       // what both read
};

std::optional<LostUpdate> firstLostUpdate(const EventStore& store);

}  // namespace interleave
