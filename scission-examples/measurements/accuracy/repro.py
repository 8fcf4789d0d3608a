#!/usr/bin/env python3
"""Stop 21: the reproducibility of a profile (repro-stop21.sh's output directory).

For every profile a<k>.json (passes back to back) and b<k>.json (passes spread over a window): the sum of the block
medians (what a device-only plan's compute is predicted as), the whole model's median, the additivity error, the
passes and when they ran; for every timeline t-<name>.txt the median of the segment's time. Then the spread of the
block sums and the whole-model medians within each kind (range and standard deviation, relative to their median),
and each profile's block sum against the median of all timelines (the segment measured in between).

  python3 repro.py DIR
"""
import glob
import json
import os
import re
import statistics
import sys


def profile(path):
    d = json.load(open(path))
    blocks = sum(b["summary"]["median"] for b in d["blocks"]) * 1e3
    whole = d["ranges"][0]["summary"]["median"] * 1e3
    s = d["provenance"]["sampling"]
    notes = d["provenance"]["notes"]
    m = re.search(r"started at \(whole model raw\): (.*?)\.(?: |$)", notes)
    return {"blocks": blocks, "whole": whole, "passes": s["passes"], "stop": s["stop"],
            "window": s["rule"].get("windowSeconds", 0), "starts": m.group(1) if m else "",
            "date": d["provenance"]["date"]}


def timeline(path):
    seg = [float(l.split()[1]) for l in open(path) if l[:1].isdigit() and len(l.split()) >= 8]
    return statistics.median(seg) if seg else float("nan"), len(seg)


def spread(values):
    med = statistics.median(values)
    return "median %.1f ms, range %.1f-%.1f ms (%.1f %% of the median), sd %.1f ms (%.1f %%)" % (
        med, min(values), max(values), (max(values) - min(values)) / med * 100, statistics.pstdev(values),
        statistics.pstdev(values) / med * 100)


def main(d):
    kinds = {"a": "back to back (--budget 20)", "b": "over a window (--budget 20 --window W)"}
    timelines = {}
    for p in sorted(glob.glob(os.path.join(d, "t-*.txt"))):
        timelines[os.path.basename(p)[2:-4]] = timeline(p)
    all_t = [v[0] for v in timelines.values() if v[1]]
    ref = statistics.median(all_t) if all_t else float("nan")
    print("| profile | date | passes (stop) | sum of block medians (ms) | whole model (ms) | additivity | "
          "vs timelines' median | timeline right after (ms) |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    rows = {}
    for k in "ab":
        for p in sorted(glob.glob(os.path.join(d, k + "*.json")), key=lambda x: int(re.sub(r"\D", "", os.path.basename(x)))):
            name = os.path.basename(p)[:-5]
            r = profile(p)
            rows.setdefault(k, []).append(r)
            t = timelines.get(name, (float("nan"), 0))[0]
            print("| %s | %s | %d (%s) | %.1f | %.1f | %+.1f %% | %+.1f %% | %.1f |" % (
                name, r["date"][11:19], r["passes"], r["stop"], r["blocks"], r["whole"],
                (r["blocks"] - r["whole"]) / r["whole"] * 100, (r["blocks"] - ref) / ref * 100, t))
    print()
    print("Timelines (median segment ms, inferences): " + ", ".join(
        "%s %.1f (%d)" % (k, v[0], v[1]) for k, v in timelines.items()))
    if all_t:
        print("All timelines: " + spread(all_t))
    for k, rs in rows.items():
        print()
        print("%s, %d profiles:" % (kinds[k], len(rs)))
        print("  sum of block medians: " + spread([r["blocks"] for r in rs]))
        print("  whole model:          " + spread([r["whole"] for r in rs]))
        if all_t:
            errs = [abs(r["blocks"] - ref) / ref * 100 for r in rs]
            print("  |block sum - timelines' median|: median %.1f %%, worst %.1f %%" % (
                statistics.median(errs), max(errs)))
        for r in rs:
            if r["starts"]:
                print("  passes of %s: %s" % (r["date"][11:19], r["starts"]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "rep")
