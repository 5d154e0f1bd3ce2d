# producer-consumer: producers and consumers share a bounded buffer.
# queue.Queue is the lock-and-two-conditions variant: inside, a put waits on the condition
# "not_full" and a get on "not_empty", both built on one mutex (Lib/queue.py).
import queue
import threading

PRODUCERS, CONSUMERS, ITEMS_EACH, CAPACITY = 2, 2, 10, 3
buffer = queue.Queue(maxsize=CAPACITY)
taken = []
taken_lock = threading.Lock()


def producer(p):
    for i in range(ITEMS_EACH):
        buffer.put(p * 100 + i)  # waits while full  # step: work, put, wait not_full, lock, unlock, signal not_empty


def consumer():
    while True:
        item = buffer.get()  # waits while empty  # step: get, wait not_empty, lock, unlock, signal not_full
        if item is None:  # one "stop" per consumer, after every item
            return
        with taken_lock:
            taken.append(item)  # step: work


if __name__ == "__main__":
    consumers = [threading.Thread(target=consumer) for _ in range(CONSUMERS)]
    producers = [threading.Thread(target=producer, args=(p,)) for p in range(PRODUCERS)]
    for t in consumers + producers:
        t.start()  # step: start
    for t in producers:
        t.join()  # step: join
    for _ in consumers:
        buffer.put(None)  # step: close, signal all
    for t in consumers:
        t.join()  # step: join
    print(f"produced {PRODUCERS * ITEMS_EACH}, taken {len(taken)}, distinct {len(set(taken))}")
