#pragma once
// Real CPython beside creation-cost and race-condition (`--compare-python`): bundled scripts
// (resources/python/creation_cost.py, race_condition.py, compiled in) measure the same things
// with threading, multiprocessing and subprocess on this machine.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace interleave {

struct PythonCreationCost {
    std::string version;
    std::optional<bool> gilEnabled;
    // "thread", "fork", "spawn", "program": start to end of each, in µs, every sample.
    std::map<std::string, std::vector<double>> samplesUs;
};

struct PythonRace {
    std::string version;
    std::optional<bool> gilEnabled;
    long long expected = 0;        // threads × increments
    std::vector<long long> plain;  // the final counter of each `counter += 1` run
    std::vector<long long> call;   // ... of each `counter = add_one(counter)` run
};

std::optional<PythonCreationCost> parsePythonCreationCost(const std::string& json,
                                                          std::string& error);
std::optional<PythonRace> parsePythonRace(const std::string& json, std::string& error);

// Run with python3 (seconds); nullopt with `error` when python3 is missing or fails.
std::optional<PythonCreationCost> runPythonCreationCost(int samples, std::string& error);
std::optional<PythonRace> runPythonRace(int threads, int increments, int repetitions,
                                        std::string& error);

}  // namespace interleave
