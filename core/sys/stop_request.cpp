#include "core/sys/stop_request.h"

#include <csignal>

namespace interleave {

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void onStopSignal(int) {
    g_stop = 1;
}
}  // namespace

void catchStopRequests() {
    struct sigaction act {};
    act.sa_handler = onStopSignal;
    sigemptyset(&act.sa_mask);
    sigaction(SIGINT, &act, nullptr);
    sigaction(SIGTERM, &act, nullptr);
}

bool stopRequested() {
    return g_stop != 0;
}

}  // namespace interleave
