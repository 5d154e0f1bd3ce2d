# shared-vs-separate-memory: threads add to one counter; forked children each add to their own
# copy, which sits at the same address (id() is the object's address in CPython) but is not
# the parent's: fork copies the memory (copy on write).
import os
import threading

counter = [0]  # a list, so that its address can be shown and its content changed


def add(times):
    for _ in range(times):  # step: work
        counter[0] += 1  # step: read, add


if __name__ == "__main__":
    threads = [threading.Thread(target=add, args=(5,)) for _ in range(2)]
    for t in threads:
        t.start()  # step: start
    for t in threads:
        t.join()  # step: join
    print(f"threads: counter {counter[0]} at {id(counter):#x}", flush=True)
    for n in (1, 2):
        pid = os.fork()  # step: fork
        if pid == 0:
            add(100)
            print(f"child {n}: counter {counter[0]} at {id(counter):#x}", flush=True)
            os._exit(0)
        os.waitpid(pid, 0)  # step: wait
    print(f"parent: counter {counter[0]} at {id(counter):#x}", flush=True)
