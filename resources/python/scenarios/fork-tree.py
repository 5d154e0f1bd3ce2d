# fork-tree: a parent forks children; each child starts threads, and odd children fork again.
# os.fork copies only the thread that calls it, so each child forks before it starts threads
# (Python 3.12+ warns about a fork in a process that has threads).
import os
import threading

CHILDREN, THREADS = 3, 2


def thread_work(i):
    print(f"  pid {os.getpid()} thread {i}", flush=True)


def child(n):
    grandchild = os.fork() if n % 2 == 1 else 0
    if grandchild == 0 and n % 2 == 1:  # the grandchild: the odd child's own child
        print(f"grandchild pid {os.getpid()}, parent {os.getppid()}", flush=True)
        os._exit(0)
    print(f"child {n} pid {os.getpid()}, parent {os.getppid()}", flush=True)
    threads = [threading.Thread(target=thread_work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if grandchild:
        os.waitpid(grandchild, 0)
    os._exit(0)


if __name__ == "__main__":
    print(f"parent pid {os.getpid()}", flush=True)
    kids = []
    for n in range(1, CHILDREN + 1):
        pid = os.fork()
        if pid == 0:
            child(n)
        kids.append(pid)
    for pid in kids:
        os.waitpid(pid, 0)
