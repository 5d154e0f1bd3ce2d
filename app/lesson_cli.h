#pragma once
// `interleave-lab lesson SCENARIO [--check N]`: the lesson's "Try this" items, each with how its
// answer is checked or why it has no single answer; with --check, item N run with its parameters
// (over every default) and its answer, measured from the run (as OSTEP's simulators' -c).

#include <string>

namespace interleave {

// 0 when all went well; 2 for an unknown scenario or item, or a bad duration; 1 when the run
// failed or cannot give an answer.
int lessonCommand(const std::string& scenario, int check, const std::string& duration);

}  // namespace interleave
