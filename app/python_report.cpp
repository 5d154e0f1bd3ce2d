#include "app/python_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "core/analysis/samples.h"
#include "core/analysis/speedup.h"
#include "core/supervise/python_baseline.h"
#include "core/supervise/python_compare.h"

namespace interleave {
namespace {

// Real CPython's speedups on the same workload, beside the GIL model's and the processes'.
void printSpeedupComparison(const EventStore& store, const ParamValues& p) {
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

std::string gilText(const std::optional<bool>& gil) {
    return !gil ? "GIL unknown" : *gil ? "GIL enabled" : "GIL disabled (free-threaded)";
}

// Starting a thread, a process and a program: CPython's medians beside the engine's (C++ on the
// same kernel), and how many times more CPython's cost.
void printCreationComparison(const EventStore& store, const ParamValues& p) {
    std::string error;
    const int samples = static_cast<int>(std::min<std::int64_t>(p.integer("samples"), 200));
    std::fprintf(stderr,
                 "  measuring real Python (threading, multiprocessing, subprocess), %d "
                 "times each...\n",
                 samples);
    const auto python = runPythonCreationCost(samples, error);
    if (!python) {
        std::fprintf(stderr, "  no comparison with real Python: %s\n", error.c_str());
        return;
    }
    std::map<std::string, double> ours;  // by the engine's series name: median µs
    for (const auto& s : sampleSeries(store))
        if (!s.ns.empty()) ours[s.name] = s.median / 1e3;
    struct Row {
        const char* python;
        const char* label;
        const char* engine;  // the engine's series it compares with
    };
    const Row rows[] = {
        {"thread", "threading.Thread start + join", "thread: create + join"},
        {"fork", "multiprocessing (fork) start + join", "process: fork + wait"},
        {"spawn", "multiprocessing (spawn) start + join", "process: fork + wait"},
        {"program", "subprocess.run(['true'])", "program: posix_spawn + wait"},
    };
    std::fprintf(stderr, "  real CPython %s, %s: median (ours, CPython's cost / ours)\n",
                 python->version.c_str(), gilText(python->gilEnabled).c_str());
    for (const auto& r : rows) {
        const double py = median(python->samplesUs.at(r.python));
        std::fprintf(stderr, "  %-38s %9.1f µs", r.label, py);
        if (const auto it = ours.find(r.engine); it != ours.end() && it->second > 0)
            std::fprintf(stderr, "   (%s: %.1f µs, %.1fx)", r.engine, it->second, py / it->second);
        std::fprintf(stderr, "\n");
    }
}

// What CPython's own threads lose, written the classic way and with a call between the read and
// the write, beside the run's losses.
void printRaceComparison(const ParamValues& p) {
    std::string error;
    const int threads = static_cast<int>(p.integer("threads"));
    const int increments = 100'000;
    std::fprintf(stderr,
                 "  measuring real Python: %d threading threads adding 1 %d times each, "
                 "three times each way...\n",
                 threads, increments);
    const auto python = runPythonRace(threads, increments, 3, error);
    if (!python) {
        std::fprintf(stderr, "  no comparison with real Python: %s\n", error.c_str());
        return;
    }
    const auto lost = [&](const std::vector<long long>& got) {
        std::string out;
        for (const auto g : got)
            out += (out.empty() ? "" : ", ") + std::to_string(python->expected - g);
        return out;
    };
    std::fprintf(stderr, "  real CPython %s, %s: updates lost of %lld, in each run\n",
                 python->version.c_str(), gilText(python->gilEnabled).c_str(), python->expected);
    std::fprintf(stderr, "  %-40s %s\n", "counter += 1", lost(python->plain).c_str());
    std::fprintf(stderr, "  %-40s %s\n", "counter = add_one(counter)", lost(python->call).c_str());
    std::fprintf(stderr,
                 "  (CPython 3.10+ with its GIL switches threads only at some instructions, "
                 "such as a call's start: none falls between the read and the write of "
                 "`counter += 1`, one does in `add_one`. A free-threaded build loses both "
                 "ways.)\n");
}

}  // namespace

bool comparesWithPython(const Scenario& scenario) {
    return scenario.name == "cpu-vs-io" || scenario.name == "creation-cost" ||
           scenario.name == "race-condition";
}

void printPythonComparison(const EventStore& store, const Scenario& scenario,
                           const ParamValues& p) {
    if (scenario.name == "cpu-vs-io") printSpeedupComparison(store, p);
    if (scenario.name == "creation-cost") printCreationComparison(store, p);
    if (scenario.name == "race-condition") printRaceComparison(p);
}

}  // namespace interleave
