#include "bench/bench_deadlock.h"

#include <QCoreApplication>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <vector>

#include "core/analysis/wait_for.h"
#include "ui/session/run_session.h"
#include "ui/window/main_window.h"

namespace interleave::bench {
namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

template <class Pred>
bool pumpUntil(Pred pred, std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (!pred()) {
        if (Clock::now() > end) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        QThread::usleep(200);
    }
    return true;
}

// The moment the cycle closed: the latest of its members' requests for the lock they wait on.
std::int64_t cycleFormedNs(const EventStore& store) {
    const auto cycle = waitForGraphAt(store).cycle();
    std::int64_t formed = -1;
    for (std::size_t i = 0; i < store.size(); ++i)
        if (store.kind(i) == EventKind::LockRequest &&
            std::find(cycle.begin(), cycle.end(), store.actorOf(i)) != cycle.end())
            formed = std::max(formed, store.ns(i));
    return cycle.empty() ? -1 : formed;
}

}  // namespace

int judgeDeadlock(int runs, bool judge) {
    using namespace interleave::ui;
    std::printf("\n== deadlock, in the window (offscreen, 1280x720) ==\n");
    std::vector<double> seen, stopped;
    int failures = 0;
    for (const int threads : {2, 5, 16}) {
        for (int r = 0; r < runs; ++r) {
            LaunchOptions options;
            options.scenario = QStringLiteral("deadlock");
            options.assignments = {QStringLiteral("threads=%1").arg(threads),
                                   QStringLiteral("hold_ms=20")};
            MainWindow window(options);
            window.resize(1280, 720);
            window.show();
            window.runScenario();
            auto* session = window.session();
            std::int64_t saidNs = -1;
            const bool said = pumpUntil(
                [&] {
                    if (!window.stateLine().contains(QStringLiteral("deadlock:"))) return false;
                    saidNs = session->nowNs();
                    return true;
                },
                std::chrono::seconds(10));
            const auto formed = session->store() ? cycleFormedNs(*session->store()) : -1;
            if (!said || formed < 0) {
                std::printf("  %d threads, run %d: no deadlock reported\n", threads, r + 1);
                ++failures;
                window.stopRun();
                pumpUntil([&] { return !session->active(); }, std::chrono::seconds(5));
                continue;
            }
            seen.push_back(static_cast<double>(saidNs - formed) / 1e6);
            const auto stopAt = Clock::now();
            window.stopRun();
            if (!pumpUntil([&] { return !session->active(); }, std::chrono::seconds(5))) ++failures;
            stopped.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - stopAt).count());
        }
    }
    const double seenMs = median(seen), stopMs = median(stopped);
    const auto worst = [](const std::vector<double>& v) {
        return v.empty() ? -1.0 : *std::max_element(v.begin(), v.end());
    };
    const bool seenMet = failures == 0 && seenMs >= 0 && seenMs <= 100;
    const bool stopMet = failures == 0 && stopMs >= 0 && stopMs <= 500;
    std::printf(
        "cycle closed -> state line says deadlock: median %.1f ms, worst %.1f ms over %zu "
        "runs of 2, 5 and 16 threads (goal <= 100 ms) %s\n",
        seenMs, worst(seen), seen.size(), judge ? (seenMet ? "MET" : "MISSED") : "");
    std::printf(
        "Stop of a deadlocked run -> run ended: median %.1f ms, worst %.1f ms (goal <= "
        "500 ms) %s\n",
        stopMs, worst(stopped), judge ? (stopMet ? "MET" : "MISSED") : "");
    if (!judge) return failures ? 1 : 0;
    return (seenMet ? 0 : 1) + (stopMet ? 0 : 1);
}

}  // namespace interleave::bench
