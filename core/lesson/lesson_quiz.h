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
//
// The same block says, for each numbered item of the lesson's "## Try this", how its answer is
// checked (as OSTEP's simulators' `-c`), under "try":
//
//   "try": [{"item": 1, "set": {"message_bytes": "3000"},
//            "reads": [{"measure": "max_a:pipe_bytes", "says": "bytes in the pipe, at most"}]},
//           {"item": 2, "none": "it asks why, and the why is in the text"}]
//
// A checked item names the parameters it sets (over every default, as a question's) and the
// measures that answer it; an item with no single answer says why in "none". Every item of the
// section has exactly one entry (tests/test_lesson_quiz.cpp).

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

// One number a Try this item's check reads off its run, and what it is in words.
struct TryReading {
    std::string measure;  // as a question's (run_measures.h)
    std::string says;     // "messages the reader got"
};

struct TryCheck {
    int item = 0;  // the item's number in the lesson's "## Try this" list
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<TryReading> reads;  // empty: no single answer
    std::string none;               // why there is no single answer (then `reads` is empty)
    bool checkable() const { return !reads.empty(); }
};

struct LessonQuiz {
    std::vector<LessonGoal> goals;
    std::vector<QuizQuestion> questions;
    std::vector<TryCheck> tries;  // by item number
    const TryCheck* tryItem(int item) const {
        for (const auto& t : tries)
            if (t.item == item) return &t;
        return nullptr;
    }
};

// Where each numbered item of a lesson's "## Try this" section is in `markdown` (the text shown,
// or the whole lesson): its number and the offset just past its last non-blank line, where a
// window or a printout puts its check.
struct TryThisItem {
    int number = 0;
    std::size_t begin = 0;  // the item's first character ("1." ...)
    std::size_t end = 0;    // just past its last line (before the newline)
};
std::vector<TryThisItem> tryThisItems(const std::string& markdown);

// Splits a lesson's Markdown into the text to show (`shown`, without the block) and its quiz.
// A lesson without a block has an empty quiz; a block that does not parse gives nullopt with
// `error` saying what is wrong.
std::optional<LessonQuiz> parseLessonQuiz(const std::string& markdown, std::string* shown,
                                          std::string& error);

}  // namespace interleave
