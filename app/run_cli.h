#pragma once
// `interleave-lab run SCENARIO ...`: a checked plan, the run itself (started, waited for,
// stopped, then analysed), its trace, and the report on stderr with the exit status. The plan,
// the run and the trace are in run_cli.cpp; the report in run_report.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/deadlock.h"
#include "core/channel/channel.h"
#include "core/channel/event_store.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/trace/schedule_file.h"

namespace interleave {

// What `run` was asked for, already checked by the command-line parser.
struct RunArgs {
    std::string scenario;
    std::vector<std::string> assignments;
    std::string duration = "3s";
    double speed = 1.0;
    std::string tracePath;
    bool wantTrace = false;
    bool quiet = false;
    std::string capture = "lossless";
    std::uint32_t ringSlots = 0;  // 0: the capture mode's default
    std::string logLevel = "warn";
    std::string logFile;
    bool logGiven = false;  // --log was given, even as ''
    bool comparePython = false;
    std::string schedule;        // "manual", a file to replay, or empty (the OS schedules)
    bool scheduleGiven = false;  // --schedule was given, even as ''
    bool allOrders = false;      // --all-orders: every order of the steps, each run for real
    std::size_t maxOrders = 1000;
};

// The arguments checked against the scenario: what the run will be.
struct RunPlan {
    const Scenario* scenario = nullptr;
    std::int64_t durationMs = 0;
    std::vector<std::string> assignments;  // as given, or the replayed schedule's
    ParamParseResult params;
    bool manual = false;                         // --schedule manual
    std::optional<ScheduleFile> replaySchedule;  // --schedule FILE
    ChannelConfig channel;
};

// How the run went, once it has stopped and been analysed.
struct RunOutcome {
    double seconds = 0;  // from the start to the stop, writing not included
    DeadlockCycle deadlock;
    bool stoppedEarly = false;  // ended by our SIGTERM or SIGKILL, not wound down
    int interrupted = 0;        // Ctrl-Cs up to the stop: one ended the run
    std::string replayNote;     // how much of --schedule FILE was given, or empty
    bool replayFailed = false;
    bool writeInterrupted = false;  // a Ctrl-C stopped the trace's writing
    double writeSeconds = 0;
    std::string traceNote;  // ends the summary line: where the trace went, or why not
    std::optional<std::int64_t> labStatus;
};

// The whole command: its exit status (0, 1 failed, 2 usage error, 130 interrupted).
int runCommand(const RunArgs& args);

// The summary line and the lines after it (run_report.cpp); returns the exit status.
int reportRun(const EventStore& store, const RunArgs& args, const RunPlan& plan,
              const RunOutcome& outcome);

}  // namespace interleave
