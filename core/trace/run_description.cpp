#include "core/trace/run_description.h"

#include <nlohmann/json.hpp>
#include <thread>

namespace interleave {

using json = nlohmann::json;

RunDescription describeRun(std::string scenario,
                           std::vector<std::pair<std::string, std::string>> parameters,
                           double speed) {
    RunDescription d;
    d.scenario = std::move(scenario);
    d.parameters = std::move(parameters);
    d.program = std::string("interleave ") + INTERLEAVE_VERSION;
    d.cores = std::thread::hardware_concurrency();
    d.speed = speed;
    return d;
}

std::string runDescriptionJson(const RunDescription& d) {
    json params = json::array();
    for (const auto& [name, value] : d.parameters)
        params.push_back({{"name", name}, {"value", value}});
    json notes = json::array();
    for (const auto& a : d.annotations)
        notes.push_back({{"ns", a.ns}, {"actor", a.actor}, {"text", a.text}});
    json pauses = json::array();
    for (const auto& p : d.pauses)
        pauses.push_back({p.beginNs, p.endNs});
    // Invalid UTF-8 (a name from a hostile file, say) is replaced rather than thrown on.
    return json{{"scenario", d.scenario}, {"parameters", params}, {"program", d.program},
                {"cores", d.cores},       {"speed", d.speed},     {"duration_ns", d.durationNs},
                {"annotations", notes},   {"pauses", pauses}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<RunDescription> parseRunDescription(const std::string& text, std::string& error) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "the run's description is not a JSON object";
        return std::nullopt;
    }
    RunDescription d;
    try {
        d.scenario = j.at("scenario").get<std::string>();
        for (const auto& p : j.at("parameters"))
            d.parameters.emplace_back(p.at("name").get<std::string>(),
                                      p.at("value").get<std::string>());
        d.program = j.at("program").get<std::string>();
        d.cores = j.at("cores").get<std::uint32_t>();
        d.speed = j.at("speed").get<double>();
        d.durationNs = j.at("duration_ns").get<std::int64_t>();
        for (const auto& a : j.at("annotations"))
            d.annotations.push_back(Annotation{a.at("ns").get<std::int64_t>(),
                                               a.at("actor").get<std::uint32_t>(),
                                               a.at("text").get<std::string>()});
        // Written since the first description; an older description has none.
        if (j.contains("pauses"))
            for (const auto& p : j.at("pauses"))
                d.pauses.push_back(
                    PauseStretch{p.at(0).get<std::int64_t>(), p.at(1).get<std::int64_t>()});
    } catch (const json::exception& e) {
        error = std::string("the run's description is incomplete or corrupt (") + e.what() + ")";
        return std::nullopt;
    }
    if (d.durationNs < 0 || !(d.speed > 0)) {
        error = "the run's description has a negative duration or speed";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < d.pauses.size(); ++i)
        if (d.pauses[i].beginNs < 0 || d.pauses[i].endNs < d.pauses[i].beginNs ||
            (i > 0 && d.pauses[i].beginNs < d.pauses[i - 1].endNs)) {
            error =
                "the run's description has a pause that ends before it begins or overlaps "
                "another";
            return std::nullopt;
        }
    return d;
}

}  // namespace interleave
