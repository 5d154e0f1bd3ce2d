# race-condition: threads add one to a shared counter, each with a read and a write.
# On CPython 3.10+ a plain `counter += 1` loop usually loses nothing (the interpreter switches
# threads only at some instructions); the pause between the read and the write below, as the
# lab makes, lets another thread in, as a free-threaded build (3.13t, 3.14t) would anyway.
import threading
import time

THREADS, INCREMENTS = 2, 10
counter = 0
lock = threading.Lock()


def add(use_lock):
    global counter
    for _ in range(INCREMENTS):
        if use_lock:
            lock.acquire()  # step: lock
        value = counter  # step: read counter
        time.sleep(0.001)  # the window between read and write  # step: work
        counter = value + 1  # what another thread wrote meanwhile is lost  # step: write counter
        if use_lock:
            lock.release()  # step: unlock


def run(use_lock):
    global counter
    counter = 0
    threads = [threading.Thread(target=add, args=(use_lock,)) for _ in range(THREADS)]
    for t in threads:
        t.start()  # step: start
    for t in threads:
        t.join()  # step: join
    lost = THREADS * INCREMENTS - counter
    print(f"{'mutex' if use_lock else 'no lock'}: counter {counter} of {THREADS * INCREMENTS}, "
          f"{lost} updates lost")


if __name__ == "__main__":
    run(use_lock=False)
    run(use_lock=True)
