// Lessons' "Try this" items and their checks (as OSTEP's simulators' -c): every item of every
// lesson has a check or says why it has no single answer; a check sets every parameter value its
// item states; the block refuses malformed checks; a check reads its measures only off a run
// that answers it; and `interleave-lab lesson` lists and runs them.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/analysis/run_measures.h"
#include "core/lesson/lesson_quiz.h"
#include "core/lesson/lesson_texts.h"
#include "core/lesson/try_check.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/supervisor.h"
#include "read_file.h"
#include "shell.h"

using namespace interleave;
using interleave::test::readFile;
using interleave::test::shell;

namespace {

// What is wrong with a lesson's Try this checks, one line each (empty: nothing). An item that
// states `name = value` for one of the scenario's parameters must run with that value: set by
// its check, or the default when the check does not set it (as "Keep the defaults (`write_ms =
// 100`)"). A name stated with several values ("with `variant = condvar`, then with `variant =
// busy-wait`") needs one of them.
std::vector<std::string> tryProblems(const Scenario& scenario, const std::string& markdown) {
    std::vector<std::string> problems;
    std::string shown, error;
    const auto quiz = parseLessonQuiz(markdown, &shown, error);
    if (!quiz) return {error};
    const auto items = tryThisItems(shown);
    if (items.empty()) problems.push_back("no Try this items");
    std::set<int> numbers;
    for (const auto& item : items) {
        numbers.insert(item.number);
        const auto where = scenario.name + " Try this " + std::to_string(item.number);
        const auto* t = quiz->tryItem(item.number);
        if (!t) {
            problems.push_back(where + " has neither a check nor a reason it has none");
            continue;
        }
        if (!t->checkable()) continue;
        for (const auto& r : t->reads)
            if (!knownMeasure(r.measure)) problems.push_back(where + ": no measure " + r.measure);
        const auto resolved = resolveParams(scenario.params, tryAssignments(*t));
        if (!resolved.ok()) problems.push_back(where + ": " + resolved.error);
        const std::map<std::string, std::string> set(t->set.begin(), t->set.end());
        std::map<std::string, std::set<std::string>> stated;
        const auto text = shown.substr(item.begin, item.end - item.begin);
        const std::regex assignment(R"(`([a-z_]+) = ([A-Za-z0-9_.-]+)`)");
        for (std::sregex_iterator it(text.begin(), text.end(), assignment), end; it != end; ++it)
            stated[(*it)[1].str()].insert((*it)[2].str());
        for (const auto& spec : scenario.params) {
            const auto s = stated.find(spec.name);
            if (s == stated.end()) continue;
            const auto v = set.find(spec.name);
            const auto used = v != set.end() ? v->second : spec.defaultText();
            if (!s->second.count(used))
                problems.push_back(where + " states " + spec.name + " = " + *s->second.begin() +
                                   " but its check runs with " + used);
        }
    }
    for (const auto& t : quiz->tries)
        if (!numbers.count(t.item))
            problems.push_back(scenario.name + ": a check for Try this " + std::to_string(t.item) +
                               ", which the lesson does not have");
    return problems;
}

const Scenario& scenarioNamed(const std::string& name) {
    const auto* s = findScenario(name);
    if (!s) throw std::runtime_error("no scenario " + name);
    return *s;
}

}  // namespace

TEST(TryThis, EveryItemOfEveryLessonIsCheckedOrSaysWhyNot) {
    const std::filesystem::path dir = std::string(INTERLEAVE_SOURCE_DIR) + "/resources/lessons";
    int checkable = 0, none = 0;
    for (const auto& scenario : allScenarios()) {
        const auto text = readFile(dir / (scenario.name + ".md"));
        for (const auto& p : tryProblems(scenario, text))
            ADD_FAILURE() << p;
        std::string shown, error;
        const auto quiz = parseLessonQuiz(text, &shown, error);
        ASSERT_TRUE(quiz) << error;
        for (const auto& t : quiz->tries)
            (t.checkable() ? checkable : none) += 1;
        // The program's compiled-in copy is the lesson itself.
        ASSERT_NE(lessonText(scenario.name), nullptr) << scenario.name;
        EXPECT_EQ(std::string(lessonText(scenario.name)), text) << scenario.name;
    }
    // Most can be measured; those that cannot say why.
    EXPECT_GE(checkable, 45);
    EXPECT_GE(none, 1);
    EXPECT_EQ(lessonText("no-such-scenario"), nullptr);
}

