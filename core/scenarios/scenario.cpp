#include "core/scenarios/scenario.h"

#include <string>
#include <utility>

#include "core/primitives/runtime.h"
#include "core/sys/cpu_use.h"

namespace interleave {
namespace {

// A measurement also records how much CPU other programs used while it ran (kOtherCpuSeries),
// so that its views can say when its times were taken on a busy machine.
Scenario recordingOtherCpu(Scenario s) {
    if (s.group != "measurements") return s;
    s.run = [measure = std::move(s.run)](const ParamValues& p) {
        const auto series =
            Runtime::registerObject(ObjectKind::Series, std::string(kOtherCpuSeries));
        const auto from = readCpuUse();
        const int rc = measure(p);
        if (const auto to = readCpuUse(); from && to)
            Runtime::emit(EventKind::MeasureSample, series, otherProgramsNs(*from, *to),
                          to->wallNs - from->wallNs);
        return rc;
    };
    return s;
}

}  // namespace

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
    static const std::vector<Scenario> measured = [] {
        std::vector<Scenario> out;
        for (const auto& s : all)
            out.push_back(recordingOtherCpu(s));
        return out;
    }();
    return measured;
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
