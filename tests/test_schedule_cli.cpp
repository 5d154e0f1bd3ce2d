// The command line's scheduler, as a student uses it: steps typed on stdin, a saved run's
// schedule given again, and clear refusals of schedules that cannot be replayed.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "core/analysis/lost_update.h"
#include "core/supervise/supervisor.h"
#include "core/trace/schedule_file.h"
#include "core/trace/trace_native.h"
#include "shell.h"

using namespace interleave;
using namespace interleave::test;

namespace {

std::string lab() {
    return siblingLabPath();
}

std::string tempDir() {
    std::string t = ::testing::TempDir() + "interleave_sched_XXXXXX";
    return mkdtemp(t.data());
}

}  // namespace

TEST(ScheduleCli, AStudentLosesAnUpdateByHandAndItsReplayLosesTheSame) {
    const auto dir = tempDir();
    // Choices by number: [1] main, [2] thread 1, [3] thread 2.
    auto r = shell("printf '2\\n3\\n2\\n3\\nf\\n' | " + lab() +
                   " run race-condition --set threads=2 --set increments=2 --schedule manual "
                   "--trace " +
                   dir + "/hand.ilt");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("[2] thread 1       next: read counter"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("next: write 1 to counter"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("goal lost-update reached in 4 steps"), std::string::npos) << r.output;
    r = shell(lab() + " run race-condition --schedule " + dir + "/hand.ilt --trace " + dir +
              "/again.ilt");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("schedule replayed: 4 of 4 steps"), std::string::npos) << r.output;
    r = shell(lab() + " info " + dir + "/hand.ilt");
    EXPECT_NE(r.output.find("scheduled by hand: 4 steps (thread 1, thread 2, thread 1, thread 2)"),
              std::string::npos)
        << r.output;
    r = shell(lab() + " info " + dir + "/again.ilt --measure lost_updates");
    EXPECT_EQ(r.status, 0);
    // At least the one lost by hand; the steps after the schedule ran freely and may lose more.
    ASSERT_EQ(r.output.rfind("lost_updates ", 0), 0u) << r.output;
    EXPECT_GE(std::stoi(r.output.substr(13)), 1) << r.output;
    const auto hand = loadNativeTrace(dir + "/hand.ilt");
    const auto again = loadNativeTrace(dir + "/again.ilt");
    ASSERT_TRUE(hand.store && again.store);
    const auto a = firstLostUpdate(*hand.store);
    const auto b = firstLostUpdate(*again.store);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->value, b->value);
    EXPECT_EQ(scheduleFromEvents(*again.store), scheduleFromEvents(*hand.store));
    // The replay ran with the parameters the saved run had, not the defaults.
    EXPECT_EQ(again.description.parameters, hand.description.parameters);
    shell("rm -rf " + dir);
}

