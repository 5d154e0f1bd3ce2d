#!/usr/bin/env python3
"""Real CPython beside Interleave's race-condition: threads each add one to a shared counter
many times, with no lock, written two ways. `counter += 1` is a read and a write, but CPython
3.10+ (with its GIL) switches threads only at some instructions (a backward jump, a function's
start), never between them: it usually loses nothing. `counter = add_one(counter)` puts a
function's start between the read and the write, and updates are lost. A free-threaded build
(PEP 703: 3.13t, 3.14t) loses them both ways. Prints one JSON object on stdout:
  {"python": "3.11.7", "gil": "enabled", "expected": 200000,
   "plain": [got, ...], "call": [got, ...]}
Run by `interleave-lab run race-condition --compare-python`; also by itself:
  python3 race_condition.py --threads 2 --increments 100000 --reps 3
"""
import argparse
import json
import platform
import sys
import sysconfig
import threading

counter = 0


def add_one(value):
    return value + 1


def plain(n):
    global counter
    for _ in range(n):
        counter += 1


def call(n):
    global counter
    for _ in range(n):
        counter = add_one(counter)


def run(body, threads, n):
    global counter
    counter = 0
    workers = [threading.Thread(target=body, args=(n,)) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter


def gil():
    if hasattr(sys, "_is_gil_enabled"):
        return "enabled" if sys._is_gil_enabled() else "disabled"
    return "disabled" if sysconfig.get_config_var("Py_GIL_DISABLED") else "enabled"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--increments", type=int, default=100000)
    parser.add_argument("--reps", type=int, default=3)
    a = parser.parse_args()
    print(json.dumps({
        "python": platform.python_version(), "gil": gil(),
        "expected": a.threads * a.increments,
        "plain": [run(plain, a.threads, a.increments) for _ in range(a.reps)],
        "call": [run(call, a.threads, a.increments) for _ in range(a.reps)],
    }))
