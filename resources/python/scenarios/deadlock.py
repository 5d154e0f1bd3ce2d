# deadlock: two threads each take two locks, in opposite orders: each ends up holding one and
# waiting for the other. A timeout on the second acquire is how this program notices.
import threading

lock_a, lock_b = threading.Lock(), threading.Lock()
both_hold_one, both_tried = threading.Barrier(2), threading.Barrier(2)
said = []  # list.append is atomic in CPython; printed by the main thread, one line each


def worker(name, first, second):
    with first:  # step: lock, unlock
        both_hold_one.wait()  # each holds its first lock now  # step: work
        got = second.acquire(timeout=0.5)  # step: lock
        both_tried.wait()  # neither lets its first lock go before both have given up
        if got:
            second.release()  # step: unlock
            said.append(f"{name}: got both locks")
        else:
            said.append(f"{name}: deadlock: waited 0.5 s for a lock the other thread holds")


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=("thread 1", lock_a, lock_b)),
               threading.Thread(target=worker, args=("thread 2", lock_b, lock_a))]
    for t in threads:
        t.start()  # step: start
    for t in threads:
        t.join()  # step: join
    print("\n".join(sorted(said)))
    # The fix: every thread takes the locks in one global order (a before b).
