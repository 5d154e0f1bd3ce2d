// Lessons' machine-readable questions and goals: every lesson has questions that parse, measure
// something that exists and set parameters its scenario has; the three scheduling lessons have
// their goals. Parsing refuses malformed blocks with a message; measures and reveals are checked
// on hand-made runs.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include "core/analysis/goals.h"
#include "core/analysis/run_measures.h"
#include "core/lesson/lesson_quiz.h"
#include "core/lesson/prediction.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "read_file.h"

using namespace interleave;
using interleave::test::readFile;

namespace {

std::optional<LessonQuiz> parse(const std::string& markdown, std::string& error) {
    std::string shown;
    return parseLessonQuiz(markdown, &shown, error);
}

}  // namespace

TEST(LessonQuiz, EveryLessonAsksQuestionsItsScenarioCanAnswer) {
    const std::filesystem::path dir = std::string(INTERLEAVE_SOURCE_DIR) + "/resources/lessons";
    int lessons = 0;
    for (const auto& scenario : allScenarios()) {
        const auto path = dir / (scenario.name + ".md");
        ASSERT_TRUE(std::filesystem::exists(path)) << scenario.name;
        ++lessons;
        std::string shown, error;
        const auto text = readFile(path);
        const auto quiz = parseLessonQuiz(text, &shown, error);
        ASSERT_TRUE(quiz.has_value()) << scenario.name << ": " << error;
        EXPECT_EQ(shown.find("```interleave"), std::string::npos) << scenario.name;
        EXPECT_NE(shown.find("# "), std::string::npos) << scenario.name;
        EXPECT_FALSE(quiz->questions.empty()) << scenario.name;
        for (const auto& q : quiz->questions) {
            EXPECT_TRUE(knownMeasure(q.measure)) << scenario.name << ": " << q.measure;
            EXPECT_FALSE(q.why.empty()) << scenario.name;
            std::vector<std::string> assignments;
            for (const auto& [name, value] : q.set)
                assignments.push_back(name + "=" + value);
            const auto resolved = resolveParams(scenario.params, assignments);
            EXPECT_TRUE(resolved.ok()) << scenario.name << ": " << resolved.error;
            if (!q.isNumber()) {
                EXPECT_TRUE(q.answer >= 0 && q.answer < static_cast<int>(q.choices.size()));
            }
        }
        for (const auto& g : quiz->goals)
            EXPECT_TRUE(parseGoal(g.goal).has_value()) << scenario.name << ": " << g.goal;
    }
    EXPECT_GE(lessons, 23);
    for (const auto& [scenario, goal] : {std::pair{"race-condition", Goal::LostUpdate},
                                         {"deadlock", Goal::Deadlock},
                                         {"producer-consumer", Goal::WaitsOnEmpty}}) {
        std::string error;
        const auto quiz = parse(readFile(dir / (std::string(scenario) + ".md")), error);
        ASSERT_TRUE(quiz && !quiz->goals.empty()) << scenario;
        EXPECT_EQ(parseGoal(quiz->goals.front().goal), goal) << scenario;
    }
}

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Whether `text` names the parameter: its name as written ("think_ms"), or as words ("round
// trips"), singular or plural ("thread" for "threads", "messages" for "message").
bool namesParameter(const std::string& text, const std::string& name) {
    auto words = name;
    for (auto& c : words)
        if (c == '_') c = ' ';
    std::vector<std::string> forms = {name, words};
    if (words.size() > 1 && words.back() == 's') forms.push_back(words.substr(0, words.size() - 1));
    forms.push_back(words + "s");
    const auto t = lower(text);
    for (const auto& f : forms) {
        const std::regex word("(^|[^a-z_])" + f + "($|[^a-z_])");
        if (std::regex_search(t, word)) return true;
    }
    return false;
}

// The values with a unit that a text states, in the parameters' units: "100 ms" and "4 s" as
// milliseconds, "16 KiB" and "4096 bytes" (or "64-byte") as bytes.
std::vector<std::pair<std::string, std::int64_t>> statedValues(const std::string& text) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    const std::regex value(R"((\d+)(?:\s|-)?(ms|s|KiB|bytes|byte)\b)");
    for (std::sregex_iterator it(text.begin(), text.end(), value), end; it != end; ++it) {
        const auto n = std::stoll((*it)[1].str());
        const auto unit = (*it)[2].str();
        if (unit == "ms") out.emplace_back("ms", n);
        if (unit == "s") out.emplace_back("ms", n * 1000);
        if (unit == "KiB") out.emplace_back("bytes", n * 1024);
        if (unit == "bytes" || unit == "byte") out.emplace_back("bytes", n);
    }
    return out;
}

}  // namespace