TEST(ScheduleCli, AJsonScheduleIsReplayedAndAWrongOneIsRefusedClearly) {
    const auto dir = tempDir();
    std::ofstream(dir + "/s.json")
        << scheduleJson({"deadlock",
                         {{"threads", "2"}, {"rounds", "1"}},
                         {{"thread 1", 0}, {"thread 2", 0}, {"thread 1", 0}, {"thread 2", 0}}});
    auto r = shell(lab() + " run deadlock --duration 1s --schedule " + dir + "/s.json");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("goal deadlock reached in 4 steps"), std::string::npos) << r.output;

    // A schedule to the very end, main's joins included: its last step ends the run.
    std::ofstream(dir + "/all.json") << scheduleJson({"race-condition",
                                                      {{"threads", "2"}, {"increments", "1"}},
                                                      {{"thread 1", 0},
                                                       {"thread 2", 0},
                                                       {"thread 1", 0},
                                                       {"thread 2", 0},
                                                       {"main", 0},
                                                       {"main", 0}}});
    r = shell(lab() + " run race-condition --schedule " + dir + "/all.json");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("schedule replayed: 6 of 6 steps"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("goal lost-update reached in 4 steps"), std::string::npos) << r.output;

    r = shell(lab() + " run race-condition --schedule " + dir + "/s.json");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("is a schedule of deadlock, not race-condition"), std::string::npos)
        << r.output;
    std::ofstream(dir + "/bad.json") << "{\"scenario\": \"deadlock\", \"steps\": [3]}";
    r = shell(lab() + " run deadlock --schedule " + dir + "/bad.json");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("every step must be an actor's name"), std::string::npos) << r.output;
    std::ofstream(dir + "/junk.ilt") << "not a trace at all";
    r = shell(lab() + " run deadlock --schedule " + dir + "/junk.ilt");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("neither a schedule (JSON) nor a saved run"), std::string::npos)
        << r.output;
    r = shell(lab() + " run creation-cost --schedule manual");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("not measurements"), std::string::npos) << r.output;
    // A schedule that names a thread this run does not have stops, says where, and fails.
    std::ofstream(dir + "/ghost.json")
        << scheduleJson({"race-condition", {{"threads", "2"}}, {{"thread 1", 0}, {"thread 9", 0}}});
    r = shell(lab() + " run race-condition --duration 20s --schedule " + dir + "/ghost.json");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("schedule replayed: 1 of 2 steps"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("thread 9 never waited at a checkpoint"), std::string::npos)
        << r.output;
    shell("rm -rf " + dir);
}

TEST(ScheduleCli, WhatIsNotAScheduleFileIsRefusedAtOnceAndAJsonOneIsReadAsJson) {
    const auto dir = tempDir();
    const auto fifo = dir + "/fifo";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    // `timeout`: before, opening a FIFO waited for a writer forever.
    struct Case {
        std::string schedule;
        const char* mentions;
    } cases[] = {
        {fifo, "not a regular file"},
        {dir, "is a directory"},
        {"/dev/null", "not a regular file"},
        {dir + "/missing.json", "No such file or directory"},
    };
    for (const auto& c : cases) {
        const auto r =
            shell("timeout 10 " + lab() + " run race-condition --schedule " + c.schedule);
        EXPECT_EQ(r.status, 2) << c.schedule << "\n" << r.output;
        EXPECT_NE(r.output.find(c.mentions), std::string::npos) << c.schedule << "\n" << r.output;
        EXPECT_EQ(lines(r.output), 1u) << r.output;
    }
    // JSON is told by what it is, not by a '{' in its first 8 bytes: leading blank lines are
    // fine, and an array or null is "not a schedule", not a truncated trace.
    std::ofstream(dir + "/spaced.json")
        << "\n\n\n\n\n\n\n\n   "
        << scheduleJson({"race-condition", {{"threads", "2"}}, {{"thread 1", 0}, {"thread 2", 0}}});
    auto r = shell(lab() + " run race-condition --schedule " + dir + "/spaced.json");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("schedule replayed: 2 of 2 steps"), std::string::npos) << r.output;
    for (const char* text : {"[]", "null", "  \n[\"thread 1\"]"}) {
        std::ofstream(dir + "/odd.json") << text;
        r = shell(lab() + " run race-condition --schedule " + dir + "/odd.json");
        EXPECT_EQ(r.status, 2) << text << "\n" << r.output;
        EXPECT_NE(r.output.find("not a schedule: expected a JSON object"), std::string::npos)
            << text << "\n"
            << r.output;
    }
    shell("rm -rf " + dir);
}

TEST(ScheduleCli, AGoalIsReachedInAsManyStepsAtTheEndAsLive) {
    // Four steps deadlock the two threads; a fifth sends main to wait on its join. The goal was
    // reached at the fourth, live and in the summary alike (the summary once counted five).
    const auto r = shell("printf '2\\n3\\n2\\n2\\n1\\nq\\n' | " + lab() +
                         " run deadlock --set threads=2 --set rounds=1 --duration 300ms "
                         "--schedule manual");
    EXPECT_NE(r.output.find("** goal deadlock reached in 4 steps"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("interleave-lab: goal deadlock reached in 4 steps"), std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("reached in 5 steps"), std::string::npos) << r.output;
}
