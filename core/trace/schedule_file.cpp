#include "core/trace/schedule_file.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/trace/trace_native.h"

namespace interleave {
namespace {

constexpr std::size_t kMaxScheduleBytes = 16u << 20;
constexpr std::size_t kMaxSteps = 1'000'000;

}  // namespace

std::optional<ScheduleFile> parseScheduleJson(const std::string& text, std::string& error) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "not a schedule: expected a JSON object with \"scenario\" and \"steps\"";
        return std::nullopt;
    }
    ScheduleFile s;
    const auto scenario = j.find("scenario");
    if (scenario == j.end() || !scenario->is_string() || scenario->get<std::string>().empty()) {
        error = "the schedule names no scenario (\"scenario\": \"race-condition\")";
        return std::nullopt;
    }
    s.scenario = scenario->get<std::string>();
    if (const auto p = j.find("parameters"); p != j.end()) {
        if (!p->is_object()) {
            error = "\"parameters\" must be an object of name: value";
            return std::nullopt;
        }
        for (const auto& [name, value] : p->items()) {
            if (!value.is_string() && !value.is_number()) {
                error = "parameter '" + name + "' must be a string or a number";
                return std::nullopt;
            }
            s.parameters.emplace_back(name,
                                      value.is_string() ? value.get<std::string>() : value.dump());
        }
    }
    const auto steps = j.find("steps");
    if (steps == j.end() || !steps->is_array() || steps->size() > kMaxSteps) {
        error = "the schedule has no \"steps\" list (actor names, one per step)";
        return std::nullopt;
    }
    for (const auto& step : *steps) {
        if (!step.is_string() || step.get<std::string>().empty()) {
            error = "every step must be an actor's name, such as \"thread 1\"";
            return std::nullopt;
        }
        s.steps.push_back(parseScheduledActor(step.get<std::string>()));
    }
    return s;
}

std::string scheduleJson(const ScheduleFile& schedule) {
    nlohmann::json j;
    j["scenario"] = schedule.scenario;
    j["parameters"] = nlohmann::json::object();
    for (const auto& [name, value] : schedule.parameters)
        j["parameters"][name] = value;
    j["steps"] = nlohmann::json::array();
    for (const auto& step : schedule.steps)
        j["steps"].push_back(scheduledActorText(step));
    return j.dump(1) + "\n";
}

std::optional<ScheduleFile> loadScheduleFile(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path;
        return std::nullopt;
    }
    std::string head(8, '\0');
    in.read(head.data(), 8);
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.find('{') == std::string::npos) {
        // Not JSON: a saved run, whose steps are its granted checkpoints.
        auto load = loadNativeTrace(path);
        if (!load.store) {
            error = path + ": neither a schedule (JSON) nor a saved run: " + load.error;
            return std::nullopt;
        }
        ScheduleFile s;
        s.scenario = load.description.scenario;
        s.parameters = load.description.parameters;
        s.steps = scheduleFromEvents(*load.store);
        if (s.scenario.empty()) {
            error = path + " does not say which scenario it ran (an older trace)";
            return std::nullopt;
        }
        if (s.steps.empty()) {
            error = path + " was not scheduled by hand: it has no steps to replay";
            return std::nullopt;
        }
        return s;
    }
    std::ostringstream text;
    in.seekg(0);
    text << in.rdbuf();
    if (text.str().size() > kMaxScheduleBytes) {
        error = path + " is too large for a schedule";
        return std::nullopt;
    }
    auto s = parseScheduleJson(text.str(), error);
    if (!s) error = path + ": " + error;
    return s;
}

}  // namespace interleave