// "Set its parameters" sets the question's `set` over every default: a parameter its text
// names or a value with a unit it states must be in `set`, or a try-this done before (a pipe of
// 64 KiB) would decide the run the student's prediction is judged on.
TEST(LessonQuiz, EveryQuestionSetsEveryParameterItsTextStates) {
    const std::filesystem::path dir = std::string(INTERLEAVE_SOURCE_DIR) + "/resources/lessons";
    for (const auto& scenario : allScenarios()) {
        std::string error;
        const auto quiz = parse(readFile(dir / (scenario.name + ".md")), error);
        ASSERT_TRUE(quiz) << scenario.name << ": " << error;
        int n = 0;
        for (const auto& q : quiz->questions) {
            const auto where = scenario.name + " question " + std::to_string(++n);
            std::map<std::string, std::string> set(q.set.begin(), q.set.end());
            for (const auto& spec : scenario.params) {
                if (namesParameter(q.ask, spec.name)) {
                    EXPECT_TRUE(set.count(spec.name))
                        << where << " names '" << spec.name << "' but does not set it: " << q.ask;
                }
            }
            for (const auto& [unit, value] : statedValues(q.ask)) {
                bool found = false;
                for (const auto& spec : scenario.params)
                    if (spec.unit == unit && set.count(spec.name) &&
                        set[spec.name] == std::to_string(value))
                        found = true;
                EXPECT_TRUE(found) << where << " states " << value << " " << unit
                                   << " but sets no parameter in " << unit << " to it: " << q.ask;
            }
        }
    }
}

// The checker itself, on the question that measured 0 (a 16 KiB pipe stated, 64 KiB set by a
// try-this before): it must be refused.
TEST(LessonQuiz, TheCheckerFindsAStatedValueThatIsNotSet) {
    EXPECT_TRUE(namesParameter("With think_ms = 0", "think_ms"));
    EXPECT_TRUE(namesParameter("A round trip between", "round_trips"));
    EXPECT_TRUE(namesParameter("Two threads add", "threads"));
    EXPECT_FALSE(namesParameter("Two threadsafe adds", "threads"));
    const auto values = statedValues(
        "4096 bytes every 100 ms into a 16 KiB pipe, a 64-byte "
        "message, for 4 s");
    const std::vector<std::pair<std::string, std::int64_t>> expected = {
        {"bytes", 4096}, {"ms", 100}, {"bytes", 16384}, {"bytes", 64}, {"ms", 4000}};
    EXPECT_EQ(values, expected);
}

TEST(LessonQuiz, MalformedBlocksAreRefusedWithWhatIsWrong) {
    const auto wrap = [](const std::string& json) {
        return "# Lesson\n\ntext\n\n```interleave\n" + json + "\n```\n";
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"# L\n```interleave\n{\"questions\": []}", "not closed"},
        {wrap("[1, 2]"), "not a JSON object"},
        {wrap("{\"questions\": [{\"ask\": \"?\", \"measure\": \"deadlock\"}]}"),
         "question 1 has no \"why\""},
        {wrap("{\"questions\": [{\"ask\": \"?\", \"measure\": \"deadlock\", \"why\": \"w\"}]}"),
         "neither multiple choice"},
        {wrap("{\"questions\": [{\"ask\": \"?\", \"measure\": \"deadlock\", \"why\": \"w\", "
              "\"choices\": [{\"text\": \"a\", \"range\": [0, 0]}, {\"text\": \"b\", \"range\": "
              "[1, 1]}], \"answer\": 2}]}"),
         "\"answer\" must be the number of a choice"},
        {wrap("{\"questions\": [{\"ask\": \"?\", \"measure\": \"deadlock\", \"why\": \"w\", "
              "\"choices\": [{\"text\": \"a\"}, {\"text\": \"b\", \"range\": [1, 1]}], "
              "\"answer\": 0}]}"),
         "each choice needs"},
        {wrap("{\"questions\": [{\"ask\": \"?\", \"measure\": \"x\", \"why\": \"w\", "
              "\"number\": {\"tolerance\": -1}}]}"),
         "tolerance"},
        {wrap("{\"goals\": [{\"goal\": \"deadlock\"}]}"), "goal 1 has no \"text\""},
        {wrap("{\"questions\": [{\"ask\": \"?\", \"measure\": \"deadlock\", \"why\": \"w\", "
              "\"number\": {\"tolerance\": 0}, \"set\": {\"threads\": 2}}]}"),
         "must be given as text"},
    };
    for (const auto& [markdown, expected] : cases) {
        std::string error;
        EXPECT_FALSE(parse(markdown, error).has_value()) << markdown;
        EXPECT_NE(error.find(expected), std::string::npos) << error;
    }
    std::string error;
    const auto none = parse("# A lesson without questions\n", error);
    ASSERT_TRUE(none.has_value());
    EXPECT_TRUE(none->questions.empty());
}

