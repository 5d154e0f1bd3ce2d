#pragma once
// What a run's events say about its processes, as of any time: whose child each is (the kernel
// re-parents an orphan), which program replaced its own (exec), which signal killed it, and
// whether any thread crashed its process or any signal was sent. Fed rows in any order.

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

class ProcessFacts {
  public:
    void reset() { *this = ProcessFacts(); }
    void feed(const Row& r);
    // Its parent's pid at `t`: `firstParent` until the kernel re-parented it.
    int parentAt(int pid, int firstParent, std::int64_t t) const;
    // The signal that had killed process `pid` by `t`, 0 if none had.
    int killedBy(int pid, std::int64_t t) const;
    // The object naming the program `pid` had replaced its own with by `t`; kNoObject if none.
    std::uint32_t programAt(int pid, std::int64_t t) const;
    bool hasFaults() const { return m_faults > 0; }
    bool hasCutOffs() const { return m_cutOffs > 0; }  // a thread ended with its process
    bool hasSignals() const { return m_signalEvents > 0; }

  private:
    std::map<int, std::vector<std::pair<std::int64_t, int>>> m_reparented;  // pid -> (ns, ppid)
    std::map<int, std::pair<std::int64_t, int>> m_killed;                   // pid -> (ns, signal)
    std::map<int, std::pair<std::int64_t, std::uint32_t>> m_execs;          // pid -> (ns, program)
    std::size_t m_faults = 0;
    std::size_t m_cutOffs = 0;
    std::size_t m_signalEvents = 0;
};

}  // namespace interleave
