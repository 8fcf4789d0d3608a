#!/usr/bin/env python3
"""What moved validate's measurements (issue #12, stop 20): reads `scission validate --json` documents (with the
per-inference `inferences` of stop 20) and prints, over all their plans:

- slow inferences: compute more than 10 % above the plan's median compute, with the CPU other processes used
  meanwhile (`outsideCores`): a slow inference with ~0 outside load was not slowed by a process of this machine;
- first of a turn against the rest: each plan runs a few inferences per turn (validate --rounds); if the first of
  a turn is slower (the plan's workers were idle while the other plans ran), interleaving itself costs time;
- how much the outside load and a plan's compute move together (Pearson r over all inferences).

Usage: python3 inferences.py DIR_OR_FILE...
"""
import glob
import json
import os
import statistics
import sys


def docs(args):
    for a in args:
        for f in sorted(glob.glob(os.path.join(a, "*.json"))) if os.path.isdir(a) else [a]:
            with open(f) as h:
                d = json.load(h)
            if any("inferences" in p for p in d.get("plans", [])):
                yield f, d


def pearson(a, b):
    if len(a) < 3 or statistics.pstdev(a) == 0 or statistics.pstdev(b) == 0:
        return float("nan")
    ma, mb = statistics.mean(a), statistics.mean(b)
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / (len(a) * statistics.pstdev(a) * statistics.pstdev(b))


def main():
    slow, total, firsts, rests, rel, outs = [], 0, [], [], [], []
    for f, d in docs(sys.argv[1:]):
        for p in d["plans"]:
            xs = p["inferences"]
            med = statistics.median(x["computeSeconds"] for x in xs)
            prev = None
            for i, x in enumerate(xs):
                total += 1
                r = x["computeSeconds"] / med - 1
                o = x.get("outsideCores")
                if o is not None:
                    rel.append(r)
                    outs.append(o)
                if r > 0.10:
                    slow.append((os.path.basename(f), p["rank"], x["round"], r, o))
                first = prev is None or x["round"] != prev
                (firsts if first else rests).append(r)
                prev = x["round"]
    print("%d inferences; %d with compute > 10 %% above their plan's median:" % (total, len(slow)))
    for s in slow:
        print("  %-24s plan %d round %d: %+.1f %%, other processes %s cores" % (
            s[0], s[1], s[2], s[3] * 100, "-" if s[4] is None else "%.2f" % s[4]))
    if slow:
        quiet = [s for s in slow if s[4] is not None and s[4] < 0.1]
        print("  of them with other processes below 0.1 core: %d" % len(quiet))
    if firsts and rests:
        print("compute relative to the plan's median: first of a turn median %+.1f %% (mean %+.1f %%, n=%d); "
              "the rest median %+.1f %% (mean %+.1f %%, n=%d)" % (
                  statistics.median(firsts) * 100, statistics.mean(firsts) * 100, len(firsts),
                  statistics.median(rests) * 100, statistics.mean(rests) * 100, len(rests)))
        print("  first of a turn > 10 %% above: %d of %d; the rest: %d of %d" % (
            sum(r > 0.1 for r in firsts), len(firsts), sum(r > 0.1 for r in rests), len(rests)))
    if outs:
        print("other processes: median %.2f, max %.2f cores; Pearson r(outside load, relative compute) = %.2f" % (
            statistics.median(outs), max(outs), pearson(outs, rel)))


if __name__ == "__main__":
    main()
