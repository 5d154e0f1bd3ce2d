#pragma once
// A schedule to replay: which scenario, with which parameters, and who takes each step. Read
// from a saved run (.ilt: its description and its checkpoint_pass events) or from a small JSON
// file a person can write or edit:
//   {"scenario": "race-condition", "parameters": {"threads": "2"},
//    "steps": ["thread 1", "thread 2", "thread 1", "thread 2"]}

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/schedule.h"

namespace interleave {

struct ScheduleFile {
    std::string scenario;
    std::vector<std::pair<std::string, std::string>> parameters;  // name, value
    std::vector<ScheduledActor> steps;
};

// nullopt with `error` saying what is wrong (the file may be anything).
std::optional<ScheduleFile> loadScheduleFile(const std::string& path, std::string& error);
std::optional<ScheduleFile> parseScheduleJson(const std::string& json, std::string& error);
std::string scheduleJson(const ScheduleFile& schedule);

}  // namespace interleave
