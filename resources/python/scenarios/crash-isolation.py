# crash-isolation: a thread that crashes (a real fault, here a read of address 0) takes its
# whole process down; the processes beside it go on. A Python *exception* in a thread is not a
# crash: threading.excepthook prints it and the thread ends, the process goes on.
import ctypes
import os
import signal
import threading
import time


def crash():
    ctypes.string_at(0)  # SIGSEGV: the kernel kills every thread of this process  # step: crash


def quiet_excepthook(args):
    print(f"thread {args.thread.name}: {args.exc_type.__name__}, the process goes on", flush=True)


if __name__ == "__main__":
    threading.excepthook = quiet_excepthook
    t = threading.Thread(target=lambda: 1 / 0, name="divider")
    t.start()  # step: start
    t.join()  # step: join
    pids = []
    for n in (1, 2):
        pid = os.fork()  # step: fork
        if pid == 0:
            if n == 1:
                threading.Thread(target=crash).start()  # step: start
            time.sleep(0.2)  # step: work
            print(f"process {n}: finished its work", flush=True)
            os._exit(0)
        pids.append(pid)
    for n, pid in enumerate(pids, 1):
        _, status = os.waitpid(pid, 0)  # step: wait
        if os.WIFSIGNALED(status):
            print(f"process {n}: killed by {signal.Signals(os.WTERMSIG(status)).name}")
        else:
            print(f"process {n}: exited with {os.WEXITSTATUS(status)}")
