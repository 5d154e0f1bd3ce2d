#pragma once
// A stop asked for from outside (Ctrl+C, or SIGTERM from the window that started this process),
// for long loops in the main thread that must clean up after themselves rather than die where
// they stand: the handler only sets a flag, and the loop checks it between two steps.

namespace interleave {

// Catches SIGINT and SIGTERM from now on.
void catchStopRequests();
// True once SIGINT or SIGTERM has arrived since catchStopRequests().
bool stopRequested();

}  // namespace interleave
