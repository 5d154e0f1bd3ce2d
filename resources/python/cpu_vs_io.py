#!/usr/bin/env python3
"""Real CPython beside Interleave's cpu-vs-io: the same tasks done sequentially, by a pool of
threading threads and by a pool of multiprocessing processes, with a warm-up and repetitions,
timed on the wall clock. Prints one JSON object on stdout (Interleave reads it):
  {"python": "3.11.7", "gil": "enabled", "cores": 2,
   "points": [{"executor": "threads", "workers": 2, "ms": [...]}]}
"gil" says whether this interpreter ran with the GIL: "disabled" only on a free-threaded build
(PEP 703: experimental in 3.13, supported since 3.14 by PEP 779) that has not turned it back on;
there, threads compute on several cores at once.
Run by `interleave-lab run cpu-vs-io --compare-python` and by the window's Compare button; it
also runs by itself: python3 cpu_vs_io.py --workload cpu --max-workers 4 --task-ms 40 --reps 3
"""
import argparse
import concurrent.futures
import json
import multiprocessing
import os
import platform
import sys
import sysconfig
import time

ITERS_PER_MS = 1


def spin(iterations):
    # A pure Python compute loop: it holds the GIL the whole time.
    x = 88172645463325252
    for _ in range(iterations):
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    return x


def calibrate():
    best = None
    trial = 200_000
    for _ in range(3):
        t0 = time.perf_counter()
        spin(trial)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return max(1, int(trial / (best * 1000)))


def task(args):
    workload, task_ms, iters_per_ms = args
    if workload == "cpu":
        spin(iters_per_ms * task_ms)
    elif workload == "io":
        time.sleep(task_ms / 1000)  # a blocking call: CPython drops the GIL around it
    else:  # mixed: half computing, half waiting, in four rounds
        for _ in range(4):
            spin(iters_per_ms * task_ms // 8)
            time.sleep(task_ms / 8000)
    return 0


def gil_state():
    # sys._is_gil_enabled() exists from 3.13 on and tells what this run does: a free-threaded
    # build may still turn the GIL on (PYTHON_GIL=1, or an extension that needs it). Before 3.13
    # only a build with Py_GIL_DISABLED could lack the GIL, and none was released.
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_enabled is not None:
        return "enabled" if is_enabled() else "disabled"
    return "disabled" if sysconfig.get_config_var("Py_GIL_DISABLED") else "enabled"


def worker_counts(most):
    n, out = 1, []
    while n < most:
        out.append(n)
        n *= 2
    out.append(most)
    return out


def measure(run, reps):
    run()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=["cpu", "io", "mixed"], default="cpu")
    parser.add_argument("--max-workers", type=int, default=4)
    parser.add_argument("--task-ms", type=int, default=40)
    parser.add_argument("--reps", type=int, default=3)
    a = parser.parse_args()
    if not (1 <= a.max_workers <= 16 and 1 <= a.task_ms <= 1000 and 1 <= a.reps <= 20):
        parser.error("max-workers 1..16, task-ms 1..1000, reps 1..20")
    iters = calibrate()
    args = (a.workload, a.task_ms, iters)
    points = []
    ctx = multiprocessing.get_context("fork")
    for n in worker_counts(a.max_workers):
        jobs = [args] * n
        points.append({"executor": "sequential", "workers": n,
                       "ms": measure(lambda: [task(j) for j in jobs], a.reps)})
        with concurrent.futures.ThreadPoolExecutor(n) as pool:
            points.append({"executor": "threads", "workers": n,
                           "ms": measure(lambda: list(pool.map(task, jobs)), a.reps)})
        with ctx.Pool(n) as pool:
            points.append({"executor": "processes", "workers": n,
                           "ms": measure(lambda: pool.map(task, jobs, chunksize=1), a.reps)})
    json.dump({"python": platform.python_version(), "implementation":
               platform.python_implementation(), "gil": gil_state(), "cores": os.cpu_count(),
               "points": points},
              sys.stdout)
    print()


if __name__ == "__main__":
    main()
