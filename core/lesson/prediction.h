#pragma once
// A student's prediction set beside what the run showed: for a multiple-choice question, the
// choice the measured value falls in; for a number, whether the guess is within the question's
// tolerance of it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/lesson/lesson_quiz.h"

namespace interleave {

struct Prediction {
    int choice = -1;    // multiple choice: the student's choice
    double number = 0;  // number question: the student's number
};

struct Reveal {
    double observed = 0;
    int observedChoice = -1;  // the choice whose range holds `observed` (-1: none)
    bool predictionMatchesRun = false;
    bool runMatchesAnswer = false;  // multiple choice: did this run do what the lesson expects
};

Reveal reveal(const QuizQuestion& question, const Prediction& prediction, double observed);

// What the window knows of a run that has ended, for judging a question on it.
struct RunForQuestion {
    bool predicted = false;        // a prediction was locked in before the run started
    bool scheduledByHand = false;  // any step was granted by hand (scheduler mode)
    bool stoppedEarly = false;     // the user stopped it before its end
    // Every parameter as the run used it (name, value).
    std::vector<std::pair<std::string, std::string>> parameters;
};

// Empty when a run with parameters `used` ran with exactly `set` over `defaults`; otherwise the
// first parameter that differs, as "this run used NAME = V where ABOUT is about NAME = W".
std::string parameterMismatch(const std::vector<std::pair<std::string, std::string>>& set,
                              const std::vector<std::pair<std::string, std::string>>& used,
                              const std::vector<std::pair<std::string, std::string>>& defaults,
                              const std::string& about = "the question");

// Empty when `run` may be judged against `question`: a run that nobody predicted reveals
// nothing, and only a run that was predicted, ran freely to its end, with exactly the
// question's parameters (its `set` over the scenario's `defaults`) can answer it. Otherwise, why
// not, in one sentence for the student. (A run on a busy machine is refused by what it
// recorded: see otherProgramsCpu.)
std::string whyRunCannotJudge(const QuizQuestion& question, const RunForQuestion& run,
                              const std::vector<std::pair<std::string, std::string>>& defaults);

}  // namespace interleave
