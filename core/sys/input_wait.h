#pragma once
// Waiting for a line on a terminal without giving up the rest of the program: the command
// line's manual scheduling reads the student's choice while the run may end under it.

namespace interleave {

// True when `fd` has input (or is at its end) within `timeoutMs`; false at the timeout or on
// a signal.
bool waitForInput(int fd, int timeoutMs);

}  // namespace interleave
