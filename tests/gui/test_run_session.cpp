// Restart: a new run must never be stopped, or fed rows, by signals the run it replaced had
// already queued.

#include <gtest/gtest.h>

#include <QTest>
#include <thread>
#include <vector>

#include "ui/session/run_session.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

const QStringList kBusy = {QStringLiteral("produce_ms=1"), QStringLiteral("consume_ms=1")};

// Every range a store gets must continue the previous one from 0: a stale range from the
// replaced run would start elsewhere.
struct RangeLog {
    std::vector<std::pair<quint64, quint64>> ranges;
    bool contiguousFromZero() const {
        quint64 next = 0;
        for (const auto& [first, last] : ranges) {
            if (first != next || last <= first) return false;
            next = last;
        }
        return true;
    }
    // Records every range the session hands out, starting afresh with each new store.
    void follow(RunSession& session) {
        QObject::connect(&session, &RunSession::storeReset, [this] { ranges.clear(); });
        QObject::connect(&session, &RunSession::eventsAppended,
                         [this](quint64 a, quint64 b) { ranges.emplace_back(a, b); });
    }
};

}  // namespace

TEST(RunSession, RestartBeforeQueuedSignalsArriveKeepsTheNewRunRunning) {
    RunSession session;
    RangeLog log;
    log.follow(session);
    ASSERT_EQ(session.start(QStringLiteral("producer-consumer"), kBusy, 1.0), QString());
    // No event loop here: the first run's reader queues ranges, and its stop() queues
    // runFinished, all of which arrive after the second run has started. (The scenario's own
    // pacing: the first run runs a while, with nothing pumping the loop.)
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const auto firstRun = session.runId();
    ASSERT_EQ(session.start(QStringLiteral("producer-consumer"), kBusy, 1.0), QString());
    EXPECT_NE(session.runId(), firstRun);
    // The new run's first range is queued after everything the old run queued: once it is in,
    // the old run's signals have all been delivered.
    EXPECT_TRUE(waitFor([&] { return !log.ranges.empty(); }, 5'000))
        << "the new run never delivered events";
    EXPECT_TRUE(session.active()) << "the old run's runFinished stopped the new run";
    EXPECT_GT(session.store()->size(), 0u);
    EXPECT_TRUE(log.contiguousFromZero()) << "the new store was fed the old run's ranges";
    session.stop();
}

TEST(RunSession, TwentyRestartsInARowEachNewRunKeepsRunning) {
    RunSession session;
    RangeLog log;
    log.follow(session);
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(session.start(QStringLiteral("producer-consumer"), kBusy, 1.0), QString());
        // Alternate: restart with the loop pumped and without, as a person clicking fast does
        // (the scenario's own pacing).
        if (i % 2)
            QTest::qWait(40);
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
        ASSERT_TRUE(session.active()) << "restart " << i;
    }
    // Once the last run's first range is in, every earlier run's queued signal has arrived.
    EXPECT_TRUE(waitFor([&] { return !log.ranges.empty(); }, 5'000))
        << "the last run never delivered events";
    EXPECT_TRUE(session.active());
    EXPECT_TRUE(log.contiguousFromZero());
    session.stop();
    EXPECT_FALSE(session.active());
}
