#!/usr/bin/env python3
"""Predicted-against-measured latency table of `scission validate` (issue #12), as Markdown.

Three steps, each a plain loop over the `scission` CLI (run the first two under /work/tools/measure on the
build machine, so no other build disturbs the timings):

  profile   profiles each model as the demo's emulated resources: device = 1 intra-op thread, edge = 2,
            cloud = 2 (every core of the 2-core build machine), one `scission profile` per resource
  validate  runs `scission validate PROFILES/<model> MODEL --preset NET --top K --repeats N --json` per model and
            network, keeps each JSON document in OUT, and prints the table
  table     prints the table from the JSON documents already in OUT
  compare   prints one summary line per model and network of two runs (e.g. before and after a change)

Example (the commands behind docs/serving.md's tables):

  J=scission-examples/target/scission.jar; D=/work/h-grpc2-data
  /work/tools/measure python3 scission-examples/measurements/validation-table.py profile --jar $J \
      --profiles $D/profiles --models ResNet50 --budget 20
  /work/tools/measure python3 scission-examples/measurements/validation-table.py validate --jar $J \
      --profiles $D/profiles --out $D/before --models ResNet50 --networks 3g 4g wired --repeats 5
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

EMULATION = [("device", "device", 1), ("edge", "edge", 2), ("cloud", "cloud", 2)]
MODELS = ["ResNet50", "MobileNetV2", "VGG16", "InceptionV3", "DenseNet121"]
NETWORKS = ["3g", "4g", "wired"]


def key(model):
    return model.lower()


def run(cmd):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    started = time.monotonic()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    print("  (%.0f s)" % (time.monotonic() - started), file=sys.stderr, flush=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout)
        raise SystemExit("failed (exit %d): %s" % (done.returncode, " ".join(cmd)))
    return done.stdout


def profile(a):
    for model in a.models:
        for name, tier, threads in EMULATION:
            out = os.path.join(a.profiles, key(model), name + ".json")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            cmd = ["java", "-jar", a.jar, "profile", model, "--resource", name, "--tier", tier,
                   "--threads", str(threads), "--hardware", "emulated %s, %d thread%s" % (
                       name, threads, "" if threads == 1 else "s"), "-o", out]
            if a.budget is not None:
                cmd += ["--budget", str(a.budget)]
            if a.window is not None and (not a.window_resources or name in a.window_resources):
                cmd += ["--window", a.window]
            run(cmd + a.extra)


def validate(a):
    os.makedirs(a.out, exist_ok=True)
    for model in a.models:
        for net in a.networks:
            cmd = ["java", "-jar", a.jar, "validate", os.path.join(a.profiles, key(model)), model, "--preset", net,
                   "--top", str(a.top), "--repeats", str(a.repeats), "--warmups", str(a.warmups), "--json"]
            if a.rounds is not None:
                cmd += ["--rounds", str(a.rounds)]
            doc = json.loads(run(cmd + a.extra))
            with open(os.path.join(a.out, "%s-%s.json" % (key(model), net)), "w") as f:
                json.dump(doc, f, indent=2)
    table(a)


def plan(text):
    """The plan's segments, without the prediction in front, escaped for a Markdown cell."""
    return "`" + text.split(": ", 1)[-1].replace("|", "/") + "`"


