#include "app/info_cli.h"

#include <cstdio>
#include <iostream>

#include "core/analysis/run_measures.h"
#include "core/analysis/schedule.h"
#include "core/trace/trace_native.h"

namespace interleave {

int infoCommand(const std::string& path, const std::vector<std::string>& measures) {
    const auto loaded = loadNativeTrace(path);
    if (!loaded.store) {  // a file that is no (readable) trace is bad input, as everywhere
        std::cerr << "interleave-lab: " << loaded.error << "\n";
        return 2;  // bad input, as everywhere
    }
    const auto& s = *loaded.store;
    // Only the numbers asked for, one per line: for scripts, and for checking a lesson's answers.
    if (!measures.empty()) {
        int failed = 0;
        for (const auto& m : measures) {
            std::string error;
            if (const auto v = measureRun(s, m, error)) {
                std::printf("%s %g\n", m.c_str(), *v);
            } else {
                std::fprintf(stderr, "interleave-lab: %s: %s\n", m.c_str(), error.c_str());
                failed = 1;
            }
        }
        return failed;
    }
    if (const auto& d = loaded.description; !d.scenario.empty()) {
        std::string values;
        for (const auto& [name, value] : d.parameters)
            values += (values.empty() ? "" : " ") + name + "=" + value;
        std::printf("%s run of %.2f s at speed %g, recorded by %s on %u cores\n  parameters: %s\n",
                    d.scenario.c_str(), static_cast<double>(d.durationNs) / 1e9, d.speed,
                    d.program.c_str(), d.cores, values.empty() ? "(none)" : values.c_str());
        for (const auto& a : d.annotations)
            std::printf("  note at %.3f ms on actor %u: %s\n", static_cast<double>(a.ns) / 1e6,
                        a.actor, a.text.c_str());
    } else {
        std::printf("(a trace from before version 9: it does not say which run it is)\n");
    }
    std::printf("%zu events, %zu actors, %zu objects, %llu dropped\n", s.size(), s.actors().size(),
                s.objects().size(), static_cast<unsigned long long>(s.totalDropped()));
    if (const auto steps = scheduleFromEvents(s); !steps.empty()) {
        std::string who;
        for (const auto& step : steps)
            who += (who.empty() ? "" : ", ") + scheduledActorText(step);
        std::printf("scheduled by hand: %zu steps (%s); replay with --schedule %s\n", steps.size(),
                    who.c_str(), path.c_str());
    }
    const auto order = s.timeOrder();
    if (!order.empty())
        std::printf("time base %s; events from %.3f ms to %.3f ms\n",
                    s.timeBase().usesTsc ? "TSC" : "CLOCK_MONOTONIC",
                    static_cast<double>(s.ns(order.front())) / 1e6,
                    static_cast<double>(s.ns(order.back())) / 1e6);
    for (const auto& a : s.actors())
        std::printf("  actor %u: %s pid %d tid %d, %zu events\n", a.id, a.name.c_str(), a.pid,
                    a.tid, s.actorEventCount(a.id));
    for (const auto& o : s.objects()) {
        std::string role;
        if (o.role != ObjectRole::Own)
            role = ", " + std::string(objectRoleName(o.role)) + " of " + s.objectName(o.owner);
        std::printf("  object %u: %s (%s, capacity %u%s)\n", o.id, o.name.c_str(),
                    std::string(objectKindName(o.kind)).c_str(), o.capacity, role.c_str());
    }
    return 0;
}

}  // namespace interleave
