// Real CPython beside creation-cost and race-condition (--compare-python): the bundled scripts'
// output is read, or refused with a reason, and the scripts run under the machine's python3.

#include <gtest/gtest.h>

#include <string>

#include "core/supervise/python_baseline.h"
#include "core/supervise/python_compare.h"
#include "run_helpers.h"
#include "shell.h"

using namespace interleave;
using namespace interleave::test;

TEST(PythonCompare, ReadsTheScriptsOutputAndRefusesAnythingElse) {
    std::string error;
    const auto cost = parsePythonCreationCost(
        R"({"python": "3.11.7", "gil": "enabled", "series": {"thread": [100, 120],
            "fork": [900], "spawn": [40000], "program": [700]}})",
        error);
    ASSERT_TRUE(cost) << error;
    EXPECT_EQ(cost->gilEnabled, true);
    EXPECT_EQ(cost->samplesUs.at("thread").size(), 2u);
    const auto race = parsePythonRace(
        R"({"python": "3.14.0", "gil": "disabled", "expected": 20, "plain": [17, 20],
            "call": [12]})",
        error);
    ASSERT_TRUE(race) << error;
    EXPECT_EQ(race->gilEnabled, false);
    EXPECT_EQ(race->expected, 20);
    EXPECT_EQ(race->plain, (std::vector<long long>{17, 20}));
    for (const char* bad : {"", "[]", R"({"python": "3", "series": {"thread": [1]}})",
                            R"({"python": "3", "series": {"thread": [], "fork": [1],
                                "spawn": [1], "program": [1]}})"}) {
        error.clear();
        EXPECT_FALSE(parsePythonCreationCost(bad, error)) << bad;
        EXPECT_NE(error.find("Python script"), std::string::npos) << error;
    }
    for (const char* bad : {"{}", R"({"python": "3", "expected": 2, "plain": [], "call": [1]})",
                            R"({"python": "3", "gil": "maybe", "expected": 2, "plain": [1],
                                "call": [1]})"}) {
        error.clear();
        EXPECT_FALSE(parsePythonRace(bad, error)) << bad;
    }
}

// The test command installs python3, so these run in CI.
TEST(PythonCompare, TheBundledScriptsMeasureWithRealPython) {
    ASSERT_FALSE(findPython().empty())
        << "python3 is missing: bash .ci/quickstart test installs it";
    std::string error;
    const auto race = runPythonRace(2, 20'000, 1, error);
    ASSERT_TRUE(race) << error;
    EXPECT_EQ(race->expected, 40'000);
    ASSERT_EQ(race->plain.size(), 1u);
    ASSERT_EQ(race->call.size(), 1u);
    // Never more than every update; how many are lost depends on the interpreter and the run.
    EXPECT_LE(race->plain[0], 40'000);
    EXPECT_GT(race->call[0], 0);
    ASSERT_TRUE(race->gilEnabled.has_value()) << "the script must report the GIL";
    const auto cost = runPythonCreationCost(5, error);
    ASSERT_TRUE(cost) << error;
    for (const char* name : {"thread", "fork", "spawn", "program"})
        for (const double us : cost->samplesUs.at(name))
            EXPECT_GT(us, 0) << name;
}

TEST(PythonCompare, TheCommandLinePrintsCPythonBesideTheRun) {
    const auto r = shell(siblingLabPath() +
                         " run race-condition --set increments=3 --duration 2s --compare-python "
                         "2>&1");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("counter = add_one(counter)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("real CPython 3."), std::string::npos) << r.output;
}