// The checker itself: an item that states a value its check does not run with, a check of an
// item that does not exist, and an item without any entry are each found.
TEST(TryThis, TheCheckerFindsWhatIsMissing) {
    const auto& pipe = scenarioNamed("pipe");
    const std::string lesson =
        "# Pipe\n\n## Try this\n\n"
        "1. Set `capacity_bytes = 65536` (the Linux default).\n"
        "   *What changes?*\n"
        "2. Keep the defaults (`write_ms = 100`).\n"
        "3. Think.\n\n"
        "## Sources\n\n"
        "```interleave\n"
        R"({"try": [{"item": 1, "reads": [{"measure": "count:msg_receive", "says": "got"}]},)"
        R"( {"item": 2, "reads": [{"measure": "count:msg_receive", "says": "got"}]},)"
        R"( {"item": 4, "none": "no such item"}]})"
        "\n```\n";
    const auto problems = tryProblems(pipe, lesson);
    ASSERT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
    EXPECT_NE(problems[0].find("states capacity_bytes = 65536 but its check runs with 16384"),
              std::string::npos)
        << problems[0];
    EXPECT_NE(problems[1].find("Try this 3 has neither"), std::string::npos) << problems[1];
    EXPECT_NE(problems[2].find("Try this 4, which the lesson does not have"), std::string::npos)
        << problems[2];
}

TEST(TryThis, ItemsAreFoundInTheirSectionOnly) {
    const std::string md =
        "# L\n\n1. Not a try.\n\n## Try this\n\n"
        "1. First,\n   on two lines.\n"
        "2. Second.\n\n"
        "   Its second paragraph.\n"
        "10. Tenth.\n\n"
        "After the list.\n\n3. Not one.\n";
    const auto items = tryThisItems(md);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].number, 1);
    EXPECT_EQ(md.substr(items[0].begin, items[0].end - items[0].begin),
              "1. First,\n   on two lines.");
    EXPECT_EQ(md.substr(items[1].begin, items[1].end - items[1].begin),
              "2. Second.\n\n   Its second paragraph.");
    EXPECT_EQ(items[2].number, 10);
    EXPECT_EQ(md.substr(items[2].end), "\n\nAfter the list.\n\n3. Not one.\n");
    EXPECT_TRUE(tryThisItems("# No such section\n\n1. x\n").empty());
    // A number too long for an int is no item (and must not throw).
    EXPECT_TRUE(tryThisItems("## Try this\n\n99999999999999999999. x\n").empty());
}

TEST(TryThis, MalformedChecksAreRefusedWithWhatIsWrong) {
    const auto wrap = [](const std::string& json) {
        return "# Lesson\n\n```interleave\n{\"try\": [" + json + "]}\n```\n";
    };
    const std::string reads = R"("reads": [{"measure": "deadlock", "says": "s"}])";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {wrap(R"({"reads": []})"), "needs \"item\""},
        {wrap(R"({"item": 0, "none": "x"})"), "needs \"item\""},
        {wrap(R"({"item": 1})"), "either \"reads\""},
        {wrap(R"({"item": 1, "none": "x", )" + reads + "}"), "either \"reads\""},
        {wrap(R"({"item": 1, "none": "x", "set": {"threads": "2"}})"), "sets nothing"},
        {wrap(R"({"item": 1, "reads": []})"), "at least one measure"},
        {wrap(R"({"item": 1, "reads": [{"measure": "deadlock"}]})"), "no \"says\""},
        {wrap(R"({"item": 1, "none": "x"}, {"item": 1, "none": "y"})"), "given twice"},
        {wrap(R"({"item": 1, "set": {"threads": 2}, )" + reads + "}"), "must be given as text"},
    };
    for (const auto& [markdown, expected] : cases) {
        std::string shown, error;
        EXPECT_FALSE(parseLessonQuiz(markdown, &shown, error).has_value()) << markdown;
        EXPECT_NE(error.find(expected), std::string::npos) << markdown << ": " << error;
    }
    std::string shown, error;
    const auto ok = parseLessonQuiz(
        wrap(R"({"item": 2, "set": {"threads": "4"}, )" + reads + R"(}, {"item": 1, "none": "x"})"),
        &shown, error);
    ASSERT_TRUE(ok) << error;
    ASSERT_EQ(ok->tries.size(), 2u);
    ASSERT_NE(ok->tryItem(2), nullptr);
    EXPECT_TRUE(ok->tryItem(2)->checkable());
    EXPECT_EQ(tryAssignments(*ok->tryItem(2)), std::vector<std::string>{"threads=4"});
    EXPECT_FALSE(ok->tryItem(1)->checkable());
    EXPECT_EQ(ok->tryItem(3), nullptr);
}

