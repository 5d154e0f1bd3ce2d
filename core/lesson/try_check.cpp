#include "core/lesson/try_check.h"

#include <cmath>
#include <cstdio>

#include "core/analysis/other_cpu.h"
#include "core/analysis/run_measures.h"

namespace interleave {

std::string whyRunCannotCheck(const TryCheck& check, const RunForQuestion& run,
                              const std::vector<std::pair<std::string, std::string>>& defaults) {
    if (run.scheduledByHand)
        return "you scheduled this run by hand, so it shows your choices, not what the machine "
               "does: press Check again to run it freely";
    if (run.stoppedEarly)
        return "this run was stopped before its end: press Check again to run it to its end";
    if (auto wrong = parameterMismatch(check.set, run.parameters, defaults, "this Try this");
        !wrong.empty())
        return wrong;
    return {};
}

std::vector<std::string> tryAssignments(const TryCheck& check) {
    std::vector<std::string> out;
    for (const auto& [name, value] : check.set)
        out.push_back(name + "=" + value);
    return out;
}

std::string tryCheckText(const TryCheck& check, const EventStore& store, int* failed) {
    std::string text;
    int bad = 0;
    for (const auto& r : check.reads) {
        std::string error;
        text += (text.empty() ? "" : "\n") + r.says + ": ";
        if (const auto v = measureRun(store, r.measure, error)) {
            // Counts as whole numbers, measured times and ratios to three figures.
            char number[32];
            if (std::fabs(*v - std::round(*v)) < 1e-9)
                std::snprintf(number, sizeof number, "%.0f", *v);
            else
                std::snprintf(number, sizeof number, "%.3g", *v);
            text += number;
        } else {
            text += "this run cannot tell (" + error + ")";
            ++bad;
        }
    }
    if (const auto other = otherProgramsCpu(store); other && other->unreliable())
        text += "\n" + otherCpuText(*other);
    if (failed) *failed = bad;
    return text;
}

}  // namespace interleave
