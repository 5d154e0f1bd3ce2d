# signals: a parent signals its child while the child blocks them: standard signals coalesce
# (three SIGUSR1 arrive as one), real-time ones queue (three SIGRTMIN arrive as three).
# The child takes them with sigtimedwait, from the kernel itself: a Python handler would not
# tell (CPython's C handler only sets a flag, and runs the Python function once per check).
# Python runs signal handlers in the main thread only, so the lab's second part, one thread
# stopping another with a signal to it alone (pthread_kill), has no Python counterpart.
import os
import signal

SENDS = 3
WATCHED = {signal.SIGUSR1, signal.SIGRTMIN}

if __name__ == "__main__":
    # Blocked before the fork: the child inherits the mask, so nothing reaches it unblocked.
    signal.pthread_sigmask(signal.SIG_BLOCK, WATCHED)
    ready_r, ready_w = os.pipe()  # the child says it is ready
    sent_r, sent_w = os.pipe()  # the parent says it has sent every signal
    pid = os.fork()
    if pid == 0:
        os.write(ready_w, b"1")
        os.read(sent_r, 1)
        got = {signal.SIGUSR1: 0, signal.SIGRTMIN: 0}
        while info := signal.sigtimedwait(WATCHED, 0.2):  # None once nothing is pending
            got[info.si_signo] += 1
        print(f"SIGUSR1 sent {SENDS}, received {got[signal.SIGUSR1]}", flush=True)
        print(f"SIGRTMIN sent {SENDS}, received {got[signal.SIGRTMIN]}", flush=True)
        os._exit(0)
    os.read(ready_r, 1)
    for _ in range(SENDS):
        os.kill(pid, signal.SIGUSR1)
        os.kill(pid, signal.SIGRTMIN)
    os.write(sent_w, b"1")
    os.waitpid(pid, 0)
