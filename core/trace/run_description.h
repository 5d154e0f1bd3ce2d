#pragma once
// What a saved run says about itself besides its events: the scenario and the parameter values
// it ran with, the program and machine that recorded it, how long it ran, and the notes pinned
// to its events. A replay shows the run as it was, not whatever the window had selected.
// Stored in a trace as one JSON object (native traces from version 9; Chrome traces in
// otherData.run).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace interleave {

// A short note pinned to a moment of one actor's lane.
struct Annotation {
    std::int64_t ns = 0;
    std::uint32_t actor = 0;
    std::string text;
    bool operator==(const Annotation&) const = default;
};

// A stretch of the run's clock during which the teacher had it paused: the timeline shows it
// veiled in a replay too, so that a gap in the events is not taken for something the run did.
struct PauseStretch {
    std::int64_t beginNs = 0;
    std::int64_t endNs = 0;
    bool operator==(const PauseStretch&) const = default;
};

struct RunDescription {
    std::string scenario;  // empty: the trace does not say (written before version 9)
    std::vector<std::pair<std::string, std::string>> parameters;  // name, value; every one
    std::string program;                                          // "interleave 0.1.0"
    std::uint32_t cores = 0;                                      // of the recording machine
    double speed = 1;
    std::int64_t durationNs = 0;  // how long it ran: from its start to its end, pauses left out
    std::vector<Annotation> annotations;
    std::vector<PauseStretch> pauses;  // in time order; older descriptions have none
    bool operator==(const RunDescription&) const = default;
};

// A description of a run of `scenario` on this machine by this program.
RunDescription describeRun(std::string scenario,
                           std::vector<std::pair<std::string, std::string>> parameters,
                           double speed);

std::string runDescriptionJson(const RunDescription& description);
// Reads what runDescriptionJson wrote; nullopt, with `error` saying what is wrong, for anything
// else (the bytes come from a file and may be hostile).
std::optional<RunDescription> parseRunDescription(const std::string& json, std::string& error);

}  // namespace interleave
