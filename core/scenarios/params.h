#pragma once
// Typed scenario parameters: a schema per scenario, and the values chosen for one run.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace interleave {

enum class ParamType { Int, Choice };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::Int;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::int64_t defaultInt = 0;
    std::vector<std::string> choices;  // Choice only; the first is the default
    std::string unit;                  // "ms", "" ...
    std::string help;

    static ParamSpec integer(std::string name, std::int64_t min, std::int64_t max, std::int64_t def,
                             std::string unit, std::string help);
    static ParamSpec choice(std::string name, std::vector<std::string> choices, std::string help);

    std::string defaultText() const;
    std::string rangeText() const;  // "1..16" or "condvar | semaphore"
};

class ParamValues {
  public:
    std::int64_t integer(std::string_view name) const;
    const std::string& choice(std::string_view name) const;
    void set(const std::string& name, std::string value) { m_values[name] = std::move(value); }
    const std::map<std::string, std::string, std::less<>>& all() const { return m_values; }

  private:
    std::map<std::string, std::string, std::less<>> m_values;  // canonical text of each value
};

// Checks one value against its spec. Returns an error message that names the parameter, the
// value and what is allowed; nullopt when the value is fine.
std::optional<std::string> validateParam(const ParamSpec& spec, std::string_view value);

struct ParamParseResult {
    ParamValues values;
    std::string error;  // empty on success
    bool ok() const { return error.empty(); }
};

// Starts from the defaults and applies "name=value" assignments in order.
ParamParseResult resolveParams(const std::vector<ParamSpec>& specs,
                               const std::vector<std::string>& assignments);

// "2s", "500ms", "1.5s", "3" (seconds). nullopt when malformed or not in (0, 1 day].
std::optional<std::int64_t> parseDurationMs(std::string_view text);

}  // namespace interleave
