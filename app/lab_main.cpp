// interleave-lab: the headless runner (list, describe, run, info) and, in its hidden __engine
// mode, the process a Supervisor starts for each run.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/supervise/lab_engine.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/supervisor.h"
#include "core/schema/sys_text.h"
#include "core/trace/trace_file.h"
#include "core/trace/trace_native.h"
#include "core/analysis/wait_for.h"

using namespace interleave;

namespace {

constexpr int kUsageError = 2;
volatile std::sig_atomic_t g_interrupted = 0;

// Counts: the first Ctrl-C ends the run (its trace is still written); any later one, or one
// during the writing, stops the writing.
void onInterrupt(int) {
    g_interrupted = g_interrupted + 1;
}

const char* kUsage =
    "usage: interleave-lab list\n"
    "       interleave-lab describe SCENARIO\n"
    "       interleave-lab run SCENARIO [--set NAME=VALUE]... [--duration 3s] [--speed 1]\n"
    "                                   [--trace FILE.json | FILE.ilt] [--quiet]\n"
    "                                   [--capture lossless|drop] [--ring-slots N]\n"
    "       interleave-lab info FILE.ilt\n"
    "A trace ending in .json is Chrome Trace Event format (open it in Perfetto); any other\n"
    "name gets the native binary trace that the Interleave window replays.\n"
    "--capture lossless (default) never loses an event: a thread whose event ring is full\n"
    "waits for the recorder, and the wait is shown. --capture drop never slows a thread and\n"
    "counts, shows and writes every event it loses. --ring-slots: events per thread's ring\n"
    "(a power of two, 64 to 1048576; default 8192 lossless, 32768 drop).\n";

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

int run(const std::vector<std::string>& args) {
    if (args.empty()) return usageError("run needs a scenario name\n" + std::string(kUsage));
    const auto* scenario = scenarioOrError(args[0]);
    if (!scenario) return kUsageError;

    std::vector<std::string> assignments;
    std::int64_t durationMs = 3000;
    double speed = 1.0;
    std::string tracePath;
    bool wantTrace = false;
    bool quiet = false;
    ChannelConfig channel;
    bool ringGiven = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--set" && hasValue) {
            assignments.push_back(args[++i]);
        } else if (a == "--duration" && hasValue) {
            const auto d = parseDurationMs(args[++i]);
            if (!d)
                return usageError("bad duration '" + args[i] +
                                  "': give a number with its unit, e.g. 2s, 500ms, 1.5s or 1m "
                                  "(from 1 ms to 24 h)");
            durationMs = *d;
        } else if (a == "--speed" && hasValue) {
            char* end = nullptr;
            speed = std::strtod(args[++i].c_str(), &end);
            if (end == args[i].c_str() || *end != '\0' || !(speed >= 0.05 && speed <= 4.0))
                return usageError("bad speed '" + args[i] + "': allowed 0.05 to 4");
        } else if (a == "--trace" && hasValue) {
            tracePath = args[++i];
            wantTrace = true;
        } else if (a == "--capture" && hasValue) {
            const auto& m = args[++i];
            if (m == "lossless") {
                channel.capture = CaptureMode::Lossless;
            } else if (m == "drop") {
                channel.capture = CaptureMode::Drop;
            } else
                return usageError("bad capture mode '" + m + "': use lossless or drop");
        } else if (a == "--ring-slots" && hasValue) {
            char* end = nullptr;
            const auto v = std::strtoul(args[++i].c_str(), &end, 10);
            if (end == args[i].c_str() || *end != '\0' || v < 64 || v > (1u << 20) ||
                (v & (v - 1)) != 0)
                return usageError("bad ring size '" + args[i] +
                                  "': a power of two from 64 to 1048576, e.g. 8192");
            channel.ringSlots = static_cast<std::uint32_t>(v);
            ringGiven = true;
        } else if (a == "--quiet") {
            quiet = true;
        } else {
            return usageError("unknown or incomplete option '" + a + "'\n" + kUsage);
        }
    }
    if (!ringGiven)
        channel.ringSlots =
            channel.capture == CaptureMode::Drop ? kDropRingSlots : kLosslessRingSlots;
    const auto params = resolveParams(scenario->params, assignments);
    if (!params.ok()) return usageError(params.error);
    if (wantTrace)
        if (auto err = checkTracePath(tracePath); !err.empty()) return usageError(err);

    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    RunOptions options;
    options.labPath = siblingLabPath();
    options.scenario = scenario->name;
    options.assignments = assignments;
    options.channel = channel;
    Supervisor sup(options);
    try {
        sup.start();
    } catch (const std::exception& e) {
        std::cerr << "interleave-lab: could not start the run: " << e.what() << "\n";
        return 1;
    }
    sup.setSpeed(speed);
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + std::chrono::milliseconds(durationMs);
    while (!g_interrupted && std::chrono::steady_clock::now() < deadline &&
           !sup.waitFinished(std::chrono::milliseconds(10))) {
    }
    bool stoppedEarly = false;
    std::vector<std::uint32_t> deadlock;
    if (!sup.finished()) {
        // A run still going at its end: a deadlocked one can never wind down, so it ends now and
        // says so. Any other is asked to wind down (producers stop, consumers drain) so the
        // trace ends in a consistent state, for as long as it makes progress.
        deadlock = findDeadlockCycle(sup.store());
        if (deadlock.empty() && !g_interrupted) {
            sup.requestStop();
            const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(2);
            std::size_t seen = sup.store().size();
            while (!sup.waitFinished(std::chrono::milliseconds(100)) &&
                   std::chrono::steady_clock::now() < limit && !g_interrupted) {
                const auto now = sup.store().size();
                if (now == seen) break;  // no progress: stuck, not winding down
                seen = now;
            }
        }
        stoppedEarly = !sup.finished();
    }
    sup.stop();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    auto& store = sup.store();
    double writeSeconds = 0;
    std::string traceNote;
    if (wantTrace) {
        const auto estimate = estimateTraceBytes(store, tracePath);
        if (estimate > (std::uint64_t{1} << 30) && !quiet)
            std::fprintf(stderr,
                         "interleave-lab: writing a trace of about %.1f GB to %s; Ctrl-C stops "
                         "the writing and leaves no file\n",
                         static_cast<double>(estimate) / 1e9, tracePath.c_str());
        const auto writeStart = std::chrono::steady_clock::now();
        const int interruptsBefore = g_interrupted;
        // Any Ctrl-C after the one that ended the run stops the writing, whenever it came.
        const auto result = writeTraceFile(store, tracePath, [interruptsBefore] {
            return g_interrupted != interruptsBefore || g_interrupted >= 2;
        });
        writeSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - writeStart).count();
        if (!result.error.empty()) {
            std::cerr << "interleave-lab: " << result.error << "\n";
            return 1;
        }
        traceNote = result.cancelled ? "; interrupted while writing: no trace written"
                                     : "; trace written to " + tracePath;
    }
    const auto status = sup.labStatus();
    if (!quiet) {
        std::string deadlockText;
        for (const auto actor : deadlock) {
            for (const auto& a : store.actors())
                if (a.id == actor) deadlockText += (deadlockText.empty() ? "" : " -> ") + a.name;
        }
        const auto l = store.losses();
        std::fprintf(
            stderr,
            "%s: %zu events from %zu actors in %.2f s, %llu lost (capture %s, %llu "
            "waits); lab %s%s%s%s",
            scenario->name.c_str(), store.size(), store.actors().size(), seconds,
            static_cast<unsigned long long>(store.totalDropped()),
            channel.capture == CaptureMode::Lossless ? "lossless" : "drop",
            static_cast<unsigned long long>(l.ringWaits),
            status ? exitStatusText(*status).c_str() : "status unknown",
            deadlock.empty()
                ? ""
                : ("; deadlocked: " + deadlockText + " -> " +
                   deadlockText.substr(0, deadlockText.find(" -> ")) + ", ended at its duration")
                      .c_str(),
            g_interrupted                      ? " (interrupted: stopped at once)"
            : stoppedEarly && deadlock.empty() ? " (stopped by signal: it did not wind down)"
                                               : "",
            traceNote.c_str());
        if (wantTrace) std::fprintf(stderr, " (writing took %.2f s)", writeSeconds);
        std::fprintf(stderr, "\n");
        if (l.any())
            std::fprintf(stderr,
                         "  also lost: %u threads got no actor slot (%llu of their events), %u "
                         "forks failed, %u objects and %u names did not fit their tables\n",
                         l.actorsRefused, static_cast<unsigned long long>(l.eventsUntraced),
                         l.forksFailed, l.objectsRefused, l.stringsRefused);
    }
    if (g_interrupted) return 130;  // as a shell reports a command ended by Ctrl-C
    // The run failing by itself is an error; being stopped by us is not.
    if (status && !stoppedEarly && *status != exitStatusExited(0)) return 1;
    return 0;
}

