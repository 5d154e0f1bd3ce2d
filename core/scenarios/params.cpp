#include "core/scenarios/params.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace interleave {
namespace {

std::optional<std::int64_t> parseInt(std::string_view text) {
    std::int64_t v = 0;
    const auto* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end || text.empty()) return std::nullopt;
    return v;
}

}  // namespace

ParamSpec ParamSpec::integer(std::string name, std::int64_t min, std::int64_t max, std::int64_t def,
                             std::string unit, std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Int;
    s.min = min;
    s.max = max;
    s.defaultInt = def;
    s.unit = std::move(unit);
    s.help = std::move(help);
    return s;
}

ParamSpec ParamSpec::choice(std::string name, std::vector<std::string> choices, std::string help) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Choice;
    s.choices = std::move(choices);
    s.help = std::move(help);
    return s;
}

std::string ParamSpec::defaultText() const {
    return type == ParamType::Int ? std::to_string(defaultInt) : choices.front();
}

std::string ParamSpec::rangeText() const {
    if (type == ParamType::Int) return std::to_string(min) + ".." + std::to_string(max);
    std::string out;
    for (const auto& c : choices)
        out += (out.empty() ? "" : " | ") + c;
    return out;
}

std::optional<std::string> validateParam(const ParamSpec& spec, std::string_view value) {
    const std::string shown = "parameter '" + spec.name + "' = '" + std::string(value) + "'";
    if (spec.type == ParamType::Int) {
        const auto v = parseInt(value);
        if (!v) return shown + " is not a whole number; allowed: " + spec.rangeText();
        if (*v < spec.min || *v > spec.max)
            return shown + " is out of range; allowed: " + spec.rangeText() +
                   (spec.unit.empty() ? "" : " " + spec.unit);
        return std::nullopt;
    }
    for (const auto& c : spec.choices)
        if (c == value) return std::nullopt;
    return shown + " is not one of: " + spec.rangeText();
}

std::int64_t ParamValues::integer(std::string_view name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) throw std::out_of_range("no parameter " + std::string(name));
    return *parseInt(it->second);
}

const std::string& ParamValues::choice(std::string_view name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) throw std::out_of_range("no parameter " + std::string(name));
    return it->second;
}

ParamParseResult resolveParams(const std::vector<ParamSpec>& specs,
                               const std::vector<std::string>& assignments) {
    ParamParseResult r;
    for (const auto& s : specs)
        r.values.set(s.name, s.defaultText());
    for (const auto& a : assignments) {
        const auto eq = a.find('=');
        if (eq == std::string::npos || eq == 0) {
            r.error = "'" + a + "' is not of the form name=value";
            return r;
        }
        const auto name = a.substr(0, eq);
        const auto value = a.substr(eq + 1);
        const ParamSpec* spec = nullptr;
        for (const auto& s : specs)
            if (s.name == name) spec = &s;
        if (!spec) {
            std::string known;
            for (const auto& s : specs)
                known += (known.empty() ? "" : ", ") + s.name;
            r.error = "unknown parameter '" + name + "'; this scenario has: " + known;
            return r;
        }
        if (auto err = validateParam(*spec, value)) {
            r.error = *err;
            return r;
        }
        r.values.set(name, value);
    }
    return r;
}

std::optional<std::int64_t> parseDurationMs(std::string_view text) {
    double scale = 1000.0;
    if (text.ends_with("ms")) {
        scale = 1.0;
        text.remove_suffix(2);
    } else if (text.ends_with("s")) {
        text.remove_suffix(1);
    } else if (text.ends_with("m")) {
        scale = 60'000.0;
        text.remove_suffix(1);
    } else {
        return std::nullopt;  // a bare number is ambiguous (seconds? ms?): the unit is required
    }
    double v = 0;
    const auto* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
    const double ms = v * scale;
    if (ms < 1.0 || ms > 86'400'000.0) return std::nullopt;
    return static_cast<std::int64_t>(ms);
}

}  // namespace interleave
