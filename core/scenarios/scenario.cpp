#include "core/scenarios/scenario.h"

namespace interleave {

const std::vector<Scenario>& allScenarios() {
    // Listed explicitly: self-registering statics get dropped by the linker from static libs.
    static const std::vector<Scenario> all = {makeHelloThreadsAndProcesses(),
                                              makeProducerConsumer(),
                                              makeRaceCondition(),
                                              makeDeadlock(),
                                              makeReaderWriter(),
                                              makeSemaphorePool(),
                                              makeDaemonThreads(),
                                              makeForkTree(),
                                              makeForkExec(),
                                              makeSharedVsSeparateMemory(),
                                              makePipe(),
                                              makeSharedMemory(),
                                              makeFifo(),
                                              makeMessageQueue(),
                                              makeSemaphore(),
                                              makeSocket(),
                                              makeSignals(),
                                              makeOrphansAndZombies(),
                                              makeCrashIsolation(),
                                              makeCpuVsIo(),
                                              makeCreationCost(),
                                              makeContextSwitch(),
                                              makeIpcCompare()};
    return all;
}

const Scenario* findScenario(std::string_view name) {
    for (const auto& s : allScenarios())
        if (s.name == name) return &s;
    return nullptr;
}

std::string scenarioNames() {
    std::string out;
    for (const auto& s : allScenarios())
        out += (out.empty() ? "" : ", ") + s.name;
    return out;
}

}  // namespace interleave
