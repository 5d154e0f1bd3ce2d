#include "core/sys/input_wait.h"

#include <poll.h>

namespace interleave {

bool waitForInput(int fd, int timeoutMs) {
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, timeoutMs) > 0;
}

}  // namespace interleave
