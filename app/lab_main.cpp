// interleave-lab: the headless runner (list, describe, run, info, lesson, levels) and, in its
// hidden
// __engine mode, the process a Supervisor starts for each run. Each command adds itself to the
// parser in a function of its own below; `run` itself is in run_cli.cpp, `info` in info_cli.cpp,
// `lesson` in lesson_cli.cpp, `levels` in levels_cli.cpp.

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/info_cli.h"
#include "app/lesson_cli.h"
#include "app/levels_cli.h"
#include "app/run_cli.h"
#include "core/channel/speed_range.h"
#include "core/scenarios/scenario.h"
#include "core/supervise/lab_engine.h"
#include "core/supervise/lab_log.h"

using namespace interleave;

namespace {

constexpr int kUsageError = 2;

int usageError(const std::string& message) {
    std::cerr << "interleave-lab: " << message << "\n";
    return kUsageError;
}

const Scenario* scenarioOrError(const std::string& name) {
    const auto* s = findScenario(name);
    if (!s)
        std::cerr << "interleave-lab: unknown scenario '" << name
                  << "'; known scenarios: " << scenarioNames() << "\n";
    return s;
}

int list() {
    for (const auto& s : allScenarios())
        std::printf("%-20s %-12s %s\n", s.name.c_str(), s.group.c_str(), s.summary.c_str());
    return 0;
}

int describe(const std::string& name) {
    const auto* s = scenarioOrError(name);
    if (!s) return kUsageError;
    std::printf("%s (%s)\n  %s\n\nparameters:\n", s->name.c_str(), s->group.c_str(),
                s->summary.c_str());
    for (const auto& p : s->params) {
        std::printf("  %-12s %-22s default %-10s %s\n", p.name.c_str(),
                    (p.rangeText() + (p.unit.empty() ? "" : " " + p.unit)).c_str(),
                    p.defaultText().c_str(), p.help.c_str());
    }
    return 0;
}

// A command on the parser and what it does once parsed (its options are bound to values the
// function holds, so they live as long as it).
struct Command {
    CLI::App* cmd = nullptr;
    std::function<int()> run;
};

Command addListCommand(CLI::App& app) {
    return {app.add_subcommand("list", "List the scenarios."), list};
}

Command addDescribeCommand(CLI::App& app) {
    auto name = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("describe", "Show a scenario's parameters.");
    cmd->add_option("scenario", *name, "Scenario name (see list).")->required();
    return {cmd, [name] { return describe(*name); }};
}

// --speed and --ring-slots: checked while parsing, so that a bad value is a usage error.
CLI::Validator speedCheck() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || !speedAllowed(v))
                return badSpeedMessage(text);
            return {};
        },
        speedRangeText());
}

CLI::Validator ringSlotsCheck() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            const auto v = std::strtoul(text.c_str(), &end, 10);
            if (end == text.c_str() || *end != '\0' || v < 64 || v > (1u << 20) ||
                (v & (v - 1)) != 0)
                return "bad ring size '" + text + "': a power of two from 64 to 1048576, e.g. 8192";
            return {};
        },
        "POWER OF TWO");
}

// The options that say what the run records and how: capture, ring size, log.
void addRunRecordingOptions(CLI::App& cmd, RunArgs& r) {
    cmd.add_option("--capture", r.capture,
                   "lossless: a thread whose event ring is full waits for the recorder, and "
                   "the wait is shown; drop: no thread is ever slowed, and every lost event is "
                   "counted, shown and written.")
        ->check(CLI::IsMember({"lossless", "drop"}))
        ->capture_default_str();
    cmd.add_option("--ring-slots", r.ringSlots,
                   "Events per thread's ring, a power of two from 64 to 1048576 (default 8192 "
                   "lossless, 32768 drop).")
        ->check(ringSlotsCheck());
    cmd.add_option("--log-level", r.logLevel,
                   "What the lab reports on stderr (and in --log): " + logLevelChoiceText() + ".")
        ->check(CLI::IsMember(logLevelChoices()))
        ->capture_default_str();
}

Command addRunCommand(CLI::App& app) {
    auto r = std::make_shared<RunArgs>();
    auto* cmd = app.add_subcommand("run", "Run a scenario and optionally write its trace.");
    cmd->add_option("scenario", r->scenario, "Scenario name (see list).")->required();
    cmd->add_option("--set", r->assignments,
                    "Set a parameter, NAME=VALUE; repeat for more (see describe).")
        ->expected(1)
        ->take_all()  // after expected(1): each --set takes one value, and they add up
        ->allow_extra_args(false)
        ->type_name("NAME=VALUE");
    cmd->add_option("--duration", r->duration,
                    "How long to run, with its unit: 500ms, 2s, 1.5s, 1m (1 ms to 24 h).")
        ->capture_default_str();
    cmd->add_option("--speed", r->speed,
                    "Speed of the simulated work: 0.05 (slow motion) to 4 (fast).")
        ->check(speedCheck())
        ->capture_default_str();
    auto* traceOpt =
        cmd->add_option("--trace", r->tracePath,
                        "Write the run's trace: FILE.pftrace, FILE.json, FILE.csv or FILE.ilt.");
    cmd->add_flag("--quiet", r->quiet, "Print nothing but errors.");
    auto* scheduleOpt =
        cmd->add_option("--schedule", r->schedule,
                        "manual: you are the scheduler, choosing which thread takes each step "
                        "(on stdin); FILE: take the steps of a saved run (.ilt) or a schedule "
                        "(JSON) again, on real threads, in the same order.");
    cmd->add_flag("--all-orders", r->allOrders,
                  "Run every order of the workers' steps, each on real threads through the "
                  "scheduler, and print how many orders reach each outcome (small runs: "
                  "--set threads=2 --set increments=2).");
    cmd->add_option("--max-orders", r->maxOrders, "With --all-orders: stop after this many.")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    cmd->add_flag("--compare-python", r->comparePython,
                  "cpu-vs-io, creation-cost, race-condition: also measure real CPython "
                  "(threading, multiprocessing, subprocess) the same way with python3, and print "
                  "both.");
    addRunRecordingOptions(*cmd, *r);
    auto* logOpt = cmd->add_option("--log", r->logFile,
                                   "Also write the lab's log to FILE, with timestamps and pids.");
    return {cmd, [r, traceOpt, scheduleOpt, logOpt] {
                r->wantTrace = traceOpt->count() > 0;
                r->scheduleGiven = scheduleOpt->count() > 0;
                r->logGiven = logOpt->count() > 0;
                return runCommand(*r);
            }};
}

