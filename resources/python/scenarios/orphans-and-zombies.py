# orphans-and-zombies: a child that ends before its parent waits is a zombie until it is
# reaped; a child whose parent ends first is an orphan, adopted by the nearest subreaper
# (PR_SET_CHILD_SUBREAPER, often the desktop's session manager or systemd --user) or by init.
import os
import time


def state(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0]  # after the name: Z for a zombie


if __name__ == "__main__":
    zombie = os.fork()
    if zombie == 0:
        os._exit(0)
    while state(zombie) != "Z":  # until it has ended; nobody has waited for it yet
        time.sleep(0.01)
    print(f"zombie {zombie}: state {state(zombie)} before waitpid", flush=True)
    os.waitpid(zombie, 0)  # reaped: only now is it gone
    print(f"zombie {zombie}: reaped, /proc entry gone {not os.path.exists(f'/proc/{zombie}')}")
    report_r, report_w = os.pipe()
    middle = os.fork()
    if middle == 0:
        parent = os.getpid()  # taken before the fork: the parent may be gone by the child's start
        if os.fork() == 0:  # the orphan-to-be
            while os.getppid() == parent:  # until its parent has ended
                time.sleep(0.01)
            os.write(report_w, f"{parent} {os.getppid()}".encode())
            os._exit(0)
        os._exit(0)  # ends without waiting for its child
    os.waitpid(middle, 0)
    before, after = os.read(report_r, 64).decode().split()
    print(f"orphan: parent {before} ended, new parent {after}", flush=True)
