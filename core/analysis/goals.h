#pragma once
// Goals a student reaches by scheduling a run by hand (The Deadlock Empire's levels, on real
// threads): each is recognised from the recorded events, never from what the scenario meant
// to do, with the number of steps the student granted to get there.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/channel/event_store.h"

namespace interleave {

enum class Goal : std::uint8_t {
    LostUpdate,    // a write overwrote another thread's: an update is lost
    Deadlock,      // threads wait for each other's locks in a cycle: they wait forever
    WaitsOnEmpty,  // a consumer waits on an empty buffer (condition, semaphore, poll, pipe)
};

inline constexpr std::array<Goal, 3> kGoals = {Goal::LostUpdate, Goal::Deadlock,
                                               Goal::WaitsOnEmpty};

// "lost-update", "deadlock", "waits-on-empty"; empty for an unknown name.
std::optional<Goal> parseGoal(std::string_view name);
std::string_view goalName(Goal goal);

struct GoalReached {
    std::int64_t ns = 0;    // when it happened
    std::size_t steps = 0;  // steps granted up to then (0: the run was not scheduled by hand)
    std::string how;        // one sentence: what the events show
};

std::optional<GoalReached> findGoal(const EventStore& store, Goal goal);

}  // namespace interleave
