#pragma once
// What each actor was doing over time, derived from its events. The Chrome trace writes these
// as complete events; the timeline draws them as lanes.

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/event_store.h"

namespace interleave {

enum class ActorState : std::uint8_t {
    Running,
    BlockedOnLock,
    WaitingOnCondition,
    WaitingOnSemaphore,
    Working,       // simulated work or sleep
    WaitingJoin,   // joining a thread or waiting for a child process
    Exited,
};

std::string_view stateName(ActorState s);

struct StateSegment {
    std::int64_t begin;
    std::int64_t end;
    ActorState state;
    std::uint32_t object;  // the lock, condition or semaphore involved
};

struct ProcessEnd {
    std::int64_t ns;
    std::int64_t status;  // see exitStatus* in event.h
};

// When each process ended, from process_exit events (whoever reported them).
std::map<int, ProcessEnd> processEnds(const EventStore& store);

// Segments of one actor from its first event up to `until` (or its end, when it ended).
std::vector<StateSegment> stateSegments(const EventStore& store, const ActorInfo& actor,
                                        const std::map<int, ProcessEnd>& ends, std::int64_t until);

}  // namespace interleave
