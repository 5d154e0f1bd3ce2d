// Signals (C7, C9): a parent sends signals to its child, which has handlers for them. While the
// child blocks them they wait, pending; a standard signal sent again while pending is lost (the
// kernel keeps one of each), a real-time one is queued (every one arrives, in order). Once
// unblocked, each is delivered as it is sent. A process can signal its children; SIGTERM asks
// one to end, and its handler lets it end cleanly.

#include <signal.h>

#include <chrono>
#include <thread>

#include "core/primitives/process/traced_process.h"
#include "core/primitives/process/traced_signals.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

// Until `pid` has its handler for `sig` and blocks it (or, with `blocked` false, unblocks it), as
// /proc shows it. False when the run is stopping first. The handler is checked too because a
// blocked mask alone does not say the child's code blocked it: a forked child can start with
// every signal blocked (ThreadSanitizer's fork() does that until it returns), and a SIGUSR1 sent
// then would be delivered, with the default action, the moment the mask is restored.
bool waitUntilBlocks(pid_t pid, int sig, bool blocked) {
    while (!SignalSet::catches(pid, sig) || SignalSet::blocks(pid, sig) != blocked) {
        if (Runtime::stopRequested()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

int receiver(SignalSet& signals, std::chrono::milliseconds blockFor) {
    signals.installHandlers();
    signals.block(true);
    // Busy, with the signals blocked: whatever is sent now waits. At least until SIGUSR2, the
    // parent's last send of this phase, is pending: then every earlier send has been made.
    const auto slice = std::chrono::milliseconds(100);
    for (auto done = std::chrono::milliseconds(0);
         (done < blockFor || !signals.pending(SIGUSR2)) && !Runtime::stopRequested();
         done += slice) {
        Runtime::work(slice);
        signals.flush();
    }
    signals.block(false);  // the kernel delivers what is pending, inside sigprocmask()
    signals.flush();
    // Unblocked: each signal is delivered as it comes, until SIGTERM asks it to end.
    while (!signals.handled(SIGTERM) && !Runtime::stopRequested()) {
        signals.waitForSignals(50);
        signals.flush();
    }
    return 0;
}

int run(const ParamValues& p) {
    const auto sends = p.integer("sends");
    const std::chrono::milliseconds gap(p.integer("gap_ms")), blockFor(p.integer("block_ms"));
    SignalSet signals({SIGUSR1, SIGUSR2, SIGRTMIN, SIGTERM});
    const auto child = forkTraced("receiver", [&] { return receiver(signals, blockFor); });
    // Only once its handlers are in and it blocks them: a SIGUSR1 before that would end it.
    if (waitUntilBlocks(child.pid, SIGUSR1, true)) {
        for (std::int64_t n = 1; n <= sends && !Runtime::stopRequested(); ++n) {
            signals.send(child.pid, SIGUSR1);
            signals.send(child.pid, SIGRTMIN);
            Runtime::work(gap);
        }
        signals.send(child.pid, SIGUSR2);
    }
    if (waitUntilBlocks(child.pid, SIGUSR1, false)) {
        for (std::int64_t n = 1; n <= sends && !Runtime::stopRequested(); ++n) {
            Runtime::work(gap);
            signals.send(child.pid, SIGUSR1);
        }
        Runtime::work(gap);
    }
    signals.send(child.pid, SIGTERM);  // also when stopping: it may be waiting for signals
    waitTraced(child);
    return 0;
}

}  // namespace

Scenario makeSignals() {
    return Scenario{
        "signals",
        "processes",
        "A parent signals its child: blocked signals wait; standard ones coalesce, real-time ones "
        "queue.",
        {
            ParamSpec::integer("sends", 1, 50, 4, "",
                               "How many SIGUSR1 and SIGRTMIN the parent sends while the child "
                               "blocks them, and SIGUSR1 after."),
            ParamSpec::integer("gap_ms", 0, 5000, 250, "ms", "Time between two sends."),
            ParamSpec::integer("block_ms", 0, 20000, 1500, "ms",
                               "How long the child blocks the signals (at least until all of the "
                               "first sends are made)."),
        },
        run,
        {ObjectKind::Signal},
    };
}

}  // namespace interleave
