#include <gtest/gtest.h>

#include <set>

#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"

using namespace interleave;

namespace {
const std::vector<ParamSpec>& pcSpecs() {
    return findScenario("producer-consumer")->params;
}
}  // namespace

TEST(Params, DefaultsApplyWhenNothingIsSet) {
    const auto r = resolveParams(pcSpecs(), {});
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.values.integer("producers"), 2);
    EXPECT_EQ(r.values.choice("variant"), "condvar");
}

TEST(Params, AcceptsValuesAtBothEndsOfTheRange) {
    const auto r = resolveParams(
        pcSpecs(), {"producers=1", "consumers=16", "capacity=64", "variant=semaphore"});
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.values.integer("consumers"), 16);
    EXPECT_EQ(r.values.choice("variant"), "semaphore");
}

TEST(Params, OutOfRangeNamesParameterValueAndRange) {
    const auto r = resolveParams(pcSpecs(), {"producers=17"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error.find("'producers'"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("'17'"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("1..16"), std::string::npos) << r.error;
    EXPECT_FALSE(resolveParams(pcSpecs(), {"capacity=0"}).ok());
    EXPECT_FALSE(resolveParams(pcSpecs(), {"produce_ms=-1"}).ok());
}

TEST(Params, RejectsMalformedUnknownAndBadChoices) {
    EXPECT_NE(resolveParams(pcSpecs(), {"producers=two"}).error.find("not a whole number"),
              std::string::npos);
    EXPECT_NE(resolveParams(pcSpecs(), {"producers=3x"}).error.find("not a whole number"),
              std::string::npos);
    const auto unknown = resolveParams(pcSpecs(), {"threads=3"});
    EXPECT_NE(unknown.error.find("unknown parameter 'threads'"), std::string::npos);
    EXPECT_NE(unknown.error.find("producers"), std::string::npos);  // lists the known ones
    EXPECT_NE(resolveParams(pcSpecs(), {"variant=spin"}).error.find("condvar | semaphore"),
              std::string::npos);
    EXPECT_FALSE(resolveParams(pcSpecs(), {"producers"}).ok());
    EXPECT_FALSE(resolveParams(pcSpecs(), {"=3"}).ok());
}

TEST(Params, Durations) {
    EXPECT_EQ(parseDurationMs("2s"), 2000);
    EXPECT_EQ(parseDurationMs("500ms"), 500);
    EXPECT_EQ(parseDurationMs("1.5s"), 1500);
    EXPECT_FALSE(parseDurationMs("3")) << "a bare number: seconds or ms? the unit is required";
    EXPECT_EQ(parseDurationMs("1m"), 60000);
    EXPECT_FALSE(parseDurationMs("2x"));
    EXPECT_FALSE(parseDurationMs(""));
    EXPECT_FALSE(parseDurationMs("-1s"));
    EXPECT_FALSE(parseDurationMs("0s"));
    EXPECT_FALSE(parseDurationMs("2 days"));
}

TEST(Scenarios, EveryScenarioHasValidDefaultsAndDistinctNames) {
    std::set<std::string> names;
    for (const auto& s : allScenarios()) {
        EXPECT_TRUE(names.insert(s.name).second) << s.name;
        EXPECT_FALSE(s.summary.empty());
        for (const auto& p : s.params)
            EXPECT_FALSE(validateParam(p, p.defaultText())) << s.name << "." << p.name;
    }
    EXPECT_EQ(findScenario("no-such-thing"), nullptr);
}
