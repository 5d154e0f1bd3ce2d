// Signals (C7, C9): a parent sends signals to its child, which has handlers for them. While the
// child blocks them they wait, pending; a standard signal sent again while pending is lost (the
// kernel keeps one of each), a real-time one is queued (every one arrives, in order). Once
// unblocked, each is delivered as it is sent. A process can signal its children; SIGTERM asks
// one to end, and its handler lets it end cleanly. Then the thread half of C7: once the child is
// gone, main starts a worker thread and stops it with a signal to that thread alone
// (pthread_sigqueue), which the worker honours: a thread acts on another thread of its process.

#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/primitives/process/traced_process.h"
#include "core/primitives/process/traced_signals.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_thread.h"
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

// Main starts a worker thread, which works until it is asked to stop, and asks it with a signal
// sent to it alone: the kernel runs the handler on that thread, whatever main does meanwhile.
void stopAThread(SignalSet& toThread, int stop, std::chrono::milliseconds gap) {
    toThread.installHandlers();  // for the whole process: every thread shares its handlers
    std::atomic<bool> ready{false};
    pthread_t self{};
    pid_t tid = 0;
    TracedThread worker("worker thread", [&] {
        self = pthread_self();
        tid = static_cast<pid_t>(syscall(SYS_gettid));
        ready.store(true, std::memory_order_release);
        // Works in slices and checks between them whether it was asked to stop: a handler may
        // only note that the signal came; the thread decides what to do about it.
        while (!toThread.handled(stop) && !Runtime::stopRequested()) {
            Runtime::work(std::chrono::milliseconds(20));
            toThread.flush();
        }
    });
    while (!ready.load(std::memory_order_acquire) && !Runtime::stopRequested())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (ready.load(std::memory_order_acquire)) {
        Runtime::work(gap);
        toThread.sendToThread(self, tid, stop);
    }
    worker.join();
    toThread.restoreDefaults();
}

int run(const ParamValues& p) {
    const auto sends = p.integer("sends");
    const std::chrono::milliseconds gap(p.integer("gap_ms")), blockFor(p.integer("block_ms"));
    SignalSet signals({SIGUSR1, SIGUSR2, SIGRTMIN, SIGTERM});
    // A signal of its own for the thread part, so that the child's counts stay the child's.
    const int stop = SIGRTMIN + 1;
    SignalSet toThread({stop});
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
    if (!Runtime::stopRequested()) stopAThread(toThread, stop, gap);
    return 0;
}

}  // namespace

Scenario makeSignals() {
    return Scenario{
        "signals",
        "processes",
        "A parent signals its child: blocked signals wait; standard ones coalesce, real-time ones "
        "queue. Then a thread stops another thread of its process with a signal to it alone.",
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
