// interleave-lab: the headless runner (list, describe, run, info, lesson) and, in its hidden
// __engine mode, the process a Supervisor starts for each run.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/info_cli.h"
#include "app/lesson_cli.h"
#include "app/schedule_cli.h"
#include "core/analysis/cpu_time.h"
#include "core/analysis/deadlock.h"
#include "core/analysis/other_cpu.h"
#include "core/analysis/run_measures.h"
#include "core/analysis/samples.h"
#include "core/analysis/schedule.h"
#include "core/analysis/speedup.h"
#include "core/analysis/wait_for.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/schema/sys_text.h"
#include "core/supervise/lab_engine.h"
#include "core/supervise/python_baseline.h"
#include "core/supervise/schedule_replay.h"
#include "core/supervise/supervisor.h"
#include "core/trace/schedule_file.h"
#include "core/trace/trace_file.h"
#include "core/trace/trace_native.h"

using namespace interleave;

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

const Scenario* scenarioOrError(const std::string& name) {
    const auto* s = findScenario(name);
    if (!s)
        std::cerr << "interleave-lab: unknown scenario '" << name
                  << "'; known scenarios: " << scenarioNames() << "\n";
    return s;
}

int list() {
    for (const auto& s : allScenarios())
        std::printf("%-20s %-12s %s\n", s.name.c_str(), s.group.c_str(), s.summary.c_str());
    return 0;
}

int describe(const std::string& name) {
    const auto* s = scenarioOrError(name);
    if (!s) return kUsageError;
    std::printf("%s (%s)\n  %s\n\nparameters:\n", s->name.c_str(), s->group.c_str(),
                s->summary.c_str());
    for (const auto& p : s->params) {
        std::printf("  %-12s %-22s default %-10s %s\n", p.name.c_str(),
                    (p.rangeText() + (p.unit.empty() ? "" : " " + p.unit)).c_str(),
                    p.defaultText().c_str(), p.help.c_str());
    }
    return 0;
}

// What `run` was asked for, already checked by the command-line parser.
struct RunArgs {
    std::string scenario;
    std::vector<std::string> assignments;
    std::string duration = "3s";
    double speed = 1.0;
    std::string tracePath;
    bool wantTrace = false;
    bool quiet = false;
    std::string capture = "lossless";
    std::uint32_t ringSlots = 0;  // 0: the capture mode's default
    std::string logLevel = "warn";
    std::string logFile;
    bool logGiven = false;  // --log was given, even as ''
    bool comparePython = false;
    std::string schedule;        // "manual", a file to replay, or empty (the OS schedules)
    bool scheduleGiven = false;  // --schedule was given, even as ''
};

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

// Real CPython's speedups on the same workload, beside the GIL model's and the processes'.
void printPythonComparison(const EventStore& store, const ParamValues& p) {
    std::string error;
    std::fprintf(stderr, "  measuring real Python (threading, multiprocessing) the same way...\n");
    const auto python = runPythonBaseline(
        p.choice("workload"), static_cast<int>(p.integer("max_workers")),
        static_cast<int>(p.integer("task_ms")), static_cast<int>(p.integer("repetitions")), error);
    if (!python) {
        std::fprintf(stderr, "  no comparison with real Python: %s\n", error.c_str());
        return;
    }
    std::map<std::pair<Executor, int>, double> ours;
    for (const auto& q : speedupTable(store))
        ours[{q.executor, q.workers}] = q.speedup;
    std::fprintf(stderr, "  real %s, %d cores: speedup (ours, difference)\n",
                 pythonBaselineLabel(*python).c_str(), python->cores);
    // Without its GIL (a free-threaded build) CPython's threads compare with plain threads.
    const bool noGil = python->gilEnabled == false;
    for (const auto& q : python->points) {
        if (q.executor == Executor::Sequential) continue;
        const auto executor =
            noGil && q.executor == Executor::GilThreads ? Executor::Threads : q.executor;
        const auto it = ours.find({executor, q.workers});
        const bool mine = it != ours.end() && it->second > 0 && q.speedup > 0;
        std::fprintf(stderr, "  %-20s %3d  %5.2fx",
                     q.executor != Executor::GilThreads ? "multiprocessing"
                     : noGil                            ? "threading (no GIL)"
                                                        : "threading (GIL)",
                     q.workers, q.speedup);
        if (mine)
            std::fprintf(stderr, "   (%s: %.2fx, %+.0f%%)",
                         std::string(executorName(executor)).c_str(), it->second,
                         (it->second / q.speedup - 1) * 100);
        std::fprintf(stderr, "\n");
    }
}

