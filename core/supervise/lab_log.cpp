#include "core/supervise/lab_log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

namespace interleave {

namespace {
constexpr std::string_view kNames[] = {"trace", "debug",    "info", "warn",
                                       "error", "critical", "off"};
}  // namespace

std::optional<LogLevel> parseLogLevel(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kNames); ++i)
        if (name == kNames[i] && name != "critical") return static_cast<LogLevel>(i);
    return std::nullopt;
}

std::string_view logLevelName(LogLevel level) {
    const auto i = static_cast<std::size_t>(level);
    return i < std::size(kNames) ? kNames[i] : std::string_view("?");
}

std::vector<std::string> logLevelChoices() {
    std::vector<std::string> out;
    for (const auto name : kNames)
        if (parseLogLevel(name)) out.emplace_back(name);
    return out;
}

std::string logLevelChoiceText() {
    const auto names = logLevelChoices();
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

void setupLabLogging(LogLevel level, const std::string& filePath) {
    // Plain (not colour) stderr: the reader is a program. Unsynchronised sinks would do for one
    // thread, but scenario threads may log too.
    auto err = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    err->set_pattern("%l|%v");
    std::vector<spdlog::sink_ptr> sinks{err};
    if (!filePath.empty()) {
        auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(filePath, true);
        file->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] pid %P: %v");
        sinks.push_back(file);
    }
    auto logger = std::make_shared<spdlog::logger>("lab", sinks.begin(), sinks.end());
    logger->set_level(level);
    logger->flush_on(LogLevel::trace);  // every line reaches the window while the run goes on
    spdlog::set_default_logger(logger);
}

LabLogLine parseLabLogLine(std::string_view line, std::int64_t ns) {
    LabLogLine out;
    out.ns = ns;
    const auto bar = line.find('|');
    if (bar != std::string_view::npos && bar <= 8) {
        // spdlog's own short names ("warning", "critical") and ours.
        const auto name = line.substr(0, bar);
        const auto level = name == "warning"    ? std::optional(LogLevel::warn)
                           : name == "critical" ? std::optional(LogLevel::critical)
                                                : parseLogLevel(name);
        if (level && *level != LogLevel::off) {
            out.level = *level;
            out.text = std::string(line.substr(bar + 1));
            return out;
        }
    }
    out.text = std::string(line);
    return out;
}

}  // namespace interleave
