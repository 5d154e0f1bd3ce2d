// Full replots of the timeline, offscreen at 1920x1080: 1 million and 10 million events on 64
// lanes, against a replot of the same plot with no lanes (the fixed cost of axes and labels).
// And the case a live run hits 60 times a second: a frame of a growing producer/consumer run at
// 1280x720, drawn as the window draws it (changed columns only), against the same frame drawn in
// full (what every frame cost before the lanes kept their picture).

#include <benchmark/benchmark.h>

#include <qcustomplot.h>
#include <QApplication>
#include <QCoreApplication>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_deadlock.h"
#include "bench/bench_replay.h"
#include "bench/bench_window_load.h"
#include "bench/synthetic_store.h"
#include "core/channel/event_store.h"
#include "live_run.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/lane_painter.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"

using namespace interleave;
using namespace interleave::ui;

namespace {

struct Scene {
    std::unique_ptr<EventStore> store;
    TimelineModel model;
    TimeCursor cursor;
    std::unique_ptr<TimelineView> view;
};

std::map<std::size_t, std::unique_ptr<Scene>>& scenes() {
    static std::map<std::size_t, std::unique_ptr<Scene>> s;
    return s;
}

Scene& scene(std::size_t events) {
    auto& s = scenes()[events];
    if (!s) {
        s = std::make_unique<Scene>();
        if (events) s->store = interleave::bench::syntheticStore(events);
        s->model.reset(s->store.get());
        s->view = std::make_unique<TimelineView>(&s->model, &s->cursor);
        s->view->resize(1920, 1080);
        s->view->show();
        s->cursor.setTime(5'000'000'000);
        s->view->setNow(10'000'000'000);
        s->view->fitAll();
        s->view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        // To look at what is being measured: INTERLEAVE_BENCH_SNAPSHOT=/tmp/x (writes x-N.png).
        if (const auto dir = qEnvironmentVariable("INTERLEAVE_BENCH_SNAPSHOT"); !dir.isEmpty())
            s->view->grab().save(dir + QStringLiteral("-%1.png").arg(events));
    }
    return *s;
}

void BM_TimelineReplot(benchmark::State& state) {
    auto& s = scene(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state)
        s.view->redrawAll();
    state.counters["marks"] = static_cast<double>(s.view->lanes()->lastMarkCount());
}

// One live frame: events arrive every third frame, "now" moves 16 ms; `full` draws it all.
void liveFrames(benchmark::State& state, bool full) {
    interleave::test::LiveRun run;
    TimeCursor cursor;
    TimelineView view(&run.model(), &cursor);
    view.resize(1000, 420);
    view.show();
    view.startLive();
    std::int64_t now = 0;
    std::size_t frames = 0, bands = 0;
    for (auto _ : state) {
        now += 16 * interleave::test::kMs;
        if (++frames % 3 == 0) run.runUntil(now - 5 * interleave::test::kMs);
        cursor.follow(now);
        view.setNow(now);
        if (full) view.redrawAll();
        QCoreApplication::processEvents();  // the queued refresh and the repaint it asks for
        bands += static_cast<std::size_t>(view.canvas()->lastBandWidth());
    }
    state.counters["band_px"] = static_cast<double>(bands) / static_cast<double>(frames);
}

void BM_LiveFrame(benchmark::State& state) {
    liveFrames(state, false);
}
void BM_LiveFrameFullRedraw(benchmark::State& state) {
    liveFrames(state, true);
}

}  // namespace

BENCHMARK(BM_LiveFrame)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_LiveFrameFullRedraw)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_TimelineReplot)
    ->Arg(0)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // --smoke (CI): the empty and the 1 M-event plot only, goals not judged.
    std::vector<char*> args(argv, argv + argc);
    bool smoke = false;
    static char smokeFilter[] = "--benchmark_filter=BM_TimelineReplot/(0|1000000)/|BM_LiveFrame";
    for (auto& a : args)
        if (std::string(a) == "--smoke") {
            smoke = true;
            a = smokeFilter;
        }
    argc = static_cast<int>(args.size());
    argv = args.data();
    benchmark::Initialize(&argc, argv);
    struct Reporter : benchmark::ConsoleReporter {
        std::map<std::string, double> ms;
        int errors = 0;
        void ReportRuns(const std::vector<Run>& runs) override {
            for (const auto& r : runs) {
                if (r.error_occurred) ++errors;
                if (r.run_type == Run::RT_Iteration && !r.error_occurred)
                    ms[r.benchmark_name()] = r.GetAdjustedRealTime();
            }
            ConsoleReporter::ReportRuns(runs);
        }
    } reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    auto& ms = reporter.ms;
    const double empty = ms["BM_TimelineReplot/0/min_time:1.000"];
    std::printf("\n== goals (full replot, 64 lanes, 1920x1080, offscreen) ==\n");
    int missed = 0;
    for (const auto& [name, goal, label] :
         {std::tuple{"BM_TimelineReplot/1000000/min_time:1.000", 16.0, "1M events"},
          std::tuple{"BM_TimelineReplot/10000000/min_time:1.000", 50.0, "10M events"}}) {
        if (!ms.count(name)) continue;
        const bool met = ms[name] <= goal;
        missed += met ? 0 : 1;
        std::printf("%s: %.2f ms per replot (goal <= %.0f ms) %s; %.2fx the empty plot's %.2f ms\n",
                    label, ms[name], goal, met ? "MET" : "MISSED", ms[name] / empty, empty);
    }
    const double live = ms["BM_LiveFrame/min_time:1.000"];
    const double liveFull = ms["BM_LiveFrameFullRedraw/min_time:1.000"];
    if (live > 0 && liveFull > 0) {
        // A frame 60 times a second must cost a small part of what drawing everything costs.
        const bool met = live <= 0.25 * liveFull;
        missed += met ? 0 : 1;
        std::printf(
            "live frame: %.3f ms, %.2fx a full redraw of the same frame (%.3f ms; goal "
            "<= 0.25x) %s\n",
            live, live / liveFull, liveFull, met ? "MET" : "MISSED");
    }
    scenes().clear();
    // Smoke: one deadlock of each size, so the measurement cannot rot; goals not judged.
    const int deadlockMissed = interleave::bench::judgeDeadlock(smoke ? 1 : 5, !smoke) +
                               interleave::bench::judgeReplay(smoke ? 100'000 : 1'000'000, !smoke) +
                               interleave::bench::judgeWindowLoad(smoke ? 1 : 10, !smoke);
    benchmark::Shutdown();
    if (smoke) {
        std::printf("smoke run: goals not judged\n");
        return reporter.errors || deadlockMissed ? 1 : 0;  // smoke: only a run that failed
    }
    return missed || deadlockMissed || reporter.errors ? 1 : 0;
}
