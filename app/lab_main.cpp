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

#include "core/lab_engine.h"
#include "core/params.h"
#include "core/scenario.h"
#include "core/supervisor.h"
#include "core/trace_chrome.h"
#include "core/trace_native.h"

using namespace interleave;

namespace {

constexpr int kUsageError = 2;
volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int) {
    g_interrupted = 1;
}

const char* kUsage =
    "usage: interleave-lab list\n"
    "       interleave-lab describe SCENARIO\n"
    "       interleave-lab run SCENARIO [--set NAME=VALUE]... [--duration 3s] [--speed 1]\n"
    "                                   [--trace FILE.json | FILE.ilt] [--quiet]\n"
    "       interleave-lab info FILE.ilt\n"
    "A trace ending in .json is Chrome Trace Event format (open it in Perfetto); any other\n"
    "name gets the native binary trace that the Interleave window replays.\n";

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

// Checks up front that the trace can be written, so a long run is not wasted. Leaves nothing
// behind: a file created for the check is removed again.
std::string checkWritable(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return "'" + path + "' is a directory";
        if (access(path.c_str(), W_OK) != 0)
            return "cannot write '" + path + "': " + std::strerror(errno);
        return {};
    }
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return "cannot create '" + path + "': " + std::strerror(errno);
    close(fd);
    unlink(path.c_str());
    return {};
}

std::string statusText(std::int64_t status) {
    return exitWasSignal(status) ? "killed by signal " + std::to_string(exitCodeOrSignal(status))
                                 : "exit status " + std::to_string(exitCodeOrSignal(status));
}

int run(const std::vector<std::string>& args) {
    if (args.empty()) return usageError("run needs a scenario name\n" + std::string(kUsage));
    const auto* scenario = scenarioOrError(args[0]);
    if (!scenario) return kUsageError;

    std::vector<std::string> assignments;
    std::int64_t durationMs = 3000;
    double speed = 1.0;
    std::string tracePath;
    bool quiet = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--set" && hasValue) {
            assignments.push_back(args[++i]);
        } else if (a == "--duration" && hasValue) {
            const auto d = parseDurationMs(args[++i]);
            if (!d)
                return usageError("bad duration '" + args[i] +
                                  "': use e.g. 2s, 500ms or 1.5s (from 1 ms to 24 h)");
            durationMs = *d;
        } else if (a == "--speed" && hasValue) {
            char* end = nullptr;
            speed = std::strtod(args[++i].c_str(), &end);
            if (end == args[i].c_str() || *end != '\0' || !(speed >= 0.05 && speed <= 4.0))
                return usageError("bad speed '" + args[i] + "': allowed 0.05 to 4");
        } else if (a == "--trace" && hasValue) {
            tracePath = args[++i];
        } else if (a == "--quiet") {
            quiet = true;
        } else {
            return usageError("unknown or incomplete option '" + a + "'\n" + kUsage);
        }
    }
    const auto params = resolveParams(scenario->params, assignments);
    if (!params.ok()) return usageError(params.error);
    if (!tracePath.empty())
        if (auto err = checkWritable(tracePath); !err.empty()) return usageError(err);

    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    RunOptions options;
    options.labPath = siblingLabPath();
    options.scenario = scenario->name;
    options.assignments = assignments;
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
    if (!sup.finished()) {
        // Ask the scenario to wind down (producers stop, consumers drain), so the trace ends in a
        // consistent state; a deadlocked run cannot, and is ended by signal.
        sup.requestStop();
        const auto grace = g_interrupted ? std::chrono::milliseconds(300) : std::chrono::seconds(2);
        stoppedEarly = !sup.waitFinished(grace);
    }
    sup.stop();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    auto& store = sup.store();
    if (!tracePath.empty()) {
        std::string err;
        if (tracePath.ends_with(".json")) {
            std::ofstream out(tracePath, std::ios::trunc);
            writeChromeTrace(store, out);
            out.close();
            if (!out) err = "writing " + tracePath + " failed";
        } else {
            err = writeNativeTrace(store, tracePath);
        }
        if (!err.empty()) {
            std::cerr << "interleave-lab: " << err << "\n";
            return 1;
        }
    }
    const auto status = sup.labStatus();
    if (!quiet) {
        std::fprintf(stderr,
                     "%s: %zu events from %zu actors in %.2f s, %llu dropped; lab %s%s%s%s\n",
                     scenario->name.c_str(), store.size(), store.actors().size(), seconds,
                     static_cast<unsigned long long>(store.totalDropped()),
                     status ? statusText(*status).c_str() : "status unknown",
                     stoppedEarly ? " (stopped by signal: it did not wind down)" : "",
                     tracePath.empty() ? "" : "; trace written to ", tracePath.c_str());
    }
    // The run failing by itself is an error; being stopped by us is not.
    if (status && !stoppedEarly && !g_interrupted && *status != exitStatusExited(0)) return 1;
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
