#pragma once
// The names a run gives the kernel objects that outlive their processes unless removed: POSIX
// message queues (by name) and a FIFO (a name in a private directory). Each is removed as soon
// as the run no longer needs it; these functions remove whatever a killed run left:
//   - the supervisor, once nothing of a run is left (removeRunNames),
//   - the lab itself when its supervisor dies (removeOwnNamesFromSignalHandler).
// The names carry the lab's pid, so no two live runs share one.

#include <sys/types.h>

#include <string>
#include <vector>

namespace interleave {

inline constexpr int kMaxQueuesPerRun = 8;

std::string runQueueName(pid_t lab, int index);  // "/interleave-<pid>-<index>", index 1..8
std::vector<std::string> runQueueNames(pid_t lab);
// $TMPDIR (or /tmp) + "/interleave-<pid>-fifo", and the FIFOs in it: "fifo" (`which` 0) and
// "fifo-back" (1, for a reply in the other direction).
std::string runFifoDirectory(pid_t lab);
std::string runFifoPath(pid_t lab, int which = 0);

void removeRunNames(pid_t lab);

// Computes this process's names into static buffers (call once, early, in the lab), so that
// removeOwnNamesFromSignalHandler allocates nothing: it only calls unlink, rmdir, mq_unlink.
void prepareOwnNamesForSignalHandler();
void removeOwnNamesFromSignalHandler();

}  // namespace interleave
