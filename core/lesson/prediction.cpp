#include "core/lesson/prediction.h"

#include <cmath>

namespace interleave {

Reveal reveal(const QuizQuestion& q, const Prediction& p, double observed) {
    Reveal r;
    r.observed = observed;
    if (q.isNumber()) {
        // Relative to what the run showed; a run that showed 0 accepts up to the tolerance.
        const double allowed = q.tolerance * std::max(1.0, std::fabs(observed));
        r.predictionMatchesRun = std::fabs(p.number - observed) <= allowed;
        r.runMatchesAnswer = true;
        return r;
    }
    for (std::size_t i = 0; i < q.choices.size(); ++i)
        if (observed >= q.choices[i].low && observed <= q.choices[i].high) {
            r.observedChoice = static_cast<int>(i);
            break;
        }
    r.predictionMatchesRun = p.choice >= 0 && p.choice == r.observedChoice;
    r.runMatchesAnswer = r.observedChoice == q.answer;
    return r;
}

namespace {

const std::string* valueOf(const std::vector<std::pair<std::string, std::string>>& values,
                           const std::string& name) {
    for (const auto& [n, v] : values)
        if (n == name) return &v;
    return nullptr;
}

}  // namespace

std::string parameterMismatch(const std::vector<std::pair<std::string, std::string>>& set,
                              const std::vector<std::pair<std::string, std::string>>& used,
                              const std::vector<std::pair<std::string, std::string>>& defaults,
                              const std::string& about) {
    for (const auto& [name, fallback] : defaults) {
        const std::string* wanted = valueOf(set, name);
        const std::string& expected = wanted ? *wanted : fallback;
        const std::string* value = valueOf(used, name);
        if (value && *value != expected)
            return "this run used " + name + " = " + *value + " where " + about + " is about " +
                   name + " = " + expected;
    }
    return {};
}

std::string whyRunCannotJudge(const QuizQuestion& q, const RunForQuestion& run,
                              const std::vector<std::pair<std::string, std::string>>& defaults) {
    if (!run.predicted)
        return "nobody predicted this run, so its answer stays hidden: choose an answer, then "
               "run again";
    if (run.scheduledByHand)
        return "you scheduled this run by hand, so it shows your choices, not what the "
               "machine does: run it freely to check your prediction";
    if (run.stoppedEarly)
        return "this run was stopped before its end: run it to the end to check your "
               "prediction";
    // Every parameter counts, not only those the question names: a value left over from a
    // "Try this" changes what the run measures just as much.
    if (auto wrong = parameterMismatch(q.set, run.parameters, defaults); !wrong.empty())
        return wrong + ": press \"Set its parameters\" and run again";
    return {};
}

}  // namespace interleave
