#pragma once
// The scenario registry. A scenario is a function run in the lab process's main thread (already
// registered as the actor "main") with validated parameters; it returns the lab's exit code.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scenarios/params.h"
#include "core/schema/event.h"

namespace interleave {

struct Scenario {
    std::string name;
    std::string group;    // "threads", "processes" or "measurements"
    std::string summary;  // one line
    std::vector<ParamSpec> params;
    std::function<int(const ParamValues&)> run;
    // Kinds of object its runs have that get a view of their own (a Queue: the buffer view; a
    // Mutex: the wait-for graph), so the window shows those views, empty, before the first run.
    std::vector<ObjectKind> shows = {};
};

const std::vector<Scenario>& allScenarios();
const Scenario* findScenario(std::string_view name);
std::string scenarioNames();  // "a, b, c" for error messages

// One function per scenario file, listed in scenario.cpp.
Scenario makeProducerConsumer();
Scenario makeForkTree();
Scenario makeForkExec();
Scenario makeSharedVsSeparateMemory();
Scenario makePipe();
Scenario makeSharedMemory();
Scenario makeOrphansAndZombies();
Scenario makeMessageQueue();
Scenario makeFifo();
Scenario makeSemaphore();
Scenario makeSocket();
Scenario makeSignals();
Scenario makeCrashIsolation();
Scenario makeDeadlock();
Scenario makeRaceCondition();
Scenario makeSemaphorePool();
Scenario makeDaemonThreads();
Scenario makeReaderWriter();
Scenario makeHelloThreadsAndProcesses();
Scenario makeCpuVsIo();
Scenario makeCreationCost();
Scenario makeContextSwitch();
Scenario makeIpcCompare();

}  // namespace interleave
