# pipe: a parent writes numbered messages into a pipe; a child process reads them.
# multiprocessing.Pipe(duplex=False) is an os.pipe underneath; Pipe() with its default
# duplex=True is a socket pair instead.
import os

MESSAGES, SIZE = 8, 16

if __name__ == "__main__":
    read_end, write_end = os.pipe()
    pid = os.fork()  # step: fork
    if pid == 0:
        os.close(write_end)  # else the reader would never see end of file
        got = []
        with os.fdopen(read_end, "rb") as r:
            while message := r.read(SIZE):  # b"" at end of file: the writer closed its end  # step: receive
                got.append(int(message))  # step: work
        print(f"child read {got}", flush=True)
        os._exit(0)
    os.close(read_end)
    for n in range(1, MESSAGES + 1):  # step: work
        os.write(write_end, f"{n:{SIZE}d}".encode())  # blocks while the pipe is full  # step: send
    os.close(write_end)
    os.waitpid(pid, 0)  # step: wait