TEST(Prediction, AChoiceIsSetBesideTheChoiceTheRunFallsIn) {
    QuizQuestion q;
    q.choices = {{"none", 0, 0}, {"some", 1, 9}, {"many", 10, 1e9}};
    q.answer = 2;
    auto r = reveal(q, Prediction{2, 0}, 10);
    EXPECT_EQ(r.observedChoice, 2);
    EXPECT_TRUE(r.predictionMatchesRun);
    EXPECT_TRUE(r.runMatchesAnswer);
    r = reveal(q, Prediction{0, 0}, 4);
    EXPECT_EQ(r.observedChoice, 1);
    EXPECT_FALSE(r.predictionMatchesRun);
    EXPECT_FALSE(r.runMatchesAnswer);
    r = reveal(q, Prediction{}, -5);  // no prediction; a value no choice holds
    EXPECT_EQ(r.observedChoice, -1);
    EXPECT_FALSE(r.predictionMatchesRun);
}

TEST(Prediction, ANumberCountsWithinItsToleranceOfTheRun) {
    QuizQuestion q;
    q.tolerance = 0.25;
    EXPECT_TRUE(reveal(q, Prediction{-1, 75}, 100).predictionMatchesRun);
    EXPECT_TRUE(reveal(q, Prediction{-1, 125}, 100).predictionMatchesRun);
    EXPECT_FALSE(reveal(q, Prediction{-1, 74}, 100).predictionMatchesRun);
    q.tolerance = 0;
    EXPECT_TRUE(reveal(q, Prediction{-1, 20}, 20).predictionMatchesRun);
    EXPECT_FALSE(reveal(q, Prediction{-1, 19}, 20).predictionMatchesRun);
    // A run that showed 0 accepts guesses up to the tolerance itself.
    q.tolerance = 0.5;
    EXPECT_TRUE(reveal(q, Prediction{-1, 0.5}, 0).predictionMatchesRun);
}

namespace {

// A made-up run: two threads lose one of four additions, and one waits on a lock.
std::unique_ptr<EventStore> madeUpRun() {
    auto store = std::make_unique<EventStore>(4);
    auto& s = *store;
    s.setActors({ActorInfo{0, 10, 1, 10, "thread 1", ActorRole::Thread, kNoActor, 0},
                 ActorInfo{1, 10, 1, 11, "thread 2", ActorRole::Thread, kNoActor, 0},
                 ActorInfo{2, 20, 10, 20, "child", ActorRole::ProcessMain, kNoActor, 0}});
    s.setObjects({ObjectInfo{1, ObjectKind::Variable, "counter", 0, 10},
                  ObjectInfo{2, ObjectKind::Mutex, "lock", 0, 10}});
    std::int64_t t = 0;
    auto add = [&](std::uint32_t actor, EventKind k, std::uint32_t o, std::int64_t a,
                   std::int64_t b) {
        s.appendRow(Row{t += 10, actor, k, o, a, b});
    };
    add(0, EventKind::SharedRead, 1, 0, 0);
    add(1, EventKind::SharedRead, 1, 0, 0);
    add(0, EventKind::SharedWrite, 1, 1, 0);
    add(1, EventKind::SharedWrite, 1, 1, 1);  // lost: wrote 1 over 1
    add(0, EventKind::SharedWrite, 1, 2, 1);
    add(1, EventKind::SharedAdd, 1, 3, 2);
    add(0, EventKind::LockAcquired, 2, 0, 1);
    add(1, EventKind::LockAcquired, 2, 0, 0);
    s.publish();
    return store;
}

}  // namespace

