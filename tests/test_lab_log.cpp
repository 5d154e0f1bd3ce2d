// The lab's log: spdlog in the lab, a pipe to the supervisor, each line parsed back with its
// level, and a file with timestamps when asked.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/supervise/lab_log.h"
#include "run_helpers.h"

using namespace interleave;
using namespace interleave::test;

// The names the CLI, the window's command line and the help texts offer are the ones
// parseLogLevel takes, and each names its level back.
TEST(LabLog, TheOfferedLevelNamesAreTheOnesParsedBack) {
    const auto names = logLevelChoices();
    EXPECT_EQ(names, (std::vector<std::string>{"trace", "debug", "info", "warn", "error", "off"}));
    for (const auto& n : names) {
        const auto level = parseLogLevel(n);
        ASSERT_TRUE(level) << n;
        EXPECT_EQ(logLevelName(*level), n);
    }
    EXPECT_FALSE(parseLogLevel("critical"));
    EXPECT_EQ(logLevelChoiceText(), "trace, debug, info, warn, error or off");
}

TEST(LabLog, LinesAreParsedBackWithTheirLevelAndStrangeLinesAreKeptWhole) {
    auto l = parseLabLogLine("warning|the recorder may fall behind", 5);
    EXPECT_EQ(l.level, LogLevel::warn);
    EXPECT_EQ(l.text, "the recorder may fall behind");
    EXPECT_EQ(l.ns, 5);
    l = parseLabLogLine("error|deadlock failed: x|y", 0);
    EXPECT_EQ(l.level, LogLevel::err);
    EXPECT_EQ(l.text, "deadlock failed: x|y");
    // A crash report or a child's own output: kept, whole, as a warning.
    l = parseLabLogLine("*** stack smashing detected ***: terminated", 0);
    EXPECT_EQ(l.level, LogLevel::warn);
    EXPECT_EQ(l.text, "*** stack smashing detected ***: terminated");
    l = parseLabLogLine("a|b", 0);
    EXPECT_EQ(l.text, "a|b");
    EXPECT_EQ(parseLogLevel("warn"), LogLevel::warn);
    EXPECT_EQ(parseLogLevel("off"), LogLevel::off);
    EXPECT_FALSE(parseLogLevel("critical"));
    EXPECT_FALSE(parseLogLevel("loud"));
}

namespace {
std::unique_ptr<Supervisor> runLogged(LogLevel level, const std::string& file) {
    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = "fork-tree";
    o.assignments = {"work_ms=5"};
    o.logLevel = level;
    o.logFile = file;
    auto sup = std::make_unique<Supervisor>(o);
    sup->setLogCallback([](const LabLogLine&) {});
    sup->start();
    sup->waitFinished(std::chrono::seconds(20));
    sup->stop();
    return sup;
}
}  // namespace

TEST(LabLog, TheLabsLinesReachTheSupervisorAndTheFileAtTheChosenLevel) {
    const auto file = ::testing::TempDir() + "interleave_lab_log_" + std::to_string(getpid());
    auto sup = runLogged(LogLevel::debug, file);
    const auto log = sup->log();
    bool started = false, returned = false;
    for (const auto& l : log) {
        started = started ||
                  (l.level == LogLevel::info && l.text.find("runs fork-tree") != std::string::npos);
        returned = returned || l.text.find("fork-tree returned 0") != std::string::npos;
    }
    EXPECT_TRUE(started && returned) << log.size() << " lines";
    for (std::size_t i = 1; i < log.size(); ++i)
        EXPECT_LE(log[i - 1].ns, log[i].ns);
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("[info] pid " + std::to_string(sup->labPid()) + ": lab pid"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("fork-tree returned 0"), std::string::npos) << text;
    std::remove(file.c_str());

    // At the default level a healthy run says nothing.
    sup = runLogged(LogLevel::warn, {});
    EXPECT_TRUE(sup->log().empty()) << sup->log().front().text;
}
