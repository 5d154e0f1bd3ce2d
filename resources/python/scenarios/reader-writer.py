# reader-writer: readers share a lock, a writer needs it alone. threading has no such lock;
# this one, on a Condition, prefers readers (a writer waits for every reader to leave).
import threading
import time

inside = {"readers": 0, "writers": 0, "most_readers": 0, "writer_with_others": 0}
changed = threading.Condition()


def read():
    with changed:  # step: read lock
        changed.wait_for(lambda: inside["writers"] == 0)
        inside["readers"] += 1
        inside["most_readers"] = max(inside["most_readers"], inside["readers"])
    time.sleep(0.05)  # reading, together with the other readers  # step: work
    with changed:  # step: read unlock, signal all
        inside["readers"] -= 1
        changed.notify_all()


def write():
    with changed:  # step: write lock
        changed.wait_for(lambda: inside["readers"] == 0 and inside["writers"] == 0)
        inside["writers"] += 1
    time.sleep(0.01)  # writing, alone  # step: work
    with changed:  # step: write unlock, signal all
        if inside["readers"] or inside["writers"] > 1:
            inside["writer_with_others"] += 1
        inside["writers"] -= 1
        changed.notify_all()


if __name__ == "__main__":
    threads = [threading.Thread(target=f) for f in (read, read, write, read, read)]
    for t in threads:
        t.start()  # step: start
    for t in threads:
        t.join()  # step: join
    print(f"most readers inside together {inside['most_readers']}, "
          f"writer with anyone else {inside['writer_with_others']} times")
