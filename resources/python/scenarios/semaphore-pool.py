# semaphore-pool: a counting semaphore lets at most K of N workers in at once; the others wait
# at the door.
import threading
import time

K, N = 2, 5
door = threading.BoundedSemaphore(K)
count_lock = threading.Lock()
inside = most_inside = 0


def worker():
    global inside, most_inside
    with door:  # waits while K workers are inside  # step: acquire, release
        with count_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.05)  # step: work
        with count_lock:
            inside -= 1


if __name__ == "__main__":
    threads = [threading.Thread(target=worker) for _ in range(N)]
    for t in threads:
        t.start()  # step: start
    for t in threads:
        t.join()  # step: join
    print(f"at most {most_inside} of {N} workers inside at once (K = {K})")
