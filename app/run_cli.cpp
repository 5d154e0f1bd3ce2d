#include "app/run_cli.h"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <limits>
#include <memory>

#include "app/all_orders_cli.h"
#include "app/python_report.h"
#include "app/schedule_cli.h"
#include "core/analysis/speedup.h"
#include "core/supervise/schedule_replay.h"
#include "core/supervise/supervisor.h"
#include "core/trace/run_description.h"
#include "core/trace/trace_file.h"

namespace interleave {
namespace {

constexpr int kUsageError = 2;
// A run still going at its duration gets this long to wind down by itself (producers stop,
// consumers drain, so the trace ends in a consistent state), then SIGTERM and, this long after,
// SIGKILL: together well inside the 100 ms a run may overrun its duration.
constexpr std::chrono::milliseconds kWindDown{30};
constexpr std::chrono::milliseconds kTermGrace{20};
volatile std::sig_atomic_t g_interrupted = 0;

// Counts: the first Ctrl-C ends the run (its trace is still written); any later one, or one
// during the writing, stops the writing.
void onInterrupt(int) {
    g_interrupted = g_interrupted + 1;
}

int usageError(const std::string& message) {
    std::cerr << "interleave-lab: " << message << "\n";
    return kUsageError;
}

// --schedule: manual, or a saved run's steps to give again (whose parameters the run takes,
// unless --set gives its own). Returns a usage error's status, or 0.
int planSchedule(const RunArgs& args, RunPlan& plan) {
    const auto& scenario = *plan.scenario;
    plan.manual = args.schedule == "manual";
    if (args.scheduleGiven && args.schedule.empty())
        return usageError(
            "the schedule is empty: give manual, a saved run (.ilt) or a schedule "
            "(.json), e.g. --schedule manual");
    if (!args.schedule.empty() && scenario.group == "measurements")
        return usageError("--schedule is for scenarios that teach, not measurements: " +
                          scenario.name + " must run freely to measure anything");
    if (args.schedule.empty() || plan.manual) return 0;
    std::string error;
    plan.replaySchedule = loadScheduleFile(args.schedule, error);
    if (!plan.replaySchedule) return usageError(error);
    if (plan.replaySchedule->scenario != scenario.name)
        return usageError(args.schedule + " is a schedule of " + plan.replaySchedule->scenario +
                          ", not " + scenario.name);
    // The same steps need the same threads: the schedule's parameters, unless set here.
    if (plan.assignments.empty())
        for (const auto& [name, value] : plan.replaySchedule->parameters)
            plan.assignments.push_back(name + "=" + value);
    return 0;
}

// Every check before the run, in the order the messages are given. nullopt with `status` set
// when the arguments do not make a run.
std::optional<RunPlan> planRun(const RunArgs& args, int& status) {
    RunPlan plan;
    status = kUsageError;
    plan.scenario = findScenario(args.scenario);
    if (!plan.scenario) {
        std::cerr << "interleave-lab: unknown scenario '" << args.scenario
                  << "'; known scenarios: " << scenarioNames() << "\n";
        return std::nullopt;
    }
    const auto d = parseDurationMs(args.duration);
    if (!d) {
        usageError("bad duration '" + args.duration +
                   "': give a number with its unit, e.g. 2s, 500ms, 1.5s or 1m "
                   "(from 1 ms to 24 h)");
        return std::nullopt;
    }
    plan.durationMs = *d;
    plan.assignments = args.assignments;
    if (planSchedule(args, plan) != 0) return std::nullopt;
    auto& channel = plan.channel;
    channel.capture = args.capture == "drop" ? CaptureMode::Drop : CaptureMode::Lossless;
    channel.ringSlots = args.ringSlots                         ? args.ringSlots
                        : channel.capture == CaptureMode::Drop ? kDropRingSlots
                                                               : kLosslessRingSlots;
    plan.params = resolveParams(plan.scenario->params, plan.assignments);
    std::string error = plan.params.error;
    if (error.empty() && args.comparePython && !comparesWithPython(*plan.scenario))
        error = "--compare-python is for cpu-vs-io, creation-cost and race-condition, not " +
                plan.scenario->name;
    if (error.empty() && args.allOrders)
        error = args.scheduleGiven || args.wantTrace || args.comparePython
                    ? "--all-orders schedules every run itself and writes no trace: leave out "
                      "--schedule, --trace and --compare-python"
                : plan.scenario->group == "measurements"
                    ? "--all-orders is for the thread and process scenarios, not the "
                      "measurement " +
                          plan.scenario->name
                    : std::string();
    if (error.empty() && args.wantTrace) error = checkTracePath(args.tracePath);
    if (error.empty() && args.logGiven)
        error = checkTracePath(args.logFile, "log", "--log run.log");
    if (!error.empty()) {
        usageError(error);
        return std::nullopt;
    }
    status = 0;
    return plan;
}

RunOptions supervisorOptions(const RunArgs& args, const RunPlan& plan) {
    RunOptions options;
    options.logLevel = *parseLogLevel(args.logLevel);  // checked by the parser
    options.logFile = args.logFile;
    options.labPath = siblingLabPath();
    options.scenario = plan.scenario->name;
    options.assignments = plan.assignments;
    options.channel = plan.channel;
    options.termGrace = kTermGrace;
    if (!args.schedule.empty()) options.schedule = ScheduleMode::Manual;
    return options;
}

// Until the duration, the run's own end or a Ctrl-C. `watch` is kept up to date as events
// come, so that at the end only the last few are left to read: the summary then follows the
// stop soon, even after tens of millions of events.
void waitForRun(Supervisor& sup, const RunArgs& args, const RunPlan& plan,
                std::chrono::steady_clock::time_point& started, DeadlockWatch& watch) {
    // The duration is the scenario's: it counts from the run's first event (seen within 10 ms
    // of its coming), not from the lab's start, which a slow machine (or a sanitizer's
    // start-up) can stretch past a short run's whole length. A lab that never gets as far is
    // given its duration and 5 s more.
    const auto duration = std::chrono::milliseconds(plan.durationMs);
    auto deadline = std::chrono::steady_clock::now() + duration + std::chrono::seconds(5);
    bool counting = false;
    // A measurement says how far it has come, once a second: it may take a while.
    const bool measures = plan.scenario->group == "measurements" && !args.quiet;
    const int planned =
        plan.scenario->name == "cpu-vs-io"
            ? cpuVsIoMeasurementCount(static_cast<int>(plan.params.values.integer("max_workers")),
                                      static_cast<int>(plan.params.values.integer("repetitions")))
            : 0;
    std::size_t scanned = 0;
    int measured = 0;
    auto nextProgress = started + std::chrono::seconds(1);
    // Polls every 10 ms, and wakes at the deadline itself, not up to 10 ms after it.
    auto untilDeadline = [&] {
        return std::min(std::chrono::milliseconds(10),
                        std::chrono::ceil<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now()));
    };
    while (!g_interrupted && std::chrono::steady_clock::now() < deadline &&
           !sup.waitFinished(untilDeadline())) {
        // In slices of about a millisecond's reading, so the deadline is never passed here; what
        // is left when the run ends is read after it.
        watch.update(sup.store(), std::numeric_limits<std::int64_t>::max(), 1 << 16);
        if (!counting && sup.store().size() > 0) {
            counting = true;
            started = std::chrono::steady_clock::now();  // the run's length counts from here too
            deadline = started + duration;
        }
        if (!measures || std::chrono::steady_clock::now() < nextProgress) continue;
        nextProgress += std::chrono::seconds(1);
        const auto& store = sup.store();
        for (const auto n = store.size(); scanned < n; ++scanned) {
            const auto k = store.kind(scanned);
            measured += k == EventKind::MeasureResult || k == EventKind::MeasureSample;
        }
        if (planned > 0)
            std::fprintf(stderr, "interleave-lab: %d of %d measurements\n", measured, planned);
        else
            std::fprintf(stderr, "interleave-lab: %d samples so far\n", measured);
    }
}

// Ends a --schedule FILE replay and says how far it came.
void finishReplay(std::unique_ptr<ScheduleReplay> replay, RunOutcome& outcome) {
    replay->cancel();
    outcome.replayFailed = !replay->error().empty() || replay->given() < replay->total();
    outcome.replayNote = "schedule replayed: " + std::to_string(replay->given()) + " of " +
                         std::to_string(replay->total()) + " steps" +
                         (!replay->error().empty()            ? "; stopped at " + replay->error()
                          : replay->given() < replay->total() ? "; the run ended first"
                                                              : "");
    replay.reset();  // joins: no grant comes after this
}

// Stop first, then analyse. A run still going at its end is asked to wind down, briefly, and
// then ended; only once it has stopped (every ring drained, nothing left running) is the store
// read for a deadlock, as it stood at the duration: a deadlocked run cannot wind down, and one
// the stop set free (a semaphore closed under its waiters) was deadlocked all the same. Reading
// the whole store while the scenario still ran took seconds of an unpaced run and was counted
// as part of it.
void stopThenAnalyse(Supervisor& sup, std::chrono::steady_clock::time_point started,
                     DeadlockWatch& watch, RunOutcome& outcome) {
    bool wasRunning = false;
    std::int64_t endNs = std::numeric_limits<std::int64_t>::max();
    if (!sup.finished()) {
        wasRunning = true;
        const auto& base = sup.store().timeBase();
        endNs = base.toNs(base.now());
        if (!g_interrupted) {
            sup.requestStop();
            sup.waitFinished(kWindDown);
        }
    }
    sup.stop();
    // Stopped, not wound down: our SIGTERM or SIGKILL ended the lab. (Not "not finished after
    // the wind-down": a lab that exited at once may leave rings to drain for longer than that.)
    if (const auto st = sup.labStatus(); wasRunning && st)
        outcome.stoppedEarly =
            *st == exitStatusSignaled(SIGTERM) || *st == exitStatusSignaled(SIGKILL);
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (wasRunning) {
        watch.update(sup.store(), endNs);
        outcome.deadlock = watch.cycle();
    }
}

// The run from its start to its analysis, the supervisor already started.
RunOutcome executeRun(Supervisor& sup, const RunArgs& args, const RunPlan& plan) {
    RunOutcome outcome;
    sup.setSpeed(args.speed);
    auto started = std::chrono::steady_clock::now();
    std::unique_ptr<ScheduleReplay> replay;
    if (plan.replaySchedule)
        replay = std::make_unique<ScheduleReplay>(sup.channel(), plan.replaySchedule->steps, true);
    // By hand, the run lasts as long as the student goes on; the duration counts from "f".
    if (plan.manual) scheduleInteractively(sup, g_interrupted);
    DeadlockWatch watch;
    waitForRun(sup, args, plan, started, watch);
    if (replay) finishReplay(std::move(replay), outcome);
    stopThenAnalyse(sup, started, watch, outcome);
    // Whether a Ctrl-C ended the run, as against one that only stopped the writing after it.
    outcome.interrupted = g_interrupted;
    return outcome;
}

// Writes the trace after the run; false (said on stderr) when it could not be written.
bool writeTrace(const EventStore& store, const RunArgs& args, const RunPlan& plan,
                RunOutcome& outcome) {
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& spec : plan.scenario->params)
        values.emplace_back(spec.name, plan.params.values.all().find(spec.name)->second);
    auto about = describeRun(plan.scenario->name, std::move(values), args.speed);
    about.durationNs = static_cast<std::int64_t>(outcome.seconds * 1e9);
    const auto& tracePath = args.tracePath;
    const auto estimate = estimateTraceBytes(store, tracePath, about);
    if (estimate > (std::uint64_t{1} << 30) && !args.quiet)
        std::fprintf(stderr,
                     "interleave-lab: writing a trace of about %.1f GB to %s; Ctrl-C stops "
                     "the writing and leaves no file\n",
                     static_cast<double>(estimate) / 1e9, tracePath.c_str());
    const auto writeStart = std::chrono::steady_clock::now();
    // Any Ctrl-C after the one that ended the run stops the writing, whenever it came.
    const int interruptsBefore = outcome.interrupted;
    const auto result = writeTraceFile(
        store, tracePath,
        [interruptsBefore] { return g_interrupted != interruptsBefore || g_interrupted >= 2; },
        about);
    outcome.writeSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - writeStart).count();
    if (!result.error.empty()) {
        std::cerr << "interleave-lab: " << result.error << "\n";
        return false;
    }
    outcome.writeInterrupted = result.cancelled;
    outcome.traceNote = result.cancelled
                            ? std::string(outcome.interrupted ? "" : "; the run completed") +
                                  "; the writing was interrupted: no trace written"
                            : "; trace written to " + tracePath;
    return true;
}

}  // namespace

int runCommand(const RunArgs& args) {
    int status = 0;
    const auto plan = planRun(args, status);
    if (!plan) return status;

    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    if (args.allOrders)
        return allOrdersCommand(args, *plan, supervisorOptions(args, *plan),
                                [] { return g_interrupted != 0; });

    Supervisor sup(supervisorOptions(args, *plan));
    // The lab's log lines, as they come; its own logger has already applied the level.
    sup.setLogCallback([](const LabLogLine& line) {
        std::fprintf(stderr, "interleave-lab: lab %s: %s\n",
                     std::string(logLevelName(line.level)).c_str(), line.text.c_str());
    });
    try {
        sup.start();
    } catch (const std::exception& e) {
        std::cerr << "interleave-lab: could not start the run: " << e.what() << "\n";
        return 1;
    }
    auto outcome = executeRun(sup, args, *plan);
    if (args.wantTrace && !writeTrace(sup.store(), args, *plan, outcome)) return 1;
    outcome.labStatus = sup.labStatus();
    return reportRun(sup.store(), args, *plan, outcome);
}

}  // namespace interleave