TEST(TryThis, ACheckAnswersOnlyOffARunWithItsParameters) {
    TryCheck check;
    check.item = 3;
    check.set = {{"threads", "8"}};
    check.reads = {{"final_value", "additions that survived"},
                   {"lock_waits", "lock waits"},
                   {"median_us:pipe", "pipe"}};
    const std::vector<std::pair<std::string, std::string>> defaults = {{"threads", "2"},
                                                                       {"think_ms", "100"}};
    RunForQuestion run;
    run.parameters = {{"threads", "8"}, {"think_ms", "100"}};
    // No prediction is needed: the student asked for the answer.
    EXPECT_EQ(whyRunCannotCheck(check, run, defaults), "");
    run.parameters = {{"threads", "8"}, {"think_ms", "0"}};  // left over from another item
    EXPECT_EQ(whyRunCannotCheck(check, run, defaults),
              "this run used think_ms = 0 where this Try this is about think_ms = 100");
    run.parameters = {{"threads", "2"}, {"think_ms", "100"}};
    EXPECT_NE(whyRunCannotCheck(check, run, defaults).find("threads = 8"), std::string::npos);
    run.parameters = {{"threads", "8"}, {"think_ms", "100"}};
    run.scheduledByHand = true;
    EXPECT_NE(whyRunCannotCheck(check, run, defaults).find("by hand"), std::string::npos);
    run.scheduledByHand = false;
    run.stoppedEarly = true;
    EXPECT_NE(whyRunCannotCheck(check, run, defaults).find("stopped"), std::string::npos);

    EventStore s(2);
    s.setActors({ActorInfo{0, 10, 1, 10, "thread 1", ActorRole::Thread, kNoActor, 0},
                 ActorInfo{1, 10, 1, 11, "thread 2", ActorRole::Thread, kNoActor, 0}});
    s.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 10},
                  ObjectInfo{2, ObjectKind::Mutex, "lock", 0, 10}});
    s.appendRow(Row{10, 0, EventKind::SharedWrite, 1, 1, 0});
    s.appendRow(Row{20, 1, EventKind::SharedWrite, 1, 1, 1});
    s.appendRow(Row{30, 0, EventKind::LockAcquired, 2, 0, 1});
    s.publish();
    int failed = -1;
    EXPECT_EQ(tryCheckText(check, s, &failed),
              "additions that survived: 1\nlock waits: 1\npipe: this run cannot tell (this run "
              "has no samples of 'pipe')");
    EXPECT_EQ(failed, 1);
}

// The command line: the list says how each item is checked; a check runs with the item's
// parameters and prints what the run measured; a wrong item is a usage error.
TEST(TryThis, TheCommandLineListsAndRunsChecks) {
    const auto lab = siblingLabPath();
    auto r = shell(lab + " lesson pipe");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("4. Set message_bytes = 3000."), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("check it: interleave-lab lesson pipe --check 4"), std::string::npos);
    EXPECT_NE(r.output.find("no single answer: "), std::string::npos) << r.output;
    r = shell(lab + " lesson race-condition --check 3");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("race-condition, Try this 3 (threads=8, every other parameter at its "
                            "default):\nadditions that survived, of 80: "),
              std::string::npos)
        << r.output;
    r = shell(lab + " lesson pipe --check 5");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output.rfind("no single answer: ", 0), 0u) << r.output;
    r = shell(lab + " lesson pipe --check 9");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("has no Try this item 9"), std::string::npos) << r.output;
    r = shell(lab + " lesson nothing");
    EXPECT_EQ(r.status, 2) << r.output;
}
