#include "core/supervise/python_compare.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/supervise/python_baseline.h"

namespace interleave {

extern const char* const kPythonCreationCostScript;   // resources/python/creation_cost.py
extern const char* const kPythonRaceConditionScript;  // resources/python/race_condition.py

namespace {

// The JSON object the script printed, or nullopt with `error`.
std::optional<nlohmann::json> objectOf(const std::string& text, std::string& error) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "the Python script's output is not a JSON object";
        return std::nullopt;
    }
    return j;
}

}  // namespace

std::optional<PythonCreationCost> parsePythonCreationCost(const std::string& text,
                                                          std::string& error) {
    const auto j = objectOf(text, error);
    if (!j) return std::nullopt;
    PythonCreationCost out;
    try {
        out.version = j->at("python").get<std::string>();
        out.gilEnabled = parseGilState(*j);
        for (const char* name : {"thread", "fork", "spawn", "program"}) {
            auto samples = j->at("series").at(name).get<std::vector<double>>();
            if (samples.empty()) throw std::invalid_argument(std::string("no ") + name + " sample");
            out.samplesUs[name] = std::move(samples);
        }
    } catch (const std::exception& e) {
        error = std::string("the Python script's output is incomplete (") + e.what() + ")";
        return std::nullopt;
    }
    return out;
}

std::optional<PythonRace> parsePythonRace(const std::string& text, std::string& error) {
    const auto j = objectOf(text, error);
    if (!j) return std::nullopt;
    PythonRace out;
    try {
        out.version = j->at("python").get<std::string>();
        out.gilEnabled = parseGilState(*j);
        out.expected = j->at("expected").get<long long>();
        out.plain = j->at("plain").get<std::vector<long long>>();
        out.call = j->at("call").get<std::vector<long long>>();
        if (out.plain.empty() || out.call.empty()) throw std::invalid_argument("no run");
    } catch (const std::exception& e) {
        error = std::string("the Python script's output is incomplete (") + e.what() + ")";
        return std::nullopt;
    }
    return out;
}

std::optional<PythonCreationCost> runPythonCreationCost(int samples, std::string& error) {
    const auto output =
        runPythonScript(kPythonCreationCostScript, {"--samples", std::to_string(samples)}, error);
    if (!output) return std::nullopt;
    return parsePythonCreationCost(*output, error);
}

std::optional<PythonRace> runPythonRace(int threads, int increments, int repetitions,
                                        std::string& error) {
    const auto output =
        runPythonScript(kPythonRaceConditionScript,
                        {"--threads", std::to_string(threads), "--increments",
                         std::to_string(increments), "--reps", std::to_string(repetitions)},
                        error);
    if (!output) return std::nullopt;
    return parsePythonRace(*output, error);
}

}  // namespace interleave
