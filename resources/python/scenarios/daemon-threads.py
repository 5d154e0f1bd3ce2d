# daemon-threads: the main thread returns while two workers are busy. Python joins every
# non-daemon thread at shutdown by itself (threading._shutdown), so the plain worker finishes;
# a daemon thread is cut off mid-work. (In C and C++ every thread ends when main returns.)
import threading
import time


def work(name, steps):
    for step in range(1, steps + 1):
        time.sleep(0.02)  # step: work
        print(f"{name}: step {step} of {steps}", flush=True)
    print(f"{name}: finished", flush=True)


if __name__ == "__main__":
    threading.Thread(target=work, args=("worker", 5)).start()  # step: start
    threading.Thread(target=work, args=("daemon", 50), daemon=True).start()  # step: start
    print("main: returns without joining anyone", flush=True)  # Python joins at exit  # step: join
