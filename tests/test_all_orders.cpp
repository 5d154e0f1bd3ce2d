// Every order of a small run's steps, each taken on the real threads through the scheduler
// (core/supervise/order_explorer): the outcomes are the ones counting the orders gives.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "core/supervise/order_explorer.h"
#include "run_helpers.h"
#include "shell.h"

using namespace interleave;
using namespace interleave::test;

namespace {

RunOptions raceOptions(std::vector<std::string> assignments) {
    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = "race-condition";
    o.assignments = std::move(assignments);
    return o;
}

}  // namespace

// Two threads, each reading and writing twice: C(8,4) = 70 orders. An order loses nothing only
// when each read-write pair runs whole (6 orders: two pairs of each thread, arranged); the
// others end at 2 or 3, 32 orders each (counted by a model of read and write, and by hand for
// the order 1,2,1,2,...).
TEST(AllOrders, TwoThreadsAddingTwiceEachEndAtThreeValuesInExactlyTheCountedOrders) {
    OrderExplorer explorer(raceOptions({"threads=2", "increments=2", "think_ms=0"}), 1000);
    std::size_t lastDone = 0;
    const auto result = explorer.explore([&](std::size_t done, std::size_t known, double atMost) {
        EXPECT_EQ(atMost, 70);  // known from the first order on
        EXPECT_EQ(done, lastDone + 1);
        EXPECT_GE(known, done);
        lastDone = done;
    });
    ASSERT_EQ(result.error, "");
    EXPECT_TRUE(result.complete);
    EXPECT_EQ(result.orders.size(), 70u);
    EXPECT_EQ(result.atMost, 70);
    const std::map<std::string, std::size_t> expected = {
        {"final value 2", 32}, {"final value 3", 32}, {"final value 4", 6}};
    EXPECT_EQ(result.outcomes, expected);
    // No order is run twice.
    std::set<std::vector<std::string>> distinct;
    for (const auto& o : result.orders) {
        std::vector<std::string> names;
        for (const auto& s : o.steps)
            if (s.name != "main") names.push_back(scheduledActorText(s));
        EXPECT_EQ(names.size(), 8u);
        distinct.insert(names);
    }
    EXPECT_EQ(distinct.size(), 70u);
    std::printf("70 orders of race-condition 2 threads x 2 increments in %.1f s\n", result.seconds);
}

// With the mutex, no order loses an update: one final value however the steps go.
TEST(AllOrders, WithTheMutexEveryOrderEndsAtTheSameValue) {
    OrderExplorer explorer(raceOptions({"threads=2", "increments=1", "variant=mutex"}), 1000);
    const auto result = explorer.explore();
    ASSERT_EQ(result.error, "");
    EXPECT_TRUE(result.complete);
    EXPECT_GT(result.orders.size(), 1u);
    EXPECT_LT(result.orders.size(), result.atMost) << "a thread made to wait leaves fewer orders";
    EXPECT_EQ(interleavings({1, 1}), 2);
    EXPECT_EQ(interleavings({3, 2, 1}), 60);
    EXPECT_EQ(interleavings({}), 1);
    EXPECT_EQ(result.outcomes,
              (std::map<std::string, std::size_t>{{"final value 2", result.orders.size()}}));
}

// The bound cuts the walk and says so; the command line prints the table and refuses what it
// cannot do.
TEST(AllOrders, TheBoundCutsTheWalkAndTheCommandLinePrintsTheTable) {
    OrderExplorer explorer(raceOptions({"threads=2", "increments=2"}), 5);
    const auto cut = explorer.explore();
    EXPECT_EQ(cut.orders.size(), 5u);
    EXPECT_FALSE(cut.complete);
    auto r = shell(siblingLabPath() +
                   " run race-condition --set threads=2 --set increments=1 --all-orders 2>&1");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("final value 1"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("final value 2"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("6 orders in"), std::string::npos) << r.output;  // C(4,2)
    EXPECT_NE(r.output.find("every one"), std::string::npos) << r.output;
    r = shell(siblingLabPath() + " run creation-cost --all-orders 2>&1");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("not the measurement creation-cost"), std::string::npos) << r.output;
    r = shell(siblingLabPath() + " run race-condition --all-orders --trace /tmp/x.ilt 2>&1");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("writes no trace"), std::string::npos) << r.output;
}
