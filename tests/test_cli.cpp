// The headless runner as a user meets it: exit codes and one clear line for every bad input.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/supervisor.h"
#include "mini_json.h"

using namespace interleave;

namespace {

struct CliResult {
    int status = -1;
    std::string output;  // stdout and stderr together
};

CliResult cli(const std::string& args) {
    const auto cmd = siblingLabPath() + " " + args + " 2>&1";
    CliResult r;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        r.output.append(buf, n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

std::size_t lines(const std::string& s) {
    std::size_t n = 0;
    for (char c : s)
        n += c == '\n' ? 1 : 0;
    return n;
}

std::string tempDir() {
    std::string t = ::testing::TempDir() + "interleave_cli_XXXXXX";
    return mkdtemp(t.data());
}

}  // namespace

TEST(Cli, ListsAndDescribesScenarios) {
    auto r = cli("list");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.output.find("producer-consumer"), std::string::npos);
    EXPECT_NE(r.output.find("fork-tree"), std::string::npos);
    r = cli("describe producer-consumer");
    EXPECT_EQ(r.status, 0);
    for (const char* p : {"producers", "consumers", "capacity", "produce_ms", "consume_ms",
                          "variant", "1..16", "1..64"})
        EXPECT_NE(r.output.find(p), std::string::npos) << p;
}

TEST(Cli, BadUsageExitsWithStatusTwoAndOneClearLine) {
    struct Case {
        const char* args;
        const char* mentions;
    } cases[] = {
        {"run no-such-scenario", "producer-consumer"},  // lists the known ones
        {"describe no-such-scenario", "unknown scenario"},
        {"run producer-consumer --set producers=99", "producers"},
        {"run producer-consumer --set capacity=0", "1..64"},
        {"run producer-consumer --set variant=spin", "condvar | semaphore"},
        {"run producer-consumer --set bogus=1", "unknown parameter 'bogus'"},
        {"run producer-consumer --duration soon", "bad duration"},
        {"run producer-consumer --speed 9", "bad speed"},
        {"run producer-consumer --trace /nonexistent-dir/t.json", "/nonexistent-dir/t.json"},
        {"run producer-consumer --trace /", "directory"},
        {"run producer-consumer --frobnicate", "unknown or incomplete option"},
        {"frobnicate", "unknown command"},
    };
    for (const auto& c : cases) {
        const auto r = cli(c.args);
        EXPECT_EQ(r.status, 2) << c.args << "\n" << r.output;
        EXPECT_NE(r.output.find(c.mentions), std::string::npos) << c.args << "\n" << r.output;
        EXPECT_EQ(r.output.rfind("interleave-lab: ", 0), 0u) << r.output;
    }
    EXPECT_EQ(lines(cli("run no-such-scenario").output), 1u);
}

TEST(Cli, RunWritesAChromeTraceAndANativeTrace) {
    const auto dir = tempDir();
    auto r =
        cli("run producer-consumer --set producers=3 --set capacity=4 --set produce_ms=5 "
            "--duration 400ms --trace " +
            dir + "/t.json");
    ASSERT_EQ(r.status, 0) << r.output;
    std::ifstream in(dir + "/t.json");
    const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_NO_THROW(test::JsonParser(json).parseDocument());
    EXPECT_NE(json.find("\"producer 3\""), std::string::npos);

    r = cli("run producer-consumer --set produce_ms=5 --duration 300ms --trace " + dir + "/t.ilt");
    ASSERT_EQ(r.status, 0) << r.output;
    r = cli("info " + dir + "/t.ilt");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("consumer 1"), std::string::npos);

    // A damaged trace is refused with a reason, not a crash.
    truncate((dir + "/t.ilt").c_str(), 100);
    r = cli("info " + dir + "/t.ilt");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
    std::remove((dir + "/t.json").c_str());
    std::remove((dir + "/t.ilt").c_str());
    rmdir(dir.c_str());
}

TEST(Cli, UnwritableTraceLeavesNoFileBehindAndDeadlockStillEnds) {
    const auto dir = tempDir();
    // A deadlocked scenario cannot wind down by itself: the runner ends it and still writes.
    const auto r = cli("run deadlock --set hold_ms=5 --duration 300ms --trace " + dir + "/d.json");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("did not wind down"), std::string::npos) << r.output;
    struct stat st {};
    EXPECT_EQ(stat((dir + "/d.json").c_str(), &st), 0);
    std::remove((dir + "/d.json").c_str());
    chmod(dir.c_str(), 0500);
    if (geteuid() != 0) {  // root may write anywhere
        const auto denied =
            cli("run producer-consumer --duration 100ms --trace " + dir + "/x.json");
        EXPECT_EQ(denied.status, 2);
    }
    chmod(dir.c_str(), 0700);
    EXPECT_NE(stat((dir + "/x.json").c_str(), &st), 0);
    rmdir(dir.c_str());
}
