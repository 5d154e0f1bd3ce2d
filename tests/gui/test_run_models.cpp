// RunModels, the window's one holder of a run's models: every batch of new rows reaches every
// model once, whole and in order, waits for the frame while the run runs, and a new store
// starts every model afresh.

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <utility>
#include <vector>

#include "ui/session/run_follower.h"
#include "ui/session/run_session.h"
#include "ui/timeline/timeline_model.h"
#include "ui/window/run_models.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

// The rows each batch handed over, from the models' own signal.
std::vector<std::pair<std::size_t, std::size_t>> takenRanges(const QSignalSpy& spy) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& args : spy)
        out.emplace_back(static_cast<std::size_t>(args.at(0).toULongLong()),
                         static_cast<std::size_t>(args.at(1).toULongLong()));
    return out;
}

}  // namespace

TEST(RunModels, ALiveRunsRowsReachTheModelsOnceEachInOrderAtTheFrame) {
    RunSession session;
    RunModels models(&session);
    QObject::connect(&session, &RunSession::storeReset, &models, &RunModels::reset);
    ASSERT_FALSE(models.followers().empty());
    EXPECT_EQ(models.followers().front(), models.timeline()) << "the others name actors by it";
    QSignalSpy taken(&models, &RunModels::rowsTaken);
    QSignalSpy relayed(&session, &RunSession::eventsAppended);
    ASSERT_EQ(session.start(QStringLiteral("race-condition"),
                            {QStringLiteral("threads=2"), QStringLiteral("increments=20"),
                             QStringLiteral("think_ms=1")},
                            1.0),
              QString());
    // Frames, as the window's tick gives them, until the run has ended and all is in.
    ASSERT_TRUE(waitFor(
        [&] {
            models.takePending();
            return !session.active() && !models.hasPending() && session.store()->size() > 0 &&
                   !taken.isEmpty() && takenRanges(taken).back().second == session.store()->size();
        },
        20'000));
    const auto ranges = takenRanges(taken);
    std::size_t next = 0;
    for (const auto& [first, last] : ranges) {
        EXPECT_EQ(first, next) << "a row handed twice or one left out";
        EXPECT_LT(first, last);
        next = last;
    }
    EXPECT_EQ(next, session.store()->size());
    EXPECT_LE(ranges.size(), static_cast<std::size_t>(relayed.count()))
        << "at most one hand-over per batch the session relayed";
    const auto* store = session.store();
    EXPECT_EQ(models.timeline()->lastNs(), store->ns(store->timeOrder().back()));

    // A new store: the models start afresh, and nothing of the old run is still pending.
    taken.clear();
    session.stop();
    ASSERT_EQ(session.start(QStringLiteral("race-condition"),
                            {QStringLiteral("threads=2"), QStringLiteral("increments=1"),
                             QStringLiteral("think_ms=1")},
                            1.0),
              QString());
    EXPECT_FALSE(models.hasPending());
    EXPECT_EQ(models.timeline()->lastNs(), 0);
    ASSERT_TRUE(waitFor(
        [&] {
            models.takePending();
            return !session.active() && !models.hasPending() && !taken.isEmpty() &&
                   takenRanges(taken).back().second == session.store()->size();
        },
        20'000));
    EXPECT_EQ(takenRanges(taken).front().first, 0u) << "the new run's rows from its first";
}
