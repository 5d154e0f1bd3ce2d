#pragma once
// Signals between processes, traced: each send is a sigqueue() with a number of its own, which
// the receiver's handler gets back (si_value), so every delivery names the send it came from,
// and a send that never arrives (a standard signal sent again while already pending) shows as
// a send without a delivery.
//
// A handler may call almost nothing (only async-signal-safe functions), so it records only
// what arrived, and when, into a fixed log in static memory; the process's own thread turns the
// log into events (flush) with the handler's stamps. One receiving process, single-threaded.

#include <pthread.h>
#include <signal.h>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace interleave {

class SignalSet {
  public:
    // Registers an object per signal, named as the system names it ("SIGUSR1"); `signals` are
    // numbers (SIGRTMIN counts as one). In the lab, before fork().
    explicit SignalSet(const std::vector<int>& signals);

    std::uint32_t object(int sig) const;  // kNoObject for a signal not in the set

    // Sends `sig` to `pid` with the next number of that signal; records signal_send. Returns
    // false when the process is gone (ESRCH).
    bool send(pid_t pid, int sig);
    // Sends `sig` to one thread of this process (pthread_sigqueue), whose id is `tid`: the
    // kernel delivers it to that thread alone, never to another thread of the process. Records
    // signal_send with the thread's id as the target. False when the thread is gone.
    bool sendToThread(pthread_t thread, pid_t tid, int sig);

    // In the receiving process (or before fork(), for a child to inherit them): handlers for
    // every signal of the set, which log what arrives.
    void installHandlers() const;
    void restoreDefaults() const;  // the sender, after fork(): back to the default actions
    // Blocks or unblocks every signal of the set for this process; records signal_blocked.
    void block(bool blocked) const;
    // Records what the handlers logged since the last flush (signal_handled), and each change
    // of what is pending (signal_pending, from sigpending()). Returns the signals handled so far.
    std::vector<int> flush();
    bool handled(int sig) const;  // has `sig` been handled at least once?
    bool pending(int sig) const;  // was `sig` pending at the last flush?
    // Sleeps for at most `ms` or until a signal is handled (recorded as signal_wait, once per
    // wait); flush() afterwards records what came. Nothing else is recorded while it sleeps,
    // so the handler's stamps fall between this process's other events.
    void waitForSignals(int ms);

    // Whether process `pid` blocks `sig` now, from its SigBlk line in /proc/<pid>/status.
    static bool blocks(pid_t pid, int sig);
    // Whether process `pid` has a handler for `sig` now, from its SigCgt line.
    static bool catches(pid_t pid, int sig);

  private:
    // One numbered send of `sig` to `target` (a pid or a tid) through `queue`, which returns 0
    // or an errno; `call` names it in an error.
    bool sendNumbered(int sig, std::int64_t target, const std::function<int(sigval)>& queue,
                      const char* call);

    std::vector<int> m_signals;
    std::vector<std::uint32_t> m_objects;
    std::vector<std::int64_t> m_sent;  // per signal: the last number sent
    std::vector<bool> m_pending;       // per signal: pending at the last flush
    std::vector<int> m_handled;        // every signal handled so far, in order
    bool m_waiting = false;            // a signal_wait not yet ended by a delivery
};

}  // namespace interleave
