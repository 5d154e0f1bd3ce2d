#pragma once
// Pinning a thread to one CPU, for benchmarks that must measure a reader and a writer on two
// different cores (as in a run), not two threads the scheduler happens to put on one.

namespace interleave {

// CPUs this process may run on.
int usableCpuCount();
// The n-th CPU (0-based) this process may run on, or -1.
int usableCpu(int n);
// Pins the calling thread to `cpu`; false when it cannot (then it runs where it is allowed).
bool pinThisThreadTo(int cpu);
// Lets the calling thread run on every CPU the process may use again.
void unpinThisThread();

// For a scope: the calling thread (and what it starts or forks meanwhile, which inherit it) on
// the first usable CPU when `on`, and free again at the end of the scope.
class PinnedToFirstCpu {
  public:
    explicit PinnedToFirstCpu(bool on) : m_pinned(on && pinThisThreadTo(usableCpu(0))) {}
    ~PinnedToFirstCpu() {
        if (m_pinned) unpinThisThread();
    }
    PinnedToFirstCpu(const PinnedToFirstCpu&) = delete;
    PinnedToFirstCpu& operator=(const PinnedToFirstCpu&) = delete;

  private:
    bool m_pinned;
};

}  // namespace interleave
