#include "core/sys/process_group.h"

#include <signal.h>
#include <unistd.h>

namespace interleave {

void startOwnProcessGroup() {
    setpgid(0, 0);
}

void killProcessGroup(long long leader) {
    if (leader > 0) kill(-static_cast<pid_t>(leader), SIGKILL);
}

}  // namespace interleave
