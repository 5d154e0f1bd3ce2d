#include "core/trace/schedule_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/schema/sys_text.h"
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
    if (path.empty()) {
        error =
            "the schedule path is empty: give manual, a saved run (.ilt) or a schedule "
            "(.json), e.g. --schedule manual";
        return std::nullopt;
    }
    // O_NONBLOCK: a FIFO is refused at once instead of waiting for a writer; fstat on the open
    // file, so what is checked is what is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = path + ": " + errnoText("cannot be opened");
        return std::nullopt;
    }
    struct stat st {};
    std::string why;
    if (fstat(fd, &st) != 0)
        why = errnoText("cannot be examined");
    else if (S_ISDIR(st.st_mode))
        why = "is a directory, not a schedule";
    else if (!S_ISREG(st.st_mode))
        why =
            "is not a regular file (a device, FIFO or socket); give a saved run (.ilt) or a "
            "schedule (.json)";
    // A saved run starts with the native trace's magic; anything else is read as JSON.
    std::string text;
    bool native = false;
    if (why.empty()) {
        const auto size = static_cast<std::uint64_t>(st.st_size);
        char magic[8] = {};
        native = size >= sizeof magic && ::pread(fd, magic, sizeof magic, 0) == sizeof magic &&
                 std::memcmp(magic, "ILVTRACE", sizeof magic) == 0;
        if (!native && size > kMaxScheduleBytes) {
            why = "is too large for a schedule (" + std::to_string(size) +
                  " bytes; a schedule is a small JSON file or a saved run)";
        } else if (!native) {
            text.resize(static_cast<std::size_t>(size));
            std::size_t got = 0;
            while (got < text.size()) {
                const auto n = ::read(fd, text.data() + got, text.size() - got);
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) {
                    why = errnoText("cannot be read");
                    break;
                }
                if (n == 0) break;
                got += static_cast<std::size_t>(n);
            }
            text.resize(got);
        }
    }
    ::close(fd);
    if (!why.empty()) {
        error = path + ": " + why;
        return std::nullopt;
    }
    if (native) {
        // A saved run, whose steps are its granted checkpoints.
        auto load = loadNativeTrace(path);
        if (!load.store) {
            error = "a saved run that cannot be read: " + load.error;
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
    if (nlohmann::json::parse(text, nullptr, false).is_discarded()) {
        error = path +
                ": neither a schedule (JSON) nor a saved run (.ilt); a schedule looks like "
                "{\"scenario\": \"race-condition\", \"steps\": [\"thread 1\", \"thread 2\"]}";
        return std::nullopt;
    }
    auto s = parseScheduleJson(text, error);
    if (!s) error = path + ": " + error;
    return s;
}

}  // namespace interleave
