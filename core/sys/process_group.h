#pragma once
// A helper program started in a process group of its own can be stopped with everything it
// started (python3's multiprocessing workers, say): nothing outlives a cancel.

namespace interleave {

// In a child between fork and exec: makes it the leader of a new process group.
void startOwnProcessGroup();
// SIGKILL to every process of the group led by `leader`.
void killProcessGroup(long long leader);

}  // namespace interleave
