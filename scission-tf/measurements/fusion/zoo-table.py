#!/usr/bin/env python3
"""Side-by-side additivity table of today's timing and --fusion's, from additivity.sh's output (issue #12).

  python3 scission-tf/measurements/fusion/zoo-table.py DIR [DIR ...]

Each DIR holds t<threads>-none/ and t<threads>-default/ as additivity.sh writes them (report.md and one profile
JSON per model). Prints, per model: blocks under the paper's rule and under --fusion, the cuts fusion crossed (from
the fused profile's partition rule, BASE-fused:I,J,...), the whole-model median of each session and the speed-up,
each additivity error (sum of block medians against the whole-model median) and each profiling time; then the
median and worst |error| of each column over the models. Standard library only.
"""
import glob
import json
import os
import statistics
import sys


def rows(report):
    """The model rows of an AdditivityIT report.md, as dicts."""
    out = {}
    with open(report) as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 14 or cells[0] in ("model", "---") or cells[0].startswith("-"):
                continue
            out[cells[0]] = {"blocks": int(cells[1]), "passes": cells[2], "stop": cells[3],
                             "whole": float(cells[5]), "error": float(cells[7].rstrip("%")),
                             "seconds": float(cells[12])}
    return out


def crossed(profile):
    with open(profile) as f:
        rule = json.load(f)["model"]["partitionRule"]
    if "-fused" not in rule:
        raise SystemExit("%s: not a fused profile (rule %s)" % (profile, rule))
    tail = rule.split("-fused", 1)[1]
    return len(tail[1:].split(",")) if tail.startswith(":") else 0


def main(dirs):
    table = []
    for d in dirs:
        for none_dir in sorted(glob.glob(os.path.join(d, "t*-none"))):
            fused_dir = none_dir[:-len("none")] + "default"
            none, fused = rows(os.path.join(none_dir, "report.md")), rows(os.path.join(fused_dir, "report.md"))
            for model in none:
                if model not in fused:
                    print("%s: no --fusion row in %s (failed?)" % (model, fused_dir), file=sys.stderr)
                    continue
                n, f = none[model], fused[model]
                table.append((model, n, f, crossed(os.path.join(fused_dir, model + ".json"))))
    print("| model | blocks: paper → `--fusion` | cuts crossed | whole model, today → `--fusion` (ms) | speed-up "
          "| additivity error, today → `--fusion` | passes (stop), today → `--fusion` | seconds, today → `--fusion` |")
    print("|---|---|---:|---:|---:|---|---|---:|")
    for model, n, f, c in table:
        print("| %s | %d → %d | %d | %.1f → %.1f | %.2f× | %+.1f %% → %+.1f %% | %s %s → %s %s | %.0f → %.0f |" % (
            model, n["blocks"], f["blocks"], c, n["whole"], f["whole"], n["whole"] / f["whole"], n["error"],
            f["error"], n["passes"], n["stop"], f["passes"], f["stop"], n["seconds"], f["seconds"]))
    for name, i in (("today", 1), ("--fusion", 2)):
        errors = [abs(r[i]["error"]) for r in table]
        secs = sum(r[i]["seconds"] for r in table)
        goal = sum(30 * r[i]["whole"] / 1e3 for r in table)
        print("%s: %d models, |error| median %.1f %%, worst %.1f %% (%s); profiling %.0f s, %.2f × 30 whole-model "
              "times" % (name, len(table), statistics.median(errors), max(errors),
                         max(table, key=lambda r: abs(r[i]["error"]))[0], secs, secs / goal))
    speed = [r[1]["whole"] / r[2]["whole"] for r in table]
    print("speed-up of the whole model: median %.2f×, range %.2f-%.2f×; cuts crossed in %d of %d models" % (
        statistics.median(speed), min(speed), max(speed), sum(1 for r in table if r[3] > 0), len(table)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1:])
