#pragma once
// The first update lost on a shared variable, as the interleaving that lost it. B reads v; A
// reads and writes one or more times; B writes v + 1 over A's last write w: the additions A made
// since B's read are gone. In the classic case A read v too and w is v + 1 (one addition lost);
// under load A may have gone round several times first. Every write records the value it
// replaced (TracedCounter), so this is read off the facts, not guessed.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

struct LostUpdate {
    // Store indices, in time order: the two reads (either order), the lost write, the write
    // over it.
    std::array<std::size_t, 4> events;
    std::uint32_t lost;       // the actor whose write was overwritten
    std::uint32_t overwrote;  // the actor who wrote over it
    std::int64_t value;       // what the overwriting actor read (it wrote value + 1)
    std::int64_t lostRead;    // what the lost writer read before its write (it wrote lostRead + 1)
    std::int64_t additionsLost;  // lostRead + 1 - value: the increments the overwrite undid
    bool bothReadOneValue() const { return value == lostRead; }
};

std::optional<LostUpdate> firstLostUpdate(const EventStore& store);
// Every update lost, in the order of the writes that lost them (at most `limit`).
std::vector<LostUpdate> allLostUpdates(const EventStore& store, std::size_t limit = 1000);

}  // namespace interleave
