#!/usr/bin/env python3
"""Every thread and process scenario has its Python program (resources/python/scenarios), and
each one, run by the python3 this machine has, shows what its lesson says.

  check_python_programs.py LAB_BIN_DIR SOURCE_DIR

The scenario list comes from the real `interleave-lab list`, so a new scenario without a
program fails here. Each program runs once, with the small parameters written in it; a check
is a pattern its output must match (and, for a few, one it must not)."""
import os
import re
import signal
import subprocess
import sys
import time

# socket's program is not socket.py: run from its folder, that name would hide Python's own
# socket module from every program there (multiprocessing imports it).
FILE = {"socket": "socket-pair"}

# What each run must print (every pattern, in any order), and what it must not.
MUST = {
    # Patterns that refer back to a group are one pattern, over the lines in their order.
    "hello-threads-and-processes": [
        r"(?s)thread 1: pid (?P<main>\d+).*thread 2: pid (?P=main)\b",
        r"main: counter 8 \(the processes changed their own copies\)"],
    "producer-consumer": [r"produced 20, taken 20, distinct 20"],
    "race-condition": [r"no lock: counter \d+ of 20, [1-9]\d* updates lost",
                       r"mutex: counter 20 of 20, 0 updates lost"],
    "deadlock": [r"thread 1: deadlock", r"thread 2: deadlock"],
    "reader-writer": [r"most readers inside together [2-9], writer with anyone else 0 times"],
    "semaphore-pool": [r"at most 2 of 5 workers inside at once"],
    "daemon-threads": [r"worker: finished", r"daemon: step \d+ of 50"],
    "fork-tree": [r"child 3 pid", r"grandchild pid \d+, parent \d+"],
    "fork-exec": [r"true: pid \d+, exit status 0", r"exit 3: pid \d+, exit status 3",
                  r"no-such-program-here: pid \d+, exit status 127"],
    "shared-vs-separate-memory": [
        r"(?s)threads: counter 10 at (?P<at>0x[0-9a-f]+).*child 1: counter 110 at (?P=at)\b"
        r".*parent: counter 10 at (?P=at)\b"],
    "pipe": [r"child read \[1, 2, 3, 4, 5, 6, 7, 8\]"],
    "shared-memory": [r"consumer took \[" + ", ".join(str(n) for n in range(1, 21)) + r"\]"],
    "fifo": [r"reader got \[1, 2, 3, 4, 5\]", r"fifo removed: True"],
    "message-queue": [r"child got \[1, 2, 3, 4, 5, 6\]"],
    "semaphore": [r"at most 2 of 5 processes inside at once"],
    "socket": [r"squares \[1, 4, 9, 16, 25\]"],
    "signals": [r"SIGUSR1 sent 3, received 1\b", r"SIGRTMIN sent 3, received 3\b"],
    "orphans-and-zombies": [r"state Z before waitpid", r"reaped, /proc entry gone True",
                            r"orphan: parent (?P<p>\d+) ended, new parent (?!(?P=p)\b)\d+"],
    "crash-isolation": [r"divider: ZeroDivisionError, the process goes on",
                        r"process 1: killed by SIGSEGV", r"process 2: exited with 0"],
}
MUST_NOT = {"daemon-threads": [r"daemon: finished"]}


def scenarios(lab_dir):
    out = subprocess.run([os.path.join(lab_dir, "interleave-lab"), "list"], check=True,
                         capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()
            if len(line.split()) > 1 and line.split()[1] in ("threads", "processes")]


def main():
    lab_dir, source = sys.argv[1], sys.argv[2]
    folder = os.path.abspath(os.path.join(source, "resources", "python", "scenarios"))
    failures = []
    names = scenarios(lab_dir)
    if len(names) < 19:
        failures.append(f"`interleave-lab list` gave only {len(names)} thread/process scenarios")
    unknown = set(MUST) - set(names)
    if unknown:
        failures.append(f"checks for scenarios the lab does not list: {sorted(unknown)}")
    for name in names:
        path = os.path.join(folder, FILE.get(name, name) + ".py")
        if not os.path.exists(path):
            failures.append(f"{name}: no program {path}")
            continue
        text = open(path, encoding="utf-8").read()
        lines = text.count("\n")
        if 'if __name__ == "__main__":' not in text:
            failures.append(f"{name}: no `if __name__ == \"__main__\":` guard")
        if not 10 <= lines <= 40:
            failures.append(f"{name}: {lines} lines (a short program: 10 to 40)")
        if name not in MUST:
            failures.append(f"{name}: nothing to check its output against")
            continue
        start = time.monotonic()
        # A session of its own: a program stuck past the timeout goes with every process it
        # forked, none is left behind.
        run = subprocess.Popen([sys.executable, path], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=folder,
                               start_new_session=True)
        try:
            said, errors = run.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
            failures.append(f"{name}: still running after 30 s")
            continue
        took = time.monotonic() - start
        if run.returncode != 0:
            failures.append(f"{name}: exit status {run.returncode}: {errors.strip()}")
        for pattern in MUST[name]:
            if not re.search(pattern, said):
                failures.append(f"{name}: no match for {pattern!r} in:\n{said}")
        for pattern in MUST_NOT.get(name, []):
            if re.search(pattern, said):
                failures.append(f"{name}: must not print {pattern!r}:\n{said}")
        print(f"{name}: {took:.2f} s, {len(MUST[name])} checks")
    for f in failures:
        print("FAIL", f)
    print(f"{len(names)} programs, {len(failures)} failures, under {sys.version.split()[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
