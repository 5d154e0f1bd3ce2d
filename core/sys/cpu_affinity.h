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

}  // namespace interleave
