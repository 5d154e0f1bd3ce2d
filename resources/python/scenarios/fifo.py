# fifo: two processes that share no descriptor meet at a named pipe (FIFO) and pass messages.
import os
import tempfile

MESSAGES = 5

if __name__ == "__main__":
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "fifo")
    os.mkfifo(path)
    if os.fork() == 0:  # step: fork
        with open(path, "rb") as r:  # open waits until a writer opens the other end
            got = [int(line) for line in r]  # step: receive, work
        print(f"reader got {got}", flush=True)
        os._exit(0)
    with open(path, "wb") as w:  # and this open waits for a reader
        for n in range(1, MESSAGES + 1):  # step: work
            w.write(f"{n}\n".encode())  # step: send
    os.wait()  # step: wait
    os.unlink(path)  # the name goes; the reader had its own open descriptor
    os.rmdir(folder)
    print(f"fifo removed: {not os.path.exists(path)}")
