#pragma once
// The command line's scheduler: `interleave-lab run SCENARIO --schedule manual` asks, step by
// step, which actor goes next; `--schedule FILE` gives a saved run's steps again.

#include <csignal>

#include "core/supervise/supervisor.h"

namespace interleave {

// Shows each actor's next step, reads the student's choice from stdin, grants it and says when
// a goal is reached, until every actor has ended, the student types q, or `interrupted` is set.
// Returns the steps granted.
std::size_t scheduleInteractively(Supervisor& sup, const volatile std::sig_atomic_t& interrupted);

// Prints, once, each goal the run has reached so far (with the steps it took).
void printGoalsReached(const EventStore& store);

}  // namespace interleave
