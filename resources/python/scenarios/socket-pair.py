# socket (this file is not socket.py: run from this folder, that name would hide Python's own
# socket module from every program here): a client process sends numbers through a UNIX-domain socket pair; a server process
# answers each with its square.
import os
import socket

NUMBERS = [1, 2, 3, 4, 5]

if __name__ == "__main__":
    client, server = socket.socketpair()  # AF_UNIX, SOCK_STREAM: both ways, in order
    if os.fork() == 0:  # step: fork
        client.close()
        with server, server.makefile("rw") as f:
            for line in f:  # step: receive server
                f.write(f"{int(line) ** 2}\n")  # step: send client, work
                f.flush()
        os._exit(0)
    server.close()
    answers = []
    with client, client.makefile("rw") as f:
        for n in NUMBERS:  # step: work
            f.write(f"{n}\n")  # step: send server
            f.flush()
            answers.append(int(f.readline()))  # step: receive client
        client.shutdown(socket.SHUT_WR)  # end of file for the server
    os.wait()  # step: wait
    print(f"squares {answers}")
