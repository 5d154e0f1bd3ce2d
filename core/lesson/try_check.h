#pragma once
// A lesson's "Try this" item checked on a run (as OSTEP's simulators' `-c`): whether a run can
// answer it, and its answer in words, measured from the run's events. Shared by the window's
// "Check" and `interleave-lab lesson NAME --check N`.

#include <string>
#include <utility>
#include <vector>

#include "core/channel/event_store.h"
#include "core/lesson/lesson_quiz.h"
#include "core/lesson/prediction.h"

namespace interleave {

// Empty when `run` answers `check`: it ran freely to its end with exactly the item's parameters
// (its `set` over the scenario's `defaults`). Otherwise why not, in one sentence. Unlike a
// question, a check needs no prediction: the student asked for the answer.
std::string whyRunCannotCheck(const TryCheck& check, const RunForQuestion& run,
                              const std::vector<std::pair<std::string, std::string>>& defaults);

// The parameters a check runs with, as NAME=VALUE (to set over the defaults).
std::vector<std::string> tryAssignments(const TryCheck& check);

// The answer, one line per reading ("messages the reader got: 10"), and a last line when other
// programs kept the machine so busy that measured times are not to be trusted. A reading the run
// cannot give says so on its line. `failed` counts those.
std::string tryCheckText(const TryCheck& check, const EventStore& store, int* failed = nullptr);

}  // namespace interleave
