# message-queue: a parent sends messages through a queue; a child reads them.
# Python's standard library has no POSIX message queue (mq_open; the third-party posix_ipc
# has one), so no priorities either. multiprocessing.Queue is the nearest: a pipe, a lock, a
# semaphore and a feeder thread that pickles each object into the pipe; first in, first out.
from multiprocessing import Process, Queue

MESSAGES = 6


def reader(q):
    got = []
    while (message := q.get()) is not None:  # step: receive
        got.append(message)  # step: work
    print(f"child got {got}", flush=True)


if __name__ == "__main__":
    q = Queue(maxsize=3)  # put() waits while 3 messages are queued
    child = Process(target=reader, args=(q,))
    child.start()  # step: fork
    for n in range(1, MESSAGES + 1):  # step: work
        q.put(n)  # step: send
    q.put(None)
    child.join()  # step: wait
