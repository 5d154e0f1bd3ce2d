#pragma once
// The few ways this program puts system facts into words, each written once: how a process
// ended, and what a failed call said.

#include <cerrno>
#include <cstdint>
#include <string>

namespace interleave {

// "SIGSEGV" for 11; "signal 99" for a number that names no signal.
std::string signalName(int sig);
// "exited with status 3" or "killed by signal 9 (SIGKILL)", from the encoding in event.h.
std::string exitStatusText(std::int64_t status);

// "what: <strerror(err)>".
std::string errnoText(const std::string& what, int err = errno);

}  // namespace interleave
