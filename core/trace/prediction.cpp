#include "core/trace/prediction.h"

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

}  // namespace interleave
