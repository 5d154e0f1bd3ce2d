#pragma once
// What a lesson asks of the student, kept machine-readable in the lesson itself: one fenced
// block whose info string is `interleave`, holding JSON, which the lesson panel hides:
//
//   ```interleave
//   {"goals": [{"goal": "lost-update", "text": "Make an update get lost"}],
//    "questions": [{"ask": "...", "choices": [{"text": "None", "range": [0, 0]}, ...],
//                   "answer": 1, "measure": "lost_updates", "why": "...",
//                   "set": {"think_ms": "0"}}]}
//   ```
//
// A question is multiple choice (`choices`, each with the range of the measure it stands for,
// and `answer`, the choice the lesson expects) or a number (`number`: {"tolerance": 0.25} as a
// fraction of what the run shows, and "unit"). `measure` says what of the run answers it (see
// run_measures.h); `set` are parameter values the question is about, applied when it is asked.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace interleave {

struct QuizChoice {
    std::string text;
    double low = 0;  // the measure's values this choice stands for, inclusive
    double high = 0;
};

struct QuizQuestion {
    std::string ask;
    std::vector<QuizChoice> choices;  // empty: a number question
    int answer = -1;                  // the expected choice
    double tolerance = 0;             // number: how far off still counts, as a fraction
    std::string unit;                 // number: "updates", "µs", "x"
    std::string measure;
    std::string why;  // one sentence, shown with the reveal
    std::vector<std::pair<std::string, std::string>> set;
    bool isNumber() const { return choices.empty(); }
};

struct LessonGoal {
    std::string goal;  // a Goal's name (goals.h)
    std::string text;  // what the lesson tells the student to do
};

struct LessonQuiz {
    std::vector<LessonGoal> goals;
    std::vector<QuizQuestion> questions;
};

// Splits a lesson's Markdown into the text to show (`shown`, without the block) and its quiz.
// A lesson without a block has an empty quiz; a block that does not parse gives nullopt with
// `error` saying what is wrong.
std::optional<LessonQuiz> parseLessonQuiz(const std::string& markdown, std::string* shown,
                                          std::string& error);

}  // namespace interleave
