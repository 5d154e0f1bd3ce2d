#include "core/analysis/process_facts.h"

#include <algorithm>

#include "core/schema/event_kinds.h"

namespace interleave {

void ProcessFacts::feed(const Row& r) {
    const auto& info = kindInfo(r.kind);
    if (info.link.family == LinkFamily::Signal) ++m_signalEvents;  // sent or handled
    const auto pid = static_cast<int>(r.a);
    switch (info.process) {
        case ProcessStep::Exit:
            if (exitWasSignal(r.b)) m_killed.try_emplace(pid, r.ns, exitCodeOrSignal(r.b));
            break;
        case ProcessStep::Fault:
            ++m_faults;
            break;
        case ProcessStep::CutOff:
            ++m_cutOffs;
            break;
        case ProcessStep::Exec:
            m_execs[pid] = {r.ns, r.object};
            break;
        case ProcessStep::Reparent: {
            auto& moves = m_reparented[pid];
            moves.emplace_back(r.ns, static_cast<int>(r.b));
            std::sort(moves.begin(), moves.end());
            break;
        }
        default:  // a fork, a reap, a zombie: no fact kept here
            break;
    }
}

int ProcessFacts::parentAt(int pid, int firstParent, std::int64_t t) const {
    const auto it = m_reparented.find(pid);
    if (it == m_reparented.end()) return firstParent;
    int parent = firstParent;
    for (const auto& [ns, ppid] : it->second)
        if (ns <= t) parent = ppid;
    return parent;
}

int ProcessFacts::killedBy(int pid, std::int64_t t) const {
    const auto it = m_killed.find(pid);
    return it != m_killed.end() && it->second.first <= t ? it->second.second : 0;
}

std::uint32_t ProcessFacts::programAt(int pid, std::int64_t t) const {
    const auto it = m_execs.find(pid);
    return it != m_execs.end() && it->second.first <= t ? it->second.second : kNoObject;
}

}  // namespace interleave
