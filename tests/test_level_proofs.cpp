// Every level, on real threads and processes (label "levels": about a minute, run once by CI
// like lesson-answers): its broken version reaches its goal in some order of the steps, and
// with its fix every order is run and none does.

#include <gtest/gtest.h>

#include "core/lesson/levels.h"
#include "core/supervise/level_proof.h"

using namespace interleave;

TEST(LevelProofs, EveryLevelBreaksInSomeOrderAndItsFixInNone) {
    for (const auto& l : allLevels()) {
        SCOPED_TRACE(l.id);
        const auto broken =
            exploreGoal(l.scenario, brokenParams(l), l.goal, siblingLabPath(), 1000);
        EXPECT_EQ(broken.orders.error, "");
        EXPECT_GT(broken.reaching, 0u);
        const auto fixed = exploreGoal(l.scenario, fixedParams(l), l.goal, siblingLabPath(), 1000);
        EXPECT_EQ(fixed.orders.error, "");
        EXPECT_TRUE(fixed.noneReach()) << fixed.reaching << " orders reach it";
    }
}
