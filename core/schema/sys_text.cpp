#include "core/schema/sys_text.h"

#include <cstring>

#include "core/schema/event.h"

namespace interleave {

std::string exitStatusText(std::int64_t status) {
    return (exitWasSignal(status) ? "killed by signal " : "exited with status ") +
           std::to_string(exitCodeOrSignal(status));
}

std::string errnoText(const std::string& what, int err) {
    return what + ": " + std::strerror(err);
}

}  // namespace interleave
