#!/usr/bin/env python3
"""Stop 21, the copies of the model's input and output: per plan of `scission validate --json` documents, the
stop-20 residual (measured plan latency - measured compute - predicted transfer, medians as validate reports them)
before and after subtracting the predicted copy term (the profiles' copyCost: the input's copy on the source when it
runs the first segment, the output's copy on the last resource; validate returns no result), the measured
`convert`, and the plan's error with and without the term (validate's prediction includes it; without = minus it).

  python3 copies.py JSON_DIR PROFILES_DIR [MODEL...]
"""
import glob
import json
import os
import re
import statistics
import sys

d, profiles = sys.argv[1], sys.argv[2]
models = [m.lower() for m in sys.argv[3:]]
groups = {}
print("| model | network | rank | hops | copies predicted ms | convert measured ms | residual before ms | "
      "residual after ms | error without | error with |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for f in sorted(glob.glob(os.path.join(d, "*.json"))):
    doc = json.load(open(f))
    m = doc["model"].lower()
    if models and m not in models:
        continue
    prof = {}
    for pf in glob.glob(os.path.join(profiles, m, "*.json")):
        p = json.load(open(pf))
        prof[p["resource"]["name"]] = p
    for p in doc["plans"]:
        segs = p["plan"].split(":", 1)[1]
        names = re.findall(r"(\S+) \(\w+\) \d+-\d+", segs)
        source_runs = "input from" not in segs
        hops = segs.count("|") + (0 if source_runs else 1)
        first, last = prof[names[0]], prof[names[-1]]
        cin = first.get("copyCost", {})
        cout = last.get("copyCost", {})
        in_bytes = first["model"]["inputBytes"]
        out_bytes = last["blocks"][-1]["outputBytes"]
        copies = 0.0
        if source_runs:
            copies += cin.get("inFixedSeconds", 0) + in_bytes * cin.get("inSecondsPerByte", 0)
        copies += cout.get("outFixedSeconds", 0) + out_bytes * cout.get("outSecondsPerByte", 0)
        meas = p["measuredSeconds"]
        before = meas - p["measured"]["compute"] - p["predicted"]["transfer"]
        after = before - copies
        err_with = p["predictedSeconds"] / meas - 1
        err_without = (p["predictedSeconds"] - copies) / meas - 1
        key = "device only" if hops == 0 else f"{hops} hop(s)"
        groups.setdefault((doc["model"], key), []).append((before, after, copies, abs(err_without), abs(err_with)))
        print(f"| {doc['model']} | {doc['network']} | {p['rank']} | {hops} | {copies * 1e3:.2f} | "
              f"{p['measured']['convert'] * 1e3:.2f} | {before * 1e3:+.2f} | {after * 1e3:+.2f} | "
              f"{100 * err_without:+.1f} % | {100 * err_with:+.1f} % |")
print()
print("| model | plans | copies predicted ms | residual before: median (range) ms | after | "
      "median |error| without -> with |")
print("|---|---:|---|---|---|---|")
for (model, key), v in sorted(groups.items()):
    b = [x[0] * 1e3 for x in v]
    a = [x[1] * 1e3 for x in v]
    c = [x[2] * 1e3 for x in v]
    print(f"| {model}, {key} | {len(v)} | {min(c):.2f}-{max(c):.2f} | {statistics.median(b):+.2f} "
          f"({min(b):+.2f} to {max(b):+.2f}) | {statistics.median(a):+.2f} ({min(a):+.2f} to {max(a):+.2f}) | "
          f"{100 * statistics.median([x[3] for x in v]):.1f} -> {100 * statistics.median([x[4] for x in v]):.1f} % |")
