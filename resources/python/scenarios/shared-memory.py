# shared-memory: producer and consumer processes share a ring of slots in shared memory, with
# two semaphores counting free and filled slots (the bytes themselves have no lock).
from multiprocessing import Process, Semaphore, shared_memory

SLOTS, ITEMS = 4, 20


def producer(name, free, filled):
    ring = shared_memory.SharedMemory(name=name)
    for n in range(1, ITEMS + 1):  # step: work
        free.acquire()  # waits while every slot is full  # step: acquire free_slots
        ring.buf[n % SLOTS] = n  # step: put, acquire lock, release lock
        filled.release()  # step: release filled_slots
    ring.close()


def consumer(name, free, filled):
    ring = shared_memory.SharedMemory(name=name)
    got = []
    for n in range(1, ITEMS + 1):  # step: work
        filled.acquire()  # waits while every slot is empty  # step: acquire filled_slots
        got.append(ring.buf[n % SLOTS])  # step: get, acquire lock, release lock
        free.release()  # step: release free_slots
    ring.close()
    print(f"consumer took {got}", flush=True)


if __name__ == "__main__":
    ring = shared_memory.SharedMemory(create=True, size=SLOTS)
    free, filled = Semaphore(SLOTS), Semaphore(0)
    workers = [Process(target=f, args=(ring.name, free, filled)) for f in (producer, consumer)]
    for w in workers:
        w.start()  # step: fork
    for w in workers:
        w.join()  # step: wait
    ring.close()  # step: close, acquire lock, release lock, release filled_slots
    ring.unlink()  # once, by one process: the segment has a name in /dev/shm until then