TEST(RunMeasures, AreCountedFromTheEvents) {
    const auto run = madeUpRun();
    const auto& s = *run;
    std::string error;
    EXPECT_EQ(measureRun(s, "lost_updates", error), 1.0);
    EXPECT_EQ(measureRun(s, "final_value", error), 3.0);
    EXPECT_EQ(measureRun(s, "lock_waits", error), 1.0);
    EXPECT_EQ(measureRun(s, "threads", error), 2.0);
    EXPECT_EQ(measureRun(s, "processes", error), 1.0);
    EXPECT_EQ(measureRun(s, "distinct_pids", error), 2.0);
    EXPECT_EQ(measureRun(s, "count:shared_write", error), 3.0);
    EXPECT_EQ(measureRun(s, "max_a:shared_write", error), 2.0);
    EXPECT_EQ(measureRun(s, "first_a:shared_write", error), 1.0);
    EXPECT_EQ(measureRun(s, "last_a:shared_write", error), 2.0);
    EXPECT_EQ(measureRun(s, "first_a:shared_read", error), 0.0);
    EXPECT_FALSE(measureRun(s, "last_a:sem_block", error).has_value());
    EXPECT_EQ(measureRun(s, "count:lock_acquired@lock", error), 2.0);
    EXPECT_EQ(measureRun(s, "count:lock_acquired@counter", error), 0.0);
    EXPECT_FALSE(measureRun(s, "count:lock_acquired@nothing", error).has_value());
    EXPECT_NE(error.find("no object 'nothing'"), std::string::npos) << error;
    EXPECT_EQ(measureRun(s, "deadlock", error), 0.0);
    EXPECT_FALSE(measureRun(s, "median_us:pipe", error).has_value());
    EXPECT_NE(error.find("no samples of 'pipe'"), std::string::npos) << error;
    EXPECT_FALSE(measureRun(s, "max_a:sem_block", error).has_value());
    EXPECT_FALSE(measureRun(s, "speedup:threads:4", error).has_value());
    for (const char* bad : {"nonsense", "count:no_such_kind", "ratio:a", "speedup:x", ""}) {
        EXPECT_FALSE(knownMeasure(bad)) << bad;
        EXPECT_FALSE(measureRun(s, bad, error).has_value()) << bad;
    }
}

// Which side of a buffer each wait is for comes from the kind table's wait column: a condition
// or semaphore by its role, a poll by its payload, a message object's blocking steps by kind.
TEST(RunMeasures, WaitsOnEmptyAndOnFullAreCountedByTheKindOfWait) {
    EventStore s(1);
    s.setActors({ActorInfo{0, 10, 1, 10, "thread 1", ActorRole::Thread, kNoActor, 0}});
    s.setObjects({ObjectInfo{1, ObjectKind::CondVar, "not empty", 0, 10, ObjectRole::Items},
                  ObjectInfo{2, ObjectKind::Semaphore, "free slots", 0, 10, ObjectRole::Space},
                  ObjectInfo{3, ObjectKind::Semaphore, "pool", 0, 10, ObjectRole::Own},
                  ObjectInfo{4, ObjectKind::Pipe, "pipe", 0, 10},
                  ObjectInfo{5, ObjectKind::Queue, "buffer", 0, 10}});
    std::int64_t t = 0;
    auto add = [&](EventKind k, std::uint32_t o, std::int64_t a) {
        s.appendRow(Row{t += 10, 0, k, o, a, 0});
    };
    add(EventKind::CondWait, 1, 0);          // empty
    add(EventKind::SemBlock, 2, 0);          // full
    add(EventKind::SemBlock, 3, 0);          // neither: the pool serves no buffer
    add(EventKind::SpinBegin, 5, 1);         // empty: polls for an item
    add(EventKind::SpinBegin, 5, 0);         // full: polls for room
    add(EventKind::MsgReceiveBlocks, 4, 0);  // empty
    add(EventKind::MsgReceiveBlocks, 4, 0);  // empty
    add(EventKind::MsgSendBlocks, 4, 0);     // full
    add(EventKind::MsgSend, 4, 1);           // no wait
    add(EventKind::CondWoken, 1, 0);         // no wait
    s.publish();
    std::string error;
    EXPECT_EQ(measureRun(s, "waits_on_empty", error), 4.0);
    EXPECT_EQ(measureRun(s, "waits_on_full", error), 3.0);
}
