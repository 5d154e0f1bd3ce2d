#!/usr/bin/env python3
"""Real CPython beside Interleave's creation-cost: what starting a threading thread, a
multiprocessing process (under fork and under spawn) and a new program costs, start to end,
many times each after a warm-up. Prints one JSON object on stdout (Interleave reads it):
  {"python": "3.11.7", "gil": "enabled",
   "series": {"thread": [us, ...], "fork": [...], "spawn": [...], "program": [...]}}
Run by `interleave-lab run creation-cost --compare-python`; it also runs by itself:
  python3 creation_cost.py --samples 50
"""
import argparse
import json
import multiprocessing
import platform
import subprocess
import sys
import sysconfig
import threading
import time


def nothing():
    pass


def timed(start_and_end, samples, warmup=3):
    out = []
    for i in range(warmup + samples):
        t0 = time.perf_counter_ns()
        start_and_end()
        if i >= warmup:
            out.append((time.perf_counter_ns() - t0) / 1000)
    return out


def thread():
    t = threading.Thread(target=nothing)
    t.start()
    t.join()


def process(context):
    def run():
        p = context.Process(target=nothing)
        p.start()
        p.join()
    return run


def gil():
    if hasattr(sys, "_is_gil_enabled"):  # 3.13+: false on a free-threaded build without it
        return "enabled" if sys._is_gil_enabled() else "disabled"
    return "disabled" if sysconfig.get_config_var("Py_GIL_DISABLED") else "enabled"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=100)
    a = parser.parse_args()
    # spawn starts a new interpreter per process: far slower, so fewer samples of it.
    series = {
        "thread": timed(thread, a.samples),
        "fork": timed(process(multiprocessing.get_context("fork")), a.samples),
        "spawn": timed(process(multiprocessing.get_context("spawn")), max(5, a.samples // 10), 1),
        "program": timed(lambda: subprocess.run(["true"], check=True), a.samples),
    }
    print(json.dumps({"python": platform.python_version(), "gil": gil(), "series": series}))
