#!/usr/bin/env python3
"""Stop 20, the hop between two JVMs: per plan of `scission validate --json` documents, the residual
(measured plan latency - measured compute - predicted transfer, medians as validate reports them), the predicted
hop cost and the error; then the median and range of the residual over plans with and without a hop.

  python3 residual.py DIR [MODEL...]     (DIR: validate's JSON documents, e.g. new1-json)
"""
import glob
import json
import os
import statistics
import sys

d = sys.argv[1]
models = [m.lower() for m in sys.argv[2:]]
by_hops = {}
print("| model | network | rank | hops | predicted transfer (hop cost) ms | measured - compute ms | residual ms | "
      "residual % | error |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for f in sorted(glob.glob(os.path.join(d, "*.json"))):
    doc = json.load(open(f))
    if models and doc["model"].lower() not in models:
        continue
    for p in doc["plans"]:
        segs = p["plan"].split(":", 1)[1]
        hops = segs.count("|") + (1 if "input from" in segs else 0)
        pt, ph = p["predicted"]["transfer"], p["predicted"]["hopCost"]
        beside = p["measuredSeconds"] - p["measured"]["compute"]
        res = beside - pt
        by_hops.setdefault(hops, []).append((res, res / p["measuredSeconds"]))
        print(f"| {doc['model']} | {doc['network']} | {p['rank']} | {hops} | {pt * 1e3:.1f} ({ph * 1e3:.1f}) | "
              f"{beside * 1e3:.1f} | {res * 1e3:+.1f} | {100 * res / p['measuredSeconds']:+.1f} % | "
              f"{100 * p['error']:+.1f} % |")
for h, v in sorted(by_hops.items()):
    ms = [r * 1e3 for r, _ in v]
    pc = [100 * q for _, q in v]
    print(f"{h} hop(s), {len(v)} plans: residual median {statistics.median(ms):+.1f} ms "
          f"({min(ms):+.1f} to {max(ms):+.1f}), median {statistics.median(pc):+.1f} % of the plan "
          f"({min(pc):+.1f} to {max(pc):+.1f} %)")
