#pragma once
// Shared by the tests that start real runs: a run of a scenario through the real Supervisor and
// the real interleave-lab binary (built next to the test executables).

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/channel/event_store.h"
#include "core/supervise/supervisor.h"

namespace interleave::test {

// Runs `scenario` for `ms`, then asks it to wind down and waits (stopping it hard after 3 s).
inline std::unique_ptr<Supervisor> runFor(const std::string& scenario,
                                          std::vector<std::string> assignments, int ms,
                                          ChannelConfig channel = {}) {
    RunOptions o;
    o.labPath = siblingLabPath();
    o.scenario = scenario;
    o.assignments = std::move(assignments);
    o.channel = channel;
    auto sup = std::make_unique<Supervisor>(o);
    sup->start();
    if (!sup->waitFinished(std::chrono::milliseconds(ms))) {
        sup->requestStop();
        sup->waitFinished(std::chrono::seconds(3));
    }
    sup->stop();
    return sup;
}

inline std::uint32_t objectId(const EventStore& s, const std::string& name) {
    for (const auto& o : s.objects())
        if (o.name == name) return o.id;
    return kNoObject;
}

inline std::map<std::uint32_t, ActorInfo> actorsById(const EventStore& s) {
    std::map<std::uint32_t, ActorInfo> m;
    for (const auto& a : s.actors())
        m[a.id] = a;
    return m;
}

}  // namespace interleave::test
