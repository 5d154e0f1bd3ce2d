# semaphore: a semaphore shared by processes lets at most K of N worker processes in at once.
import time
from multiprocessing import Process, Semaphore, Value

K, N = 2, 5


def worker(door, inside, most):
    with door:  # waits in the kernel while K workers are inside  # step: acquire, release
        with inside.get_lock():
            inside.value += 1
            most.value = max(most.value, inside.value)
        time.sleep(0.05)  # step: work
        with inside.get_lock():
            inside.value -= 1


if __name__ == "__main__":
    door, inside, most = Semaphore(K), Value("i", 0), Value("i", 0)
    workers = [Process(target=worker, args=(door, inside, most)) for _ in range(N)]
    for w in workers:
        w.start()  # step: fork
    for w in workers:
        w.join()  # step: wait
    print(f"at most {most.value} of {N} processes inside at once (K = {K})")
