# fork-exec: how a shell runs a command: fork a copy, exec the program in it, wait for its
# status. (subprocess.run does all three; here they are one by one.)
import os
import sys


def run(argv):
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)  # replaces this copy's program; returns only on failure
        except OSError as e:
            print(f"exec {argv[0]}: {e.strerror}", file=sys.stderr, flush=True)
            os._exit(127)  # what a shell says of a command it could not run
    _, status = os.waitpid(pid, 0)
    print(f"{' '.join(argv)}: pid {pid}, exit status {os.waitstatus_to_exitcode(status)}",
          flush=True)


if __name__ == "__main__":
    run(["true"])
    run(["sh", "-c", "exit 3"])
    run(["no-such-program-here"])