Command addInfoCommand(CLI::App& app) {
    auto path = std::make_shared<std::string>();
    auto measures = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand("info", "Summarise a native trace (.ilt).");
    cmd->add_option("file", *path, "The trace file.")->required();
    cmd->add_option("--measure", *measures,
                    "Print only this number of the run (lost_updates, deadlock, "
                    "waits_on_empty, count:KIND, ...; see core/analysis/run_measures.h).");
    return {cmd, [path, measures] { return infoCommand(*path, *measures); }};
}

Command addLessonCommand(CLI::App& app) {
    auto name = std::make_shared<std::string>();
    auto item = std::make_shared<int>(0);
    auto duration = std::make_shared<std::string>("20s");
    auto* cmd = app.add_subcommand(
        "lesson", "List a lesson's Try this items, or check one: run it and print its answer.");
    cmd->add_option("scenario", *name, "Scenario name (see list).")->required();
    cmd->add_option("--check", *item,
                    "Run Try this item N with its parameters (every other at its default) "
                    "and print what the run measured.")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--duration", *duration,
                    "With --check: how long the run may go on before it is read as it stands.")
        ->capture_default_str();
    return {cmd, [name, item, duration] { return lessonCommand(*name, *item, *duration); }};
}

Command addLevelsCommand(CLI::App& app) {
    auto a = std::make_shared<LevelsArgs>();
    auto* cmd = app.add_subcommand(
        "levels",
        "List the levels (break it, then fix it) with your progress; prove a level's fix by "
        "running every order of its steps; or check a saved run against its goal.");
    cmd->add_option("action", a->action,
                    "prove: run every order of the level's fixed version and tell whether any "
                    "reaches its goal; check: whether a saved run (--schedule) reached it.")
        ->check(CLI::IsMember({"prove", "check"}));
    cmd->add_option("level", a->id, "The level's id (see levels).");
    cmd->add_flag("--broken", a->broken,
                  "With prove: the broken version instead, which must reach the goal in some "
                  "order.");
    cmd->add_option("--max-orders", a->maxOrders, "With prove: stop after this many orders.")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--schedule", a->schedule,
                    "With check: a saved run (.ilt) of the level's scenario, scheduled by hand.");
    cmd->add_flag("--quiet", a->quiet, "With prove: print only the table and the verdict.");
    return {cmd, [a] {
                if (!a->action.empty() && a->id.empty()) {
                    std::cerr << "interleave-lab: levels " << a->action << " needs a level id\n";
                    return kUsageError;
                }
                return levelsCommand(*a, {});
            }};
}

void describeProgram(CLI::App& app) {
    app.require_subcommand(1);
    // --help shows every command with its options and their defaults.
    app.set_help_flag();
    app.set_help_all_flag("-h,--help", "Print every command, its options and their defaults");
    app.get_formatter()->column_width(34);
    app.footer(
        "A trace ending in .pftrace is Perfetto's own (protobuf) format and one ending in .json "
        "Chrome Trace Event format (open either in Perfetto); one ending in .csv has a row per "
        "event (for a spreadsheet); any other name gets the native binary trace that the "
        "Interleave window replays.");
}

// A first word that is no command would otherwise read "a subcommand is required".
int checkCommandName(const std::vector<Command>& commands, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return 0;
    std::string names;
    bool known = false;
    for (const auto& c : commands) {
        names += (names.empty() ? "" : ", ") + c.cmd->get_name();
        known = known || c.cmd->get_name() == argv[1];
    }
    if (known) return 0;
    return usageError(std::string("unknown command '") + argv[1] + "'; commands: " + names +
                      " (see interleave-lab --help)");
}

}  // namespace

int main(int argc, char** argv) {
    // The engine mode takes the supervisor's raw arguments; it is not a command for people.
    if (argc >= 2 && std::string_view(argv[1]) == "__engine")
        return runLabEngine(std::vector<std::string>(argv + 2, argv + argc));

    CLI::App app{
        "Runs Interleave's scenarios on real threads and processes without a display, and reads "
        "their traces.",
        "interleave-lab"};
    describeProgram(app);
    // In the order --help lists them.
    const std::vector<Command> commands = {
        addListCommand(app), addDescribeCommand(app), addRunCommand(app),
        addInfoCommand(app), addLessonCommand(app),   addLevelsCommand(app),
    };
    if (const int status = checkCommandName(commands, argc, argv)) return status;
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line that says what was wrong, then where to look.
        return usageError(std::string(e.what()) + " (see interleave-lab --help)");
    }
    for (const auto& c : commands)
        if (c.cmd->parsed()) return c.run();
    return list();
}