def table(a):
    docs = []
    for model in MODELS + sorted(set(a.models) - set(MODELS)):
        for net in NETWORKS:
            path = os.path.join(a.out, "%s-%s.json" % (key(model), net))
            if os.path.exists(path):
                with open(path) as f:
                    docs.append(json.load(f))
    if not docs:
        raise SystemExit("no validate JSON documents in " + a.out)
    spread = any("rounds" in d for d in docs)
    if spread:
        print("| model | network | rank | plan | predicted (ms) | measured (ms) | round medians (ms) | error | "
              "measured rank | other processes (cores, median / max) |")
        print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|")
    else:
        print("| model | network | rank | plan | predicted (ms) | measured (ms) | error | measured rank |")
        print("|---|---|---:|---|---:|---:|---:|---:|")
    errors = []
    for d in docs:
        for p in d["plans"]:
            errors.append(abs(p["error"]))
            if "spreadLowSeconds" in p:
                outside = [x["outsideCores"] for x in p.get("inferences", []) if x.get("outsideCores") is not None]
                print("| %s | %s | %d | %s | %.1f | %.1f | %.1f-%.1f | %+.1f %%%s | %d | %s |" % (
                    d["model"], d["network"], p["rank"], plan(p["plan"]), p["predictedSeconds"] * 1e3,
                    p["measuredSeconds"] * 1e3, p["spreadLowSeconds"] * 1e3, p["spreadHighSeconds"] * 1e3,
                    p["error"] * 100, " ~" if p["withinSpread"] else "", p["measuredRank"],
                    "%.2f / %.2f" % (statistics.median(outside), max(outside)) if outside else "-"))
            else:
                print("| %s | %s | %d | %s | %.1f | %.1f | %+.1f %% | %d |" % (
                    d["model"], d["network"], p["rank"], plan(p["plan"]), p["predictedSeconds"] * 1e3,
                    p["measuredSeconds"] * 1e3, p["error"] * 100, p["measuredRank"]))
    if spread:
        print()
        print("~ the prediction lies within the plan's round medians (its own measured spread).")
    print()
    print("| model | network | median \\|error\\| | worst \\|error\\| | predicted best within 5 % of measured best |")
    print("|---|---|---:|---:|---|")
    within = 0
    for d in docs:
        ok = d["predictedBestGap"] <= 0.05
        within += ok
        print("| %s | %s | %.1f %% | %.1f %% | %s (%.1f %%) |" % (
            d["model"], d["network"], d["medianAbsError"] * 100, d["worstAbsError"] * 100, "yes" if ok else "NO",
            d["predictedBestGap"] * 100))
    parts = [(d, p) for d in docs for p in d["plans"] if "measured" in p]
    if parts:
        print()
        print("Parts (ms; measured: medians over the inferences, summed over segments and hops; since stop 19 the "
              "parts of the plan's latency, and 'driver' = end to end minus it, the harness's own hand-over; "
              "'-' where the run did not record it):")
        print()
        print("| model | network | rank | predicted compute | measured compute | predicted transfer (of which hop "
              "cost) | measured link | convert | serialise | wire | wait | other | driver |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for d, p in parts:
            q, m = p["predicted"], p["measured"]
            print("| %s | %s | %d | %.1f | %.1f | %.1f (%.1f) | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |" % (
                d["model"], d["network"], p["rank"], q["compute"] * 1e3, m["compute"] * 1e3, q["transfer"] * 1e3,
                q["hopCost"] * 1e3, m["link"] * 1e3, m["convert"] * 1e3, m["serialise"] * 1e3, m["wire"] * 1e3,
                m["queued"] * 1e3, m["other"] * 1e3, "%.1f" % (m["driver"] * 1e3) if "driver" in m else "-"))
    print()
    print("All %d plans: median |error| %.1f %%, worst %.1f %%; predicted best within 5 %% of the measured best "
          "in %d of %d cases." % (len(errors), statistics.median(errors) * 100, max(errors) * 100, within,
                                   len(docs)))
    plans = [p for d in docs for p in d["plans"] if "spreadLowSeconds" in p]
    if plans:
        inside = sum(p["withinSpread"] for p in plans)
        widths = [(p["spreadHighSeconds"] - p["spreadLowSeconds"]) / p["measuredSeconds"] for p in plans]
        over = [p for p in plans if abs(p["error"]) > 0.15]
        print("Round medians: the prediction lies within them for %d of %d plans; their range is %.1f %% of the "
              "median (median over the plans), at most %.1f %%. Plans above 15 %%: %d, of them within their "
              "spread: %d." % (inside, len(plans), statistics.median(widths) * 100, max(widths) * 100, len(over),
                               sum(p["withinSpread"] for p in over)))


def load(out):
    docs = {}
    for model in MODELS:
        for net in NETWORKS:
            path = os.path.join(out, "%s-%s.json" % (key(model), net))
            if os.path.exists(path):
                with open(path) as f:
                    docs[(model, net)] = json.load(f)
    return docs


def compare(a):
    before, after = load(a.before), load(a.after)
    print("| model | network | before: median / worst \\|error\\| | before: predicted best within 5 % | after: "
          "median / worst \\|error\\| | after: predicted best within 5 % |")
    print("|---|---|---:|---|---:|---|")
    rows = []
    for k in [k for k in before if k in after]:
        b, c = before[k], after[k]
        rows.append((b, c))
        print("| %s | %s | %.1f %% / %.1f %% | %s (%.1f %%) | %.1f %% / %.1f %% | %s (%.1f %%) |" % (
            k[0], k[1], b["medianAbsError"] * 100, b["worstAbsError"] * 100,
            "yes" if b["predictedBestGap"] <= 0.05 else "NO", b["predictedBestGap"] * 100,
            c["medianAbsError"] * 100, c["worstAbsError"] * 100,
            "yes" if c["predictedBestGap"] <= 0.05 else "NO", c["predictedBestGap"] * 100))
    for name, i in (("before", 0), ("after", 1)):
        errors = [abs(p["error"]) for r in rows for p in r[i]["plans"]]
        within = sum(r[i]["predictedBestGap"] <= 0.05 for r in rows)
        print()
        print("%s: %d plans, median |error| %.1f %%, worst %.1f %%; predicted best within 5 %% of the measured best "
              "in %d of %d cases." % (name.capitalize(), len(errors), statistics.median(errors) * 100,
                                      max(errors) * 100, within, len(rows)), end="")
    print()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="step", required=True)
    pr = sub.add_parser("profile")
    pr.add_argument("--jar", required=True)
    pr.add_argument("--profiles", required=True)
    pr.add_argument("--models", nargs="+", default=MODELS)
    pr.add_argument("--budget", type=float)
    pr.add_argument("--window", help="profile's --window (stop 21), e.g. 60s")
    pr.add_argument("--window-resources", nargs="+", help="only these resources get --window (default: all)")
    pr.add_argument("extra", nargs="*", help="more options for 'scission profile' (after --)")
    va = sub.add_parser("validate")
    va.add_argument("--jar", required=True)
    va.add_argument("--profiles", required=True)
    va.add_argument("--out", required=True)
    va.add_argument("--models", nargs="+", default=MODELS)
    va.add_argument("--networks", nargs="+", default=NETWORKS)
    va.add_argument("--top", type=int, default=3)
    va.add_argument("--repeats", type=int, default=10)
    va.add_argument("--warmups", type=int, default=3)
    va.add_argument("--rounds", type=int, help="validate's --rounds (default: validate's own, 5)")
    va.add_argument("extra", nargs="*", help="more options for 'scission validate' (after --)")
    ta = sub.add_parser("table")
    ta.add_argument("--out", required=True)
    ta.add_argument("--models", nargs="+", default=MODELS)
    co = sub.add_parser("compare")
    co.add_argument("--before", required=True)
    co.add_argument("--after", required=True)
    a = p.parse_args()
    {"profile": profile, "validate": validate, "table": table, "compare": compare}[a.step](a)


if __name__ == "__main__":
    main()
