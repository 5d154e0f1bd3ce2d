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
    LostUpdate,        // a write overwrote another thread's: an update is lost
    Deadlock,          // threads wait for each other's locks in a cycle: they wait forever
    WaitsOnEmpty,      // a consumer waits on an empty buffer (condition, semaphore, poll, pipe)
    WaitsOnFull,       // a producer waits on a full buffer: no room for its item
    TwoInside,         // two actors inside one critical section at once (a breach of mutual
                       // exclusion: both between reading and writing a shared variable, or both
                       // past a semaphore or holding an exclusive lock)
    WriterStarved,     // a writer waits while a reader who asked after it gets in
    EmptyForever,      // a consumer waits on an empty buffer and every producer has ended
    SignalLost,        // a standard signal sent while the same one is still pending: one is lost
    ZombieLeft,        // a child process ended and nobody has waited for it yet
    OrphanReparented,  // a process's parent ended and the kernel gave it a new parent
};

inline constexpr std::array<Goal, 10> kGoals = {
    Goal::LostUpdate, Goal::Deadlock,        Goal::WaitsOnEmpty, Goal::WaitsOnFull,
    Goal::TwoInside,  Goal::WriterStarved,   Goal::EmptyForever, Goal::SignalLost,
    Goal::ZombieLeft, Goal::OrphanReparented};

// "lost-update", "deadlock", "waits-on-empty", ...; empty for an unknown name.
std::optional<Goal> parseGoal(std::string_view name);
std::string_view goalName(Goal goal);
// What reaching it means, for a list of levels: "lose an update".
std::string_view goalTask(Goal goal);

struct GoalReached {
    std::int64_t ns = 0;    // when it happened
    std::size_t steps = 0;  // steps granted up to then (0: the run was not scheduled by hand)
    std::string how;        // one sentence: what the events show
};

std::optional<GoalReached> findGoal(const EventStore& store, Goal goal);

}  // namespace interleave
