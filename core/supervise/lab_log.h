#pragma once
// The lab's log. The lab writes through spdlog to its stderr, which the supervisor reads
// through a pipe, one "level|text" line per message, and, when asked, to a file with
// timestamps. The supervisor parses each line back (LabLogLine) so a terminal prints it and the
// window shows it in its log panel instead of losing it.

#include <spdlog/common.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

using LogLevel = spdlog::level::level_enum;

// "trace", "debug", "info", "warn", "error" or "off"; nullopt for anything else.
std::optional<LogLevel> parseLogLevel(std::string_view name);
std::string_view logLevelName(LogLevel level);
// The names a user may give, in order (every level but "critical"), and the same as a phrase for
// help texts and errors: "trace, debug, info, warn, error or off". The CLI, the window's
// command line and parseLogLevel all take them from here.
std::vector<std::string> logLevelChoices();
std::string logLevelChoiceText();

// In the lab process: the default logger writes "level|text" lines to stderr and, when
// `filePath` is not empty, timestamped lines to that file. Throws spdlog::spdlog_ex when the
// file cannot be opened.
void setupLabLogging(LogLevel level, const std::string& filePath);

struct LabLogLine {
    std::int64_t ns = 0;  // when the supervisor read it, on the run's clock
    LogLevel level = LogLevel::warn;
    std::string text;
};

// One line the lab wrote to stderr. A line not in "level|text" form (a crash report, a
// forked child's own output) is kept whole, as a warning: nothing the lab says is dropped.
LabLogLine parseLabLogLine(std::string_view line, std::int64_t ns);

}  // namespace interleave
