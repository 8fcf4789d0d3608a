#!/usr/bin/env python3
"""Whole-process start-up of `scission predict` and `scission plan` against the original tool's predictor.

Runs, for each of the paper's 18 models, the original Scission predictor (qub-blesson/Scission,
scission_predict.py, run with python3 "without its chart": see below), `scission predict` with the same arguments and
`scission plan --original ... --network-csv ...` (the same data and network; plan prints its own table), each as a
fresh process, round-robin (one run of every command, then the next round), so that load on the machine hits all
commands alike. Prints a Markdown table of median wall times and each command's ratio to the original.

The original is not part of this repository: fetch it yourself (https://github.com/qub-blesson/Scission) and pass
its checkout with --original. "Without its chart": the original ends by drawing a PNG with matplotlib
(create_graph), after it has printed every result line. This script puts a stub package `matplotlib` on the
original's PYTHONPATH whose import raises SystemExit(0): the run ends, with exit code 0, where the chart would
start. The stub lives in a temporary directory, never in the repository.

It also times the floors: a JVM running an empty main with the launcher's options (per Java), the launcher's script
alone (java replaced by /bin/true) and the Python interpreter running nothing (with and without its site
initialisation), and prints a second table of each command's time above its floor (the original's above
python3 -c pass, the launcher's commands above their Java's JVM floor), which says how much of a run is the
command's own work and how much the process it runs in.

Before timing, every command runs twice untimed (the launcher records its class list on a command's first run and
writes its class-data-sharing archive on the second), and each scission command's result lines are checked against
the original's where they are comparable (predict: identical lines).

The launcher's start-up cache (a class-data-sharing archive, or with Java 25 or later an AOT cache per command) is
kept in a temporary SCISSION_CACHE_DIR, made afresh by the untimed runs, so that a cache of another build or Java
cannot take part. --launcher-java LABEL=JAVA[,NAME=VALUE...] (repeatable) runs predict and plan through the launcher
once per Java (SCISSION_JAVA=JAVA, a java executable or a Java home; NAME=VALUE more environment for the launcher,
e.g. SCISSION_CACHE=aot), in the same rounds, as columns "predict, LABEL" and "plan, LABEL"; without it the launcher
picks its Java as a user's would (JAVA_HOME, else the PATH).

Pass the Python interpreter itself with --python, not a version manager's shim (pyenv's python3 is a shell script
that adds hundreds of milliseconds to every run of the original).

Example (the numbers in docs/benchmarks.md, run under /work/tools/measure on the project's build machine):
  .ci/startup-benchmark.py --original /tmp/scission-original --data ../shared/scission-data \\
      --scission scission-examples/target/bin/scission --python ~/.pyenv/versions/3.11.7/bin/python3 \\
      --launcher-java 17=/usr/lib/jvm/java-17-openjdk-amd64 --launcher-java 25=/usr/lib/jvm/temurin-25-jdk-amd64
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# The launcher's own JVM options for predict and plan (scission-examples/src/dist/bin/scission), for the JVM floor.
LAUNCHER_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xms16m", "-XX:CICompilerCount=1"]

MODELS = ["vgg19", "xception", "resnet50", "resnet101", "resnet152", "resnet50v2", "resnet101v2", "resnet152v2",
          "inception_v3", "inceptionresnet_v2", "mobilenet", "vgg16", "mobilenetv2", "densenet121", "densenet169",
          "densenet201", "nasnetlarge", "nasnetmobile"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--original", required=True, help="checkout of qub-blesson/Scission (has scission_predict.py)")
    p.add_argument("--data", required=True, help="folder of the original's .dat files and network_stats.csv")
    p.add_argument("--scission", required=True, help="the launcher, e.g. scission-examples/target/bin/scission")
    p.add_argument("--jar", help="also run predict as 'java -jar JAR' (the plain start, without the launcher)")
    p.add_argument("--python", default=shutil.which("python3"), help="the python3 that runs the original")
    p.add_argument("--java", default=shutil.which("java"), help="the java for --jar and the JVM floor")
    p.add_argument("--runs", type=int, default=10, help="timed rounds (default 10)")
    p.add_argument("--models", default=",".join(MODELS), help="comma-separated models (default: all 18)")
    p.add_argument("--commands", default="predict,plan", help="the launcher's commands to time (default both)")
    p.add_argument("--launcher-java", action="append", default=[], metavar="LABEL=JAVA",
                   help="run predict and plan through the launcher with SCISSION_JAVA=JAVA too (repeatable)")
    a = p.parse_args()
    javas = []  # (label, SCISSION_JAVA or None)
    extra = {}  # label -> more environment for the launcher
    for spec in a.launcher_java:
        label, sep, rest = spec.partition("=")
        java, *settings = rest.split(",")
        if not sep or not label or not java or any("=" not in x for x in settings):
            sys.exit("--launcher-java takes LABEL=JAVA[,NAME=VALUE...], e.g. 25=/usr/lib/jvm/temurin-25-jdk-amd64,"
                     "SCISSION_CACHE=aot, not %s" % spec)
        javas.append((label, java))
        extra[label] = dict(x.split("=", 1) for x in settings)
    if not javas:
        javas.append(("", None))

    data = os.path.abspath(a.data)
    csv = os.path.join(data, "network_stats.csv")
    original = os.path.join(os.path.abspath(a.original), "scission_predict.py")
    shim = tempfile.mkdtemp(prefix="scission-original-shim-")
    os.makedirs(os.path.join(shim, "matplotlib"))
    with open(os.path.join(shim, "matplotlib", "__init__.py"), "w") as f:
        f.write("# ends scission_predict.py where its chart (create_graph) would start\nraise SystemExit(0)\n")
    original_env = dict(os.environ, PYTHONPATH=shim)
    cache = tempfile.mkdtemp(prefix="scission-startup-cache-")
    envs = {}  # label -> the launcher's environment
    for label, java in javas:
        # a cache folder per column: the launcher keeps one class-data-sharing archive per installation, which another
        # Java would rewrite at every turn
        own = os.path.join(cache, str(len(envs)))
        os.mkdir(own)
        env = dict(os.environ, SCISSION_CACHE_DIR=own)
        env.pop("SCISSION_JAVA", None)
        if java:
            env["SCISSION_JAVA"] = java
        env.update(extra.get(label, {}))
        envs[label] = env

    def named(command, label):
        return command + (", " + label if label else "")

    models = a.models.split(",")
    timed = a.commands.split(",")
    commands = {}  # (model, name) -> (argv, env)
    for m in models:
        commands[(m, "original")] = ([a.python, original, data, csv, m], original_env)
        for label, _ in javas:
            if "predict" in timed:
                commands[(m, named("predict", label))] = ([a.scission, "predict", data, csv, m], envs[label])
            if "plan" in timed:
                commands[(m, named("plan", label))] = ([a.scission, "plan", "--original", data, m, "--network-csv",
                                                        csv, "--top", "5"], envs[label])
        if a.jar:
            commands[(m, "predict, java -jar")] = ([a.java, "-jar", a.jar, "predict", data, csv, m], None)
    # The floors: what a process of each kind costs before it runs any of our code or the original's. A JVM that
    # runs an empty main (Hello, compiled here) with the launcher's own options and the JDK's class-data-sharing
    # archive; the launcher alone (its script, with /bin/true in place of the java); the Python interpreter running
    # nothing, as the original runs (with its site initialisation) and without it (-S).
    hello = tempfile.mkdtemp(prefix="scission-hello-")
    with open(os.path.join(hello, "Hello.java"), "w") as f:
        f.write("public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }\n")
    subprocess.run([os.path.join(os.path.dirname(os.path.realpath(a.java)), "javac"), "-d", hello,
                    os.path.join(hello, "Hello.java")], check=True)
    floors = []  # (name, argv, env)
    seen = set()
    for label, java in javas if any(java for _, java in javas) else [("", a.java)]:
        executable = java_executable(java) if java else a.java
        if executable in seen:
            continue
        seen.add(executable)
        floors.append(("JVM floor" + (", " + label if label else ""),
                       [executable] + LAUNCHER_OPTIONS + ["-Xshare:auto", "-cp", hello, "Hello"], None))
    floors.append(("launcher alone", [a.scission, "predict", data, csv, models[0]],
                   dict(os.environ, SCISSION_JAVA="/bin/true", SCISSION_CACHE_DIR=tempfile.mkdtemp(dir=cache))))
    floors.append(("python floor", [a.python, "-c", "pass"], original_env))
    floors.append(("python floor -S", [a.python, "-S", "-c", "pass"], original_env))
    for name, argv, env in floors:
        commands[("-", name)] = (argv, env)

    outputs = {}
    for key, (argv, env) in commands.items():
        for _ in range(2):
            r = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(argv), r.stderr))
        outputs[key] = r.stdout
    for m in models:
        for label, _ in javas:
            if "predict" not in timed:
                continue
            if outputs[(m, named("predict", label))] != outputs[(m, "original")]:
                sys.exit("predict and the original disagree on %s:\n%s\n---\n%s"
                         % (m, outputs[(m, named("predict", label))], outputs[(m, "original")]))

    wall = {k: [] for k in commands}
    cpu = {k: [] for k in commands}
    for _ in range(a.runs):
        for key, (argv, env) in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            wall[key].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[key].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

    def ms(key):
        return statistics.median(wall[key]) * 1000

    names = [named(c, label) for label, _ in javas for c in ("predict", "plan") if c in timed] + (
        ["predict, java -jar"] if a.jar else [])
    print("| model | original | " + " | ".join(names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for m in models:
        o = ms((m, "original"))
        cells = ["%.0f ms (%.2f×)" % (ms((m, n)), ms((m, n)) / o) for n in names]
        print("| %s | %.0f ms | %s |" % (m, o, " | ".join(cells)))
    print()
    for name, argv, _ in floors:
        print("%s (%s): %.1f ms" % (name, " ".join(argv), ms(("-", name))))
    # What each command spends above its floor: the original above the interpreter as it runs it (python3 -c pass),
    # the launcher's commands above the JVM floor of their Java (their launcher's script included).
    jvm_floor = {}
    for label, java in javas:
        executable = java_executable(java) if java else a.java
        jvm_floor[label] = next(ms(("-", name)) for name, argv, _ in floors if argv[0] == executable)
    print()
    print("Above the floors (median minus floor):")
    print("| model | original − python floor | " + " | ".join(n + " − JVM floor" for n in names
                                                        if not n.startswith("predict, java")) + " |")
    print("|---|---:|" + "---:|" * len([n for n in names if not n.startswith("predict, java")]))
    python_floor = ms(("-", "python floor"))
    for m in models:
        cells = []
        for label, _ in javas:
            for c in ("predict", "plan"):
                if c in timed:
                    cells.append("%.0f ms" % (ms((m, named(c, label))) - jvm_floor[label]))
        print("| %s | %.0f ms | %s |" % (m, ms((m, "original")) - python_floor, " | ".join(cells)))
    print("Median wall time of %d rounds; CPU (user+sys) medians:" % a.runs)
    for m in models:
        print("  %s: " % m + ", ".join("%s %.0f ms" % (n, statistics.median(cpu[(m, n)]) * 1000)
                                       for n in ["original"] + names))
    shutil.rmtree(shim)
    shutil.rmtree(cache)
    shutil.rmtree(hello)


def java_executable(java):
    """SCISSION_JAVA's meaning: a java executable, or a Java home with bin/java."""
    return os.path.join(java, "bin", "java") if os.path.isdir(java) else java


if __name__ == "__main__":
    main()
