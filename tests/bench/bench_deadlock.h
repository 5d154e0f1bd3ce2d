#pragma once
// Real deadlocks in the real window (offscreen): how long after a cycle of waits closes the
// state line says "deadlock", and how long Stop takes to end the deadlocked run. Medians over
// several runs; the goals are 100 ms and 500 ms.

namespace interleave::bench {

// Returns how many goals were missed (0 or more); `runs` deadlocks of each size.
int judgeDeadlock(int runs, bool judge);

}  // namespace interleave::bench
