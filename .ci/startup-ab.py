#!/usr/bin/env python3
"""A/B timing of whole processes, for judging one start-up change at a time (docs/benchmarks.md, start-up, run 4).

Usage: .ci/startup-ab.py ROUNDS SPEC.json, where SPEC.json is a list of [label, argv, extra-environment] (e.g.
["predict vgg19 -Xms16m", ["scission-examples/target/bin/scission", "predict", ...], {"SCISSION_OPTS": "-Xms16m"}]).
Every command runs twice untimed (the launcher records its class list, then writes its archive), then ROUNDS rounds
of one run of each command in turn (round-robin, so that load on the machine hits all commands alike). Prints each
label's median wall time, its quartiles and its median CPU time (user+sys). Run it under the machine's measurement
lock; compare only labels of the same run.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    with open(sys.argv[2]) as f:
        commands = [(label, argv, dict(os.environ, **env)) for label, argv, env in json.load(f)]
    for label, argv, env in commands:
        for _ in range(2):
            r = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                sys.exit("failed (%d): %s\n%s" % (r.returncode, label, r.stderr))
    wall = {label: [] for label, _, _ in commands}
    cpu = {label: [] for label, _, _ in commands}
    for _ in range(rounds):
        for label, argv, env in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            wall[label].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[label].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for label, _, _ in commands:
        w = sorted(wall[label])
        print("%-48s median %6.1f ms  (q1 %6.1f, q3 %6.1f)  cpu %6.1f ms" % (
            label, statistics.median(w) * 1000, w[len(w) // 4] * 1000, w[(3 * len(w)) // 4] * 1000,
            statistics.median(cpu[label]) * 1000))


if __name__ == "__main__":
    main()
