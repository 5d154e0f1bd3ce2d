// When a run may answer a lesson's question: never before a prediction, never a run scheduled
// by hand or stopped before its end, never with parameters other than the question's. (A busy
// machine: the OtherCpu tests.)

#include <gtest/gtest.h>

#include "core/lesson/prediction.h"

using namespace interleave;

namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

QuizQuestion question() {
    QuizQuestion q;
    q.ask = "Will an update be lost?";
    q.choices = {{"No", 0, 0}, {"Yes", 1, 1e9}};
    q.answer = 1;
    q.measure = "lost_updates";
    q.set = {{"threads", "2"}, {"pause_ms", "1"}};
    return q;
}

const Values kDefaults = {{"threads", "4"}, {"increments", "10"}, {"pause_ms", "0"}};

RunForQuestion fairRun() {
    RunForQuestion run;
    run.predicted = true;
    run.parameters = {{"threads", "2"}, {"increments", "10"}, {"pause_ms", "1"}};
    return run;
}

}  // namespace

TEST(Prediction, AFairRunMayBeJudged) {
    EXPECT_EQ(whyRunCannotJudge(question(), fairRun(), kDefaults), "");
}

TEST(Prediction, ARunNobodyPredictedRevealsNothing) {
    auto run = fairRun();
    run.predicted = false;
    EXPECT_NE(whyRunCannotJudge(question(), run, kDefaults).find("nobody predicted"),
              std::string::npos);
}

TEST(Prediction, ARunScheduledByHandOrStoppedEarlyIsNotJudged) {
    auto run = fairRun();
    run.scheduledByHand = true;
    EXPECT_NE(whyRunCannotJudge(question(), run, kDefaults).find("by hand"), std::string::npos);
    run = fairRun();
    run.stoppedEarly = true;
    EXPECT_NE(whyRunCannotJudge(question(), run, kDefaults).find("stopped"), std::string::npos);
}

TEST(Prediction, EveryParameterMustBeTheQuestionsOrItsDefault) {
    // The question names threads and pause_ms; increments was left changed by a "Try this".
    auto run = fairRun();
    run.parameters[1].second = "1000";
    const auto why = whyRunCannotJudge(question(), run, kDefaults);
    EXPECT_NE(why.find("increments = 1000"), std::string::npos) << why;
    EXPECT_NE(why.find("increments = 10"), std::string::npos) << why;
    // A parameter the question sets, at another value.
    run = fairRun();
    run.parameters[0].second = "3";
    EXPECT_NE(whyRunCannotJudge(question(), run, kDefaults).find("threads = 2"), std::string::npos);
}
