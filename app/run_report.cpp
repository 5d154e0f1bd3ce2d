// `interleave-lab run`'s report: the summary line, the lines after it and the exit status.

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <thread>

#include "app/python_report.h"
#include "app/run_cli.h"
#include "app/schedule_cli.h"
#include "core/analysis/cpu_time.h"
#include "core/analysis/other_cpu.h"
#include "core/analysis/samples.h"
#include "core/analysis/speedup.h"
#include "core/schema/sys_text.h"
#include "core/supervise/python_baseline.h"

namespace interleave {
namespace {

// The measurement scenarios' results: median time and speedup against sequential work, with
// the spread over the repetitions.
void printSpeedups(const EventStore& store) {
    const auto table = speedupTable(store);
    if (table.empty()) return;
    std::fprintf(stderr, "  %-14s %7s %11s %9s %15s   (this machine: %u cores)\n", "executor",
                 "workers", "median ms", "speedup", "spread", std::thread::hardware_concurrency());
    for (const auto& p : table)
        std::fprintf(stderr, "  %-14s %7d %11.1f %8.2fx %7.2f..%.2fx\n",
                     std::string(executorName(p.executor)).c_str(), p.workers, p.medianMs,
                     p.speedup, p.speedupLow, p.speedupHigh);
    // Where threads win even when the work is no faster: what each worker costs.
    const auto costs = workerCosts(store);
    if (costs.empty()) return;
    std::fprintf(stderr, "  %-14s %7s %11s %13s %13s\n", "one worker", "of", "start µs", "own KiB",
                 "shared KiB");
    for (const auto& c : costs) {
        auto value = [](double v) {
            return v < 0 ? std::string("-") : std::to_string(std::llround(v));
        };
        std::fprintf(stderr, "  %-14s %7d %11s %13s %13s\n",
                     std::string(executorName(c.executor)).c_str(), c.workers,
                     value(c.startUs).c_str(), value(c.ownKiB).c_str(), value(c.sharedKiB).c_str());
    }
}

// The measured series' distributions (creation-cost, context-switch).
void printSamples(const EventStore& store) {
    bool header = false;
    for (const auto& s : sampleSeries(store)) {
        if (s.ns.empty()) continue;
        if (!header)
            std::fprintf(stderr, "  %-40s %7s %10s %10s %10s\n", "series", "samples", "median",
                         "5%", "95%");
        header = true;
        std::fprintf(stderr, "  %-40s %7zu %8.1f µs %7.1f µs %7.1f µs\n", s.name.c_str(),
                     s.ns.size(), s.median / 1e3, s.p5 / 1e3, s.p95 / 1e3);
    }
}

// How busy the rest of the machine was while the measurement ran, and whether that makes its
// numbers unreliable: said last, so that it is read after them.
void printOtherCpu(const EventStore& store, bool quiet) {
    const auto other = otherProgramsCpu(store);
    if (!other || (quiet && !other->unreliable())) return;
    std::fprintf(stderr, "  %s%s\n", other->unreliable() ? "WARNING: " : "",
                 otherCpuText(*other).c_str());
}

// "; deadlocked: a -> b -> a (waiting on x, y), ended at its duration", or empty.
std::string deadlockText(const EventStore& store, const DeadlockCycle& deadlock) {
    if (deadlock.empty()) return {};
    std::string cycle;
    std::string through;
    const auto actors = store.actors();
    for (std::size_t k = 0; k < deadlock.actors.size(); ++k) {
        for (const auto& a : actors)
            if (a.id == deadlock.actors[k]) cycle += (cycle.empty() ? "" : " -> ") + a.name;
        through += (through.empty() ? "" : ", ") + store.objectName(deadlock.objects[k]);
    }
    return "; deadlocked: " + cycle + " -> " + cycle.substr(0, cycle.find(" -> ")) +
           " (waiting on " + through + "), ended at its duration";
}

// The one line every run ends with: events, actors, time, losses, how the lab ended, the trace.
void printSummaryLine(const EventStore& store, const RunArgs& args, const RunPlan& plan,
                      const RunOutcome& outcome) {
    const auto l = store.losses();
    const auto& status = outcome.labStatus;
    std::fprintf(stderr,
                 "%s: %zu events from %zu actors in a run of %.2f s, %llu lost (capture %s, %llu "
                 "waits); lab %s%s%s%s",
                 plan.scenario->name.c_str(), store.size(), store.actors().size(), outcome.seconds,
                 static_cast<unsigned long long>(store.totalDropped()),
                 plan.channel.capture == CaptureMode::Lossless ? "lossless" : "drop",
                 static_cast<unsigned long long>(l.ringWaits),
                 status ? exitStatusText(*status).c_str() : "status unknown",
                 deadlockText(store, outcome.deadlock).c_str(),
                 outcome.interrupted ? " (interrupted: stopped at once)"
                 : outcome.stoppedEarly && outcome.deadlock.empty()
                     ? " (stopped by signal: it did not wind down within 30 ms)"
                     : "",
                 outcome.traceNote.c_str());
    // Writing comes after the run and is not part of it: its time is said apart.
    if (args.wantTrace) std::fprintf(stderr, " in %.2f s, after the run", outcome.writeSeconds);
    std::fprintf(stderr, "\n");
}

// What each thread cost the machine: the busy-wait lesson reads this line.
void printCpuTimes(const EventStore& store) {
    const auto cpu = lastCpuTimes(store);
    if (cpu.empty()) return;
    std::string line;
    for (const auto& a : store.actors()) {
        const auto it = cpu.find(a.id);
        if (it == cpu.end()) continue;
        char ms[32];
        std::snprintf(ms, sizeof ms, " %.1f ms", static_cast<double>(it->second) / 1e6);
        line += (line.empty() ? "" : ", ") + a.name + ms;
    }
    std::fprintf(stderr, "  CPU time (from /proc): %s\n", line.c_str());
}

// Everything but --quiet's: the summary line and the lines after it.
void printReport(const EventStore& store, const RunArgs& args, const RunPlan& plan,
                 const RunOutcome& outcome) {
    printSummaryLine(store, args, plan, outcome);
    printCpuTimes(store);
    if (plan.scenario->group == "measurements") {  // each reads the whole store
        printSpeedups(store);
        printSamples(store);
    }
    if (args.comparePython) printPythonComparison(store, *plan.scenario, plan.params.values);
    printOtherCpu(store, false);
    if (!outcome.replayNote.empty()) std::fprintf(stderr, "  %s\n", outcome.replayNote.c_str());
    if (!args.schedule.empty()) printGoalsReached(store);
    if (const auto l = store.losses(); l.any())
        std::fprintf(stderr,
                     "  also lost: %u threads got no actor slot (%llu of their events), %u "
                     "forks failed, %u objects and %u names did not fit their tables\n",
                     l.actorsRefused, static_cast<unsigned long long>(l.eventsUntraced),
                     l.forksFailed, l.objectsRefused, l.stringsRefused);
}

}  // namespace

int reportRun(const EventStore& store, const RunArgs& args, const RunPlan& plan,
              const RunOutcome& outcome) {
    if (!args.quiet) printReport(store, args, plan, outcome);
    if (args.quiet) printOtherCpu(store, true);
    // As a shell reports a command ended by Ctrl-C, whether it ended the run or the writing.
    if (outcome.interrupted || outcome.writeInterrupted) return 130;
    if (outcome.replayFailed) {
        if (args.quiet) std::fprintf(stderr, "interleave-lab: %s\n", outcome.replayNote.c_str());
        return 1;
    }
    // The run failing by itself is an error; being stopped by us is not.
    const auto& status = outcome.labStatus;
    if (status && !outcome.stoppedEarly && *status != exitStatusExited(0)) return 1;
    return 0;
}

}  // namespace interleave