int run(const RunArgs& args) {
    const auto* scenario = scenarioOrError(args.scenario);
    if (!scenario) return kUsageError;
    const auto d = parseDurationMs(args.duration);
    if (!d)
        return usageError("bad duration '" + args.duration +
                          "': give a number with its unit, e.g. 2s, 500ms, 1.5s or 1m "
                          "(from 1 ms to 24 h)");
    const std::int64_t durationMs = *d;
    const double speed = args.speed;
    const std::string& tracePath = args.tracePath;
    const bool wantTrace = args.wantTrace;
    const bool quiet = args.quiet;
    auto assignments = args.assignments;
    const bool manual = args.schedule == "manual";
    std::optional<ScheduleFile> replaySchedule;
    if (args.scheduleGiven && args.schedule.empty())
        return usageError(
            "the schedule is empty: give manual, a saved run (.ilt) or a schedule "
            "(.json), e.g. --schedule manual");
    if (!args.schedule.empty() && scenario->group == "measurements")
        return usageError("--schedule is for scenarios that teach, not measurements: " +
                          scenario->name + " must run freely to measure anything");
    if (!args.schedule.empty() && !manual) {
        std::string error;
        replaySchedule = loadScheduleFile(args.schedule, error);
        if (!replaySchedule) return usageError(error);
        if (replaySchedule->scenario != scenario->name)
            return usageError(args.schedule + " is a schedule of " + replaySchedule->scenario +
                              ", not " + scenario->name);
        // The same steps need the same threads: the schedule's parameters, unless set here.
        if (assignments.empty())
            for (const auto& [name, value] : replaySchedule->parameters)
                assignments.push_back(name + "=" + value);
    }
    ChannelConfig channel;
    channel.capture = args.capture == "drop" ? CaptureMode::Drop : CaptureMode::Lossless;
    channel.ringSlots = args.ringSlots                         ? args.ringSlots
                        : channel.capture == CaptureMode::Drop ? kDropRingSlots
                                                               : kLosslessRingSlots;
    const auto params = resolveParams(scenario->params, assignments);
    if (!params.ok()) return usageError(params.error);
    if (args.comparePython && scenario->name != "cpu-vs-io")
        return usageError("--compare-python is for cpu-vs-io, not " + scenario->name);
    if (wantTrace)
        if (auto err = checkTracePath(tracePath); !err.empty()) return usageError(err);
    if (args.logGiven)
        if (auto err = checkTracePath(args.logFile, "log", "--log run.log"); !err.empty())
            return usageError(err);

    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    RunOptions options;
    options.logLevel = *parseLogLevel(args.logLevel);  // checked by the parser
    options.logFile = args.logFile;
    options.labPath = siblingLabPath();
    options.scenario = scenario->name;
    options.assignments = assignments;
    options.channel = channel;
    options.termGrace = kTermGrace;
    if (!args.schedule.empty()) options.schedule = ScheduleMode::Manual;
    Supervisor sup(options);
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
    sup.setSpeed(speed);
    const auto started = std::chrono::steady_clock::now();
    std::unique_ptr<ScheduleReplay> replay;
    if (replaySchedule)
        replay = std::make_unique<ScheduleReplay>(sup.channel(), replaySchedule->steps, true);
    // By hand, the run lasts as long as the student goes on; the duration counts from "f".
    if (manual) scheduleInteractively(sup, g_interrupted);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(durationMs);
    // A measurement says how far it has come, once a second: it may take a while.
    const bool measures = scenario->group == "measurements" && !quiet;
    const int planned =
        scenario->name == "cpu-vs-io"
            ? cpuVsIoMeasurementCount(static_cast<int>(params.values.integer("max_workers")),
                                      static_cast<int>(params.values.integer("repetitions")))
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
    // Kept up to date as events come, so that at the end only the last few are left to read:
    // the summary then follows the stop soon, even after tens of millions of events.
    DeadlockWatch watch;
    while (!g_interrupted && std::chrono::steady_clock::now() < deadline &&
           !sup.waitFinished(untilDeadline())) {
        // In slices of about a millisecond's reading, so the deadline is never passed here; what
        // is left when the run ends is read after it.
        watch.update(sup.store(), std::numeric_limits<std::int64_t>::max(), 1 << 16);
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
    std::string replayNote;
    bool replayFailed = false;
    if (replay) {
        replay->cancel();
        replayFailed = !replay->error().empty() || replay->given() < replay->total();
        replayNote = "schedule replayed: " + std::to_string(replay->given()) + " of " +
                     std::to_string(replay->total()) + " steps" +
                     (!replay->error().empty()            ? "; stopped at " + replay->error()
                      : replay->given() < replay->total() ? "; the run ended first"
                                                          : "");
        replay.reset();  // joins: no grant comes after this
    }
    // Stop first, then analyse. A run still going at its end is asked to wind down, briefly,
    // and then ended; only once it has stopped (every ring drained, nothing left running) is the
    // store read for a deadlock, as it stood at the duration: a deadlocked run cannot wind down,
    // and one the stop set free (a semaphore closed under its waiters) was deadlocked all the
    // same. Reading the whole store while the scenario still ran took seconds of an unpaced run
    // and was counted as part of it.
    bool stoppedEarly = false;
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
        stoppedEarly = *st == exitStatusSignaled(SIGTERM) || *st == exitStatusSignaled(SIGKILL);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    DeadlockCycle deadlock;
    if (wasRunning) {
        watch.update(sup.store(), endNs);
        deadlock = watch.cycle();
    }

    auto& store = sup.store();
    // Whether a Ctrl-C ended the run, as against one that only stopped the writing after it.
    const int runInterrupted = g_interrupted;
    bool writeInterrupted = false;
    double writeSeconds = 0;
    std::string traceNote;
    if (wantTrace) {
        std::vector<std::pair<std::string, std::string>> values;
        for (const auto& spec : scenario->params)
            values.emplace_back(spec.name, params.values.all().find(spec.name)->second);
        auto about = describeRun(scenario->name, std::move(values), speed);
        about.durationNs = static_cast<std::int64_t>(seconds * 1e9);
        const auto estimate = estimateTraceBytes(store, tracePath, about);
        if (estimate > (std::uint64_t{1} << 30) && !quiet)
            std::fprintf(stderr,
                         "interleave-lab: writing a trace of about %.1f GB to %s; Ctrl-C stops "
                         "the writing and leaves no file\n",
                         static_cast<double>(estimate) / 1e9, tracePath.c_str());
        const auto writeStart = std::chrono::steady_clock::now();
        // Any Ctrl-C after the one that ended the run stops the writing, whenever it came.
        const int interruptsBefore = runInterrupted;
        const auto result = writeTraceFile(
            store, tracePath,
            [interruptsBefore] { return g_interrupted != interruptsBefore || g_interrupted >= 2; },
            about);
        writeSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - writeStart).count();
        if (!result.error.empty()) {
            std::cerr << "interleave-lab: " << result.error << "\n";
            return 1;
        }
        writeInterrupted = result.cancelled;
        traceNote = result.cancelled ? std::string(runInterrupted ? "" : "; the run completed") +
                                           "; the writing was interrupted: no trace written"
                                     : "; trace written to " + tracePath;
    }
    const auto status = sup.labStatus();
    if (!quiet) {
        std::string deadlockText;
        std::string through;
        {
            const auto actors = store.actors();
            for (std::size_t k = 0; k < deadlock.actors.size(); ++k) {
                for (const auto& a : actors)
                    if (a.id == deadlock.actors[k])
                        deadlockText += (deadlockText.empty() ? "" : " -> ") + a.name;
                through += (through.empty() ? "" : ", ") + store.objectName(deadlock.objects[k]);
            }
        }
        const auto l = store.losses();
        std::fprintf(
            stderr,
            "%s: %zu events from %zu actors in a run of %.2f s, %llu lost (capture %s, %llu "
            "waits); lab %s%s%s%s",
            scenario->name.c_str(), store.size(), store.actors().size(), seconds,
            static_cast<unsigned long long>(store.totalDropped()),
            channel.capture == CaptureMode::Lossless ? "lossless" : "drop",
            static_cast<unsigned long long>(l.ringWaits),
            status ? exitStatusText(*status).c_str() : "status unknown",
            deadlock.empty() ? ""
                             : ("; deadlocked: " + deadlockText + " -> " +
                                deadlockText.substr(0, deadlockText.find(" -> ")) +
                                " (waiting on " + through + "), ended at its duration")
                                   .c_str(),
            runInterrupted ? " (interrupted: stopped at once)"
            : stoppedEarly && deadlock.empty()
                ? " (stopped by signal: it did not wind down within 30 ms)"
                : "",
            traceNote.c_str());
        // Writing comes after the run and is not part of it: its time is said apart.
        if (wantTrace) std::fprintf(stderr, " in %.2f s, after the run", writeSeconds);
        std::fprintf(stderr, "\n");
        // What each thread cost the machine: the busy-wait lesson reads this line.
        if (const auto cpu = lastCpuTimes(store); !cpu.empty()) {
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
        if (scenario->group == "measurements") {  // each reads the whole store
            printSpeedups(store);
            printSamples(store);
        }
        if (args.comparePython) printPythonComparison(store, params.values);
        printOtherCpu(store, false);
        if (!replayNote.empty()) std::fprintf(stderr, "  %s\n", replayNote.c_str());
        if (!args.schedule.empty()) printGoalsReached(store);
        if (l.any())
            std::fprintf(stderr,
                         "  also lost: %u threads got no actor slot (%llu of their events), %u "
                         "forks failed, %u objects and %u names did not fit their tables\n",
                         l.actorsRefused, static_cast<unsigned long long>(l.eventsUntraced),
                         l.forksFailed, l.objectsRefused, l.stringsRefused);
    }
    if (quiet) printOtherCpu(store, true);
    // As a shell reports a command ended by Ctrl-C, whether it ended the run or the writing.
    if (runInterrupted || writeInterrupted) return 130;
    if (replayFailed) {
        if (quiet) std::fprintf(stderr, "interleave-lab: %s\n", replayNote.c_str());
        return 1;
    }
    // The run failing by itself is an error; being stopped by us is not.
    if (status && !stoppedEarly && *status != exitStatusExited(0)) return 1;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // The engine mode takes the supervisor's raw arguments; it is not a command for people.
    if (argc >= 2 && std::string_view(argv[1]) == "__engine")
        return runLabEngine(std::vector<std::string>(argv + 2, argv + argc));

    CLI::App app{
        "Runs Interleave's scenarios on real threads and processes without a display, and reads "
        "their traces.",
        "interleave-lab"};
    app.require_subcommand(1);
    // --help shows every command with its options and their defaults.
    app.set_help_flag();
    app.set_help_all_flag("-h,--help", "Print every command, its options and their defaults");
    app.get_formatter()->column_width(34);
    app.footer(
        "A trace ending in .pftrace is Perfetto's own (protobuf) format and one ending in .json "
        "Chrome Trace Event format (open either in Perfetto); one ending in .csv has a row per "
        "event (for a spreadsheet); any other name gets the native binary trace that the "
        "Interleave window replays.");

    app.add_subcommand("list", "List the scenarios.");
    std::string scenarioName;
    auto* describeCmd = app.add_subcommand("describe", "Show a scenario's parameters.");
    describeCmd->add_option("scenario", scenarioName, "Scenario name (see list).")->required();
    RunArgs r;
    auto* runCmd = app.add_subcommand("run", "Run a scenario and optionally write its trace.");
    runCmd->add_option("scenario", r.scenario, "Scenario name (see list).")->required();
    runCmd
        ->add_option("--set", r.assignments,
                     "Set a parameter, NAME=VALUE; repeat for more (see describe).")
        ->expected(1)
        ->take_all()  // after expected(1): each --set takes one value, and they add up
        ->allow_extra_args(false)
        ->type_name("NAME=VALUE");
    runCmd
        ->add_option("--duration", r.duration,
                     "How long to run, with its unit: 500ms, 2s, 1.5s, 1m (1 ms to 24 h).")
        ->capture_default_str();
    runCmd
        ->add_option("--speed", r.speed,
                     "Speed of the simulated work: 0.05 (slow motion) to 4 (fast).")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                char* end = nullptr;
                const double v = std::strtod(text.c_str(), &end);
                if (end == text.c_str() || *end != '\0' || !(v >= 0.05 && v <= 4.0))
                    return "bad speed '" + text + "': allowed 0.05 to 4";
                return {};
            },
            "0.05 TO 4"))
        ->capture_default_str();
    auto* traceOpt =
        runCmd->add_option("--trace", r.tracePath,
                           "Write the run's trace: FILE.pftrace, FILE.json, FILE.csv or FILE.ilt.");
    runCmd->add_flag("--quiet", r.quiet, "Print nothing but errors.");
    auto* scheduleOpt =
        runCmd->add_option("--schedule", r.schedule,
                           "manual: you are the scheduler, choosing which thread takes each step "
                           "(on stdin); FILE: take the steps of a saved run (.ilt) or a schedule "
                           "(JSON) again, on real threads, in the same order.");
    runCmd->add_flag("--compare-python", r.comparePython,
                     "cpu-vs-io: also measure real CPython (threading, multiprocessing) on the "
                     "same workload with python3, and print both.");
    runCmd
        ->add_option("--capture", r.capture,
                     "lossless: a thread whose event ring is full waits for the recorder, and "
                     "the wait is shown; drop: no thread is ever slowed, and every lost event is "
                     "counted, shown and written.")
        ->check(CLI::IsMember({"lossless", "drop"}))
        ->capture_default_str();
    runCmd
        ->add_option("--ring-slots", r.ringSlots,
                     "Events per thread's ring, a power of two from 64 to 1048576 (default 8192 "
                     "lossless, 32768 drop).")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                char* end = nullptr;
                const auto v = std::strtoul(text.c_str(), &end, 10);
                if (end == text.c_str() || *end != '\0' || v < 64 || v > (1u << 20) ||
                    (v & (v - 1)) != 0)
                    return "bad ring size '" + text +
                           "': a power of two from 64 to 1048576, e.g. 8192";
                return {};
            },
            "POWER OF TWO"));
    runCmd
        ->add_option("--log-level", r.logLevel,
                     "What the lab reports on stderr (and in --log): trace, debug, info, warn, "
                     "error or off.")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    auto* logOpt = runCmd->add_option(
        "--log", r.logFile, "Also write the lab's log to FILE, with timestamps and pids.");
    std::string tracePath;
    auto* infoCmd = app.add_subcommand("info", "Summarise a native trace (.ilt).");
    infoCmd->add_option("file", tracePath, "The trace file.")->required();
    std::vector<std::string> measures;
    infoCmd->add_option("--measure", measures,
                        "Print only this number of the run (lost_updates, deadlock, "
                        "waits_on_empty, count:KIND, ...; see core/analysis/run_measures.h).");

    std::string lessonName;
    int checkItem = 0;
    std::string checkDuration = "20s";
    auto* lessonCmd = app.add_subcommand(
        "lesson", "List a lesson's Try this items, or check one: run it and print its answer.");
    lessonCmd->add_option("scenario", lessonName, "Scenario name (see list).")->required();
    lessonCmd
        ->add_option("--check", checkItem,
                     "Run Try this item N with its parameters (every other at its default) "
                     "and print what the run measured.")
        ->check(CLI::PositiveNumber);
    lessonCmd
        ->add_option("--duration", checkDuration,
                     "With --check: how long the run may go on before it is read as it stands.")
        ->capture_default_str();

    // A first word that is no command would otherwise read "a subcommand is required".
    if (argc >= 2 && argv[1][0] != '-') {
        bool known = false;
        for (const auto* cmd : app.get_subcommands({}))
            known = known || cmd->get_name() == argv[1];
        if (!known)
            return usageError(
                std::string("unknown command '") + argv[1] +
                "'; commands: list, describe, run, info, lesson (see interleave-lab --help)");
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line that says what was wrong, then where to look.
        return usageError(std::string(e.what()) + " (see interleave-lab --help)");
    }
    if (describeCmd->parsed()) return describe(scenarioName);
    if (runCmd->parsed()) {
        r.wantTrace = traceOpt->count() > 0;
        r.scheduleGiven = scheduleOpt->count() > 0;
        r.logGiven = logOpt->count() > 0;
        return run(r);
    }
    if (infoCmd->parsed()) return infoCommand(tracePath, measures);
    if (lessonCmd->parsed()) return lessonCommand(lessonName, checkItem, checkDuration);
    return list();
}
