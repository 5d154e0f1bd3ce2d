#include "app/lesson_cli.h"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "core/lesson/lesson_quiz.h"
#include "core/lesson/lesson_texts.h"
#include "core/lesson/try_check.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/supervisor.h"

namespace interleave {
namespace {

int usage(const std::string& message) {
    std::cerr << "interleave-lab: " << message << "\n";
    return 2;
}

// The item's text as the lesson words it, on one line, without its Markdown emphasis.
std::string itemText(const std::string& shown, const TryThisItem& item) {
    std::string out;
    bool space = false;
    for (auto i = item.begin; i < item.end; ++i) {
        const char c = shown[i];
        if (c == '*' || c == '`') continue;
        if (c == '\n' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

int lessonCommand(const std::string& name, int check, const std::string& duration) {
    const auto* scenario = findScenario(name);
    if (!scenario)
        return usage("unknown scenario '" + name + "'; known scenarios: " + scenarioNames());
    const char* text = lessonText(name);
    if (!text) return usage(name + " has no lesson");
    std::string shown, error;
    const auto quiz = parseLessonQuiz(text, &shown, error);
    if (!quiz) return usage(name + "'s lesson: " + error);  // the tests keep this from happening
    const auto items = tryThisItems(shown);

    if (check <= 0) {
        std::printf("%s: Try this\n", name.c_str());
        for (const auto& item : items) {
            std::printf("\n%s\n", itemText(shown, item).c_str());
            const auto* t = quiz->tryItem(item.number);
            if (!t)
                std::printf("   (no check given)\n");
            else if (!t->checkable())
                std::printf("   no single answer: %s\n", t->none.c_str());
            else
                std::printf("   check it: interleave-lab lesson %s --check %d\n", name.c_str(),
                            item.number);
        }
        return 0;
    }
    const auto* t = quiz->tryItem(check);
    if (!t) return usage(name + "'s lesson has no Try this item " + std::to_string(check));
    if (!t->checkable()) {
        std::printf("no single answer: %s\n", t->none.c_str());
        return 0;
    }
    const auto d = parseDurationMs(duration);
    if (!d) return usage("bad duration '" + duration + "': e.g. 10s or 500ms");
    const auto assignments = tryAssignments(*t);
    if (const auto params = resolveParams(scenario->params, assignments); !params.ok())
        return usage(params.error);

    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = name;
    o.assignments = assignments;
    Supervisor sup(o);
    try {
        sup.start();
    } catch (const std::exception& e) {
        std::cerr << "interleave-lab: could not start the run: " << e.what() << "\n";
        return 1;
    }
    // Freely to its end, as a question's run; one that is still going at the duration (a
    // deadlock, say) is asked to wind down and read as it stood.
    const bool ended = sup.waitFinished(std::chrono::milliseconds(*d));
    if (!ended) {
        sup.requestStop();
        sup.waitFinished(std::chrono::seconds(3));
    }
    sup.stop();
    std::string set;
    for (const auto& a : assignments)
        set += (set.empty() ? "" : " ") + a;
    std::printf("%s, Try this %d (%s, every other parameter at its default)%s:\n", name.c_str(),
                check, set.empty() ? "the defaults" : set.c_str(),
                ended ? "" : "; still going at the duration, read as it stood");
    int failed = 0;
    std::printf("%s\n", tryCheckText(*t, sup.store(), &failed).c_str());
    return failed ? 1 : 0;
}

}  // namespace interleave
