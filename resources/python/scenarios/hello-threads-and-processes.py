# hello-threads-and-processes: one task, run as two threads and then as two processes.
# Threads share their process's pid and its global counter; each process has a pid of its own
# and changes its own copy of the counter.
import os
import threading
import multiprocessing

counter = 0


def task(name):
    global counter
    for _ in range(4):  # step: work
        counter += 1  # threads: one counter; a process: its own copy  # step: read counter, add counter
    print(f"{name}: pid {os.getpid()}, counter {counter}", flush=True)


# The guard: under the "spawn" and "forkserver" start methods (Linux's default is forkserver
# since Python 3.14; macOS and Windows use spawn) each child imports this file again, and
# without it every child would start children of its own.
if __name__ == "__main__":
    print(f"main: pid {os.getpid()}, start method {multiprocessing.get_start_method()}")
    threads = [threading.Thread(target=task, args=(f"thread {i}",)) for i in (1, 2)]
    for t in threads:
        t.start()  # step: start
    for t in threads:
        t.join()  # step: join
    # Under fork each child starts from the parent's counter (8); under spawn or forkserver
    # it imports this file again and starts from 0.
    processes = [multiprocessing.Process(target=task, args=(f"process {i}",)) for i in (1, 2)]
    for p in processes:
        p.start()  # step: fork
    for p in processes:
        p.join()  # step: wait
    print(f"main: counter {counter} (the processes changed their own copies)")