int info(const std::string& path) {
    const auto loaded = loadNativeTrace(path);
    if (!loaded.store) {
        std::cerr << "interleave-lab: " << loaded.error << "\n";
        return 1;
    }
    const auto& s = *loaded.store;
    std::printf("%zu events, %zu actors, %zu objects, %llu dropped\n", s.size(), s.actors().size(),
                s.objects().size(), static_cast<unsigned long long>(s.totalDropped()));
    const auto order = s.timeOrder();
    if (!order.empty())
        std::printf("time base %s; events from %.3f ms to %.3f ms\n",
                    s.timeBase().usesTsc ? "TSC" : "CLOCK_MONOTONIC",
                    static_cast<double>(s.ns(order.front())) / 1e6,
                    static_cast<double>(s.ns(order.back())) / 1e6);
    for (const auto& a : s.actors())
        std::printf("  actor %u: %s pid %d tid %d, %zu events\n", a.id, a.name.c_str(), a.pid,
                    a.tid, s.actorEventCount(a.id));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kUsage;
        return kUsageError;
    }
    const auto cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "__engine") return runLabEngine(rest);
    if (cmd == "list") return list();
    if (cmd == "describe")
        return rest.size() == 1 ? describe(rest[0])
                                : usageError("describe needs one scenario name");
    if (cmd == "run") return run(rest);
    if (cmd == "info")
        return rest.size() == 1 ? info(rest[0]) : usageError("info needs one trace file");
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        std::cout << kUsage;
        return 0;
    }
    return usageError("unknown command '" + cmd + "'\n" + kUsage);
}
