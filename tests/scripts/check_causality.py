#!/usr/bin/env python3
"""Independent check of an Interleave CSV trace: does any effect come before its cause?

Reads only the CSV's rows (ns, actor, pid, kind, object, a, b) and reports, per kind of check:
receives before their send (per object, the k-th receive of a number against the k-th send of
it), items taken before they were put, signals handled before they were sent, semaphores below
zero, mutexes with two owners, readers inside a write-locked rwlock.

    check_causality.py TRACE.csv [TRACE.csv ...]    exit 1 if any trace has a violation
"""
import csv
import sys
from collections import defaultdict


def check(path):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows.append((int(r["ns"]), r["kind"], r["object"], int(r["a"]), int(r["b"]),
                         r["actor"], r["pid"], r["object_name"]))
    rows.sort(key=lambda r: r[0])  # stable: ties keep file order
    sends, puts = defaultdict(list), defaultdict(list)
    for ns, kind, obj, a, b, actor, pid, _ in rows:
        if kind == "msg_send":
            sends[(obj, a, "")].append(ns)
        elif kind == "signal_send":
            sends[(obj, b, pid)].append(ns)
        elif kind == "queue_put":
            puts[(obj, a, "")].append(ns)
    used = defaultdict(int)
    found = defaultdict(lambda: [0, 0, 0])  # check -> [checked, violations, worst ns]
    sem = {}
    owner, readers, writers = {}, defaultdict(int), defaultdict(int)

    def effect(name, causes, key, ns):
        k = used[(name,) + key]
        used[(name,) + key] += 1
        f = found[name]
        f[0] += 1
        times = causes.get(key, [])
        if k >= len(times) or ns < times[k]:
            f[1] += 1
            if k < len(times):
                f[2] = max(f[2], times[k] - ns)

    for ns, kind, obj, a, b, actor, pid, name in rows:
        if kind == "msg_receive":
            effect("receive after send", sends, (obj, a, ""), ns)
        elif kind == "signal_handled":
            effect("signal handled after sent", sends, (obj, b, str(a)), ns)
        elif kind == "queue_get":
            effect("get after put", puts, (obj, a, ""), ns)
        elif kind in ("sem_acquired", "sem_released"):
            f = found["semaphore within permits"]
            f[0] += 1
            if obj not in sem:
                # The value an acquisition leaves plus one is the value before it.
                sem[obj] = a + 1 if kind == "sem_acquired" else a - 1
            sem[obj] += -1 if kind == "sem_acquired" else 1
            if sem[obj] < 0:
                f[1] += 1
        elif kind == "lock_acquired":
            f = found["one mutex owner"]
            f[0] += 1
            if owner.get(obj):
                f[1] += 1
            owner[obj] = actor
        elif kind == "lock_released":
            owner[obj] = None
        elif kind == "rw_read_acquired":
            f = found["no reader with a writer"]
            f[0] += 1
            if writers[obj]:
                f[1] += 1
            readers[obj] += 1
        elif kind == "rw_read_released":
            readers[obj] -= 1
        elif kind == "rw_write_acquired":
            f = found["no reader with a writer"]
            f[0] += 1
            if writers[obj] or readers[obj]:
                f[1] += 1
            writers[obj] += 1
        elif kind == "rw_write_released":
            writers[obj] -= 1
    return found


def main():
    bad = False
    for path in sys.argv[1:]:
        for name, (checked, violations, worst) in sorted(check(path).items()):
            pct = 100.0 * violations / checked if checked else 0.0
            print(f"{path}: {name}: {violations} of {checked} ({pct:.1f}%) wrong"
                  + (f", worst by {worst / 1000:.1f} us" if worst else ""))
            bad |= violations > 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
