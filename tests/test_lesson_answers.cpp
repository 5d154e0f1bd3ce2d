// Every lesson's questions against real runs: the choice a lesson expects must be what the
// machine does, at the load the machine has and with one core kept busy by this test (a burner
// thread). A lesson that a run contradicts teaches something false; this is where it shows.
//
// Slow (every question is a real run), so it is its own executable and ctest label
// ("lesson-answers"), run once by CI. Teaching scenarios run at speed 4 (their simulated work a
// quarter as long: what the questions ask does not depend on how long a step takes);
// INTERLEAVE_ANSWER_SPEED=1 runs them as the window does. Each run prints one line of a table:
// the question, what it measured, the choice that falls in and the choice expected.
//
// A measurement on a machine that other programs kept busy is not judged (the window and the
// CLI refuse it too, see other_cpu.h): its line says so. With the burner running, every
// measurement must be flagged so.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "core/analysis/other_cpu.h"
#include "core/analysis/run_measures.h"
#include "core/lesson/lesson_quiz.h"
#include "core/lesson/prediction.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/supervisor.h"
#include "read_file.h"

using namespace interleave;
using interleave::test::readFile;

namespace {

double speedFor(const Scenario& s) {
    if (s.group == "measurements") return 1.0;  // they measure; their work is not paced
    if (const char* v = std::getenv("INTERLEAVE_ANSWER_SPEED")) return std::atof(v);
    return 4.0;
}

// Keeps one core busy for as long as it lives, as a compiler on a shared machine does: a child
// process that only counts. (A thread of this
// test would not do: the test is the lab's parent, whose own CPU the measurement leaves out as
// the watcher's, as it does the window's.)
class Burner {
  public:
    Burner() : m_pid(fork()) {
        if (m_pid == 0) {
            volatile std::uint64_t x = 0;
            for (;;)
                x = x + 1;
        }
    }
    ~Burner() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    Burner(const Burner&) = delete;
    Burner& operator=(const Burner&) = delete;

  private:
    pid_t m_pid;
};

// Runs every question of every lesson; returns how many did not do what the lesson expects on
// a run that could judge them.
int checkEveryQuestion(const char* load, bool busyCore) {
    std::map<std::string, std::unique_ptr<Supervisor>> runs;
    const std::filesystem::path dir = std::string(INTERLEAVE_SOURCE_DIR) + "/resources/lessons";
    int wrong = 0, judged = 0, asked = 0;
    for (const auto& scenario : allScenarios()) {
        std::string shown, error;
        const auto quiz = parseLessonQuiz(readFile(dir / (scenario.name + ".md")), &shown, error);
        if (!quiz) {
            ADD_FAILURE() << scenario.name << ": " << error;
            continue;
        }
        int n = 0;
        for (const auto& q : quiz->questions) {
            ++n;
            ++asked;
            // Questions with the same parameters read one run (cpu-vs-io's first and third).
            std::string key = scenario.name;
            for (const auto& [name, value] : q.set)
                key += " " + name + "=" + value;
            auto& sup = runs[key];
            double seconds = 0;
            if (!sup) {
                RunOptions o;
                o.labPath = siblingLabPath();
                o.scenario = scenario.name;
                for (const auto& [name, value] : q.set)
                    o.assignments.push_back(name + "=" + value);
                sup = std::make_unique<Supervisor>(o);
                const auto started = std::chrono::steady_clock::now();
                sup->start();
                sup->setSpeed(speedFor(scenario));
                // A deadlock never ends by itself, nor winds down: it has long happened after
                // 2 s, and is ended at once.
                const bool deadlock = q.measure == "deadlock";
                if (!sup->waitFinished(deadlock ? std::chrono::seconds(2)
                                                : std::chrono::seconds(60))) {
                    sup->requestStop();
                    sup->waitFinished(deadlock ? std::chrono::milliseconds(100)
                                               : std::chrono::milliseconds(3000));
                }
                sup->stop();
                seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                              .count();
            }
            std::string why;
            const auto value = measureRun(sup->store(), q.measure, why);
            const auto other = otherProgramsCpu(sup->store());
            const bool busy = other && other->unreliable();
            // The burner alone is a whole core: a measurement must say it was unreliable.
            if (busyCore && scenario.group == "measurements") {
                EXPECT_TRUE(busy) << scenario.name << " question " << n
                                  << ": one core was kept busy, and the run did not say so";
            }
            std::string verdict;
            if (!value) {
                verdict = "NO VALUE: " + why;
                ADD_FAILURE() << scenario.name << " question " << n << ": " << why;
            } else if (q.isNumber()) {
                verdict = "number question (no expected choice)";
            } else {
                const auto r = reveal(q, Prediction{q.answer, 0}, *value);
                if (busy) {  // as the window and the CLI: such a run answers nothing
                    verdict = std::string("not judged (it would ") +
                              (r.runMatchesAnswer ? "hold" : "not hold") +
                              "): other programs kept the machine busy";
                } else if (r.runMatchesAnswer) {
                    verdict = "holds";
                    ++judged;
                } else {
                    verdict = "DOES NOT HOLD (fell in choice " +
                              std::to_string(r.observedChoice + 1) + ")";
                    ++judged;
                    ++wrong;
                    ADD_FAILURE() << scenario.name << " question " << n << " (" << load
                                  << "): measured " << q.measure << " = " << *value
                                  << ", which is not the expected \""
                                  << q.choices[static_cast<std::size_t>(q.answer)].text << "\"";
                }
            }
            std::printf(
                "%-6s %-27s q%d %-42s %10.4g  expected %-2d %5.1f s%s  %s\n", load,
                scenario.name.c_str(), n, q.measure.c_str(), value.value_or(-1),
                q.isNumber() ? 0 : q.answer + 1, seconds,
                other ? (" other CPU " + std::to_string(other->cores()).substr(0, 4)).c_str() : "",
                verdict.c_str());
            std::fflush(stdout);
        }
    }
    std::printf("%s: %d questions, %d judged, %d wrong\n", load, asked, judged, wrong);
    return wrong;
}

}  // namespace

TEST(LessonAnswers, HoldAtTheMachinesLoad) {
    EXPECT_EQ(checkEveryQuestion("load", false), 0);
}

TEST(LessonAnswers, HoldWithOneCoreBusy) {
    Burner burner;
    EXPECT_EQ(checkEveryQuestion("busy", true), 0);
}
