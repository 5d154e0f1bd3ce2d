#include "core/schema/sys_text.h"

#include <cstring>

#include "core/schema/event.h"

namespace interleave {

std::string signalName(int sig) {
    const char* abbrev = sigabbrev_np(sig);  // "SEGV"; null for a number that is no signal
    return abbrev ? "SIG" + std::string(abbrev) : "signal " + std::to_string(sig);
}

std::string exitStatusText(std::int64_t status) {
    const int code = exitCodeOrSignal(status);
    if (!exitWasSignal(status)) return "exited with status " + std::to_string(code);
    return "killed by signal " + std::to_string(code) + " (" + signalName(code) + ")";
}

std::string errnoText(const std::string& what, int err) {
    return what + ": " + std::strerror(err);
}

}  // namespace interleave
