#pragma once
// A student's prediction set beside what the run showed: for a multiple-choice question, the
// choice the measured value falls in; for a number, whether the guess is within the question's
// tolerance of it.

#include <optional>
#include <string>

#include "core/trace/lesson_quiz.h"

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

}  // namespace interleave
