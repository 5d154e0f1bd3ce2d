#pragma once
// Real CPython beside cpu-vs-io: a bundled script (resources/python/cpu_vs_io.py, compiled into
// the program) measures threading and multiprocessing on the same workload shape on this
// machine. Its points are CPython's own: "threads" are threading threads, under CPython's GIL on
// a default build (beside the GIL model's), without it on a free-threaded one; "processes" are
// multiprocessing's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/analysis/speedup.h"

namespace interleave {

struct PythonBaseline {
    std::string version;  // "3.11.7"
    // Whether that interpreter ran with the GIL (sys._is_gil_enabled()); nullopt when the output
    // did not say. A free-threaded build (PEP 703, PEP 779) without it computes on several cores.
    std::optional<bool> gilEnabled;
    int cores = 0;
    std::vector<SpeedupPoint> points;  // executors Sequential, GilThreads, Processes
};

std::string_view pythonCpuVsIoScript();

// "CPython 3.13.1, GIL enabled": the interpreter measured, as the chart and the command line
// name it.
std::string pythonBaselineLabel(const PythonBaseline& python);

// python3's path, or empty when there is none (INTERLEAVE_PYTHON overrides the search).
std::string findPython();

// Reads the script's JSON; nullopt, with `error` saying what is wrong, for anything else.
std::optional<PythonBaseline> parsePythonBaseline(const std::string& json, std::string& error);

// Runs a bundled script with python3 and `args` (numbers and fixed words only) and returns what
// it printed; nullopt, with `error` saying why, when python3 is missing or the script fails.
std::optional<std::string> runPythonScript(std::string_view script,
                                           const std::vector<std::string>& args,
                                           std::string& error);

// The script's "gil" field ("enabled", "disabled"); nullopt when absent; throws when it is
// something else.
std::optional<bool> parseGilState(const nlohmann::json& j);

// Runs the script with python3 (blocks for as long as it measures: seconds); nullopt, with
// `error` saying why, when python3 is missing or the script fails.
std::optional<PythonBaseline> runPythonBaseline(const std::string& workload, int maxWorkers,
                                                int taskMs, int repetitions, std::string& error);

}  // namespace interleave
