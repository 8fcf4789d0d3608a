#!/usr/bin/env python3
"""Samples per-thread CPU of every java process each second (from /proc/PID/task/TID/stat) while a command runs.
Prints, per 1-s interval, every thread using >= 5 % of a core: pid, process role, tid, thread name, % of a core."""
import os, subprocess, sys, time
HZ = os.sysconf("SC_CLK_TCK")
def javas():
    out = {}
    for p in os.listdir("/proc"):
        if not p.isdigit(): continue
        try:
            cmd = open("/proc/%s/cmdline" % p, "rb").read().split(b"\0")
        except OSError: continue
        if cmd and cmd[0].endswith(b"java") and any(b"scission" in c for c in cmd):
            role = "driver"
            if b"serve" in cmd:
                role = "worker:" + cmd[cmd.index(b"--resource") + 1].decode() + "/" + cmd[cmd.index(b"--threads") + 1].decode()
            out[int(p)] = role
    return out
def ticks(pid):
    r = {}
    try:
        for t in os.listdir("/proc/%d/task" % pid):
            try:
                s = open("/proc/%d/task/%s/stat" % (pid, t)).read()
                name = s[s.index("(") + 1:s.rindex(")")]
                f = s[s.rindex(")") + 2:].split()
                r[int(t)] = (name, int(f[11]) + int(f[12]))
            except OSError: pass
    except OSError: pass
    return r
proc = subprocess.Popen(sys.argv[1:], stdout=open(os.environ.get("OUT", "/dev/null"), "w"))
prev = {}
start = time.monotonic()
while proc.poll() is None:
    time.sleep(1.0)
    now = {pid: (role, ticks(pid)) for pid, role in javas().items()}
    lines = []
    for pid, (role, ts) in now.items():
        total = 0
        for tid, (name, t) in ts.items():
            d = t - prev.get((pid, tid), t if (pid, tid) not in prev else 0)
            if (pid, tid) not in prev: d = 0
            total += d
            pct = 100.0 * d / HZ
            if pct >= 5: lines.append("  %d %-14s %d %-16s %5.0f%%" % (pid, role, tid, name, pct))
        lines.append("  %d %-14s total %5.0f%% (%d threads)" % (pid, role, 100.0 * total / HZ, len(ts)))
        for tid, (name, t) in ts.items(): prev[(pid, tid)] = t
    print("t=%.0f s" % (time.monotonic() - start)); print("\n".join(lines)); sys.stdout.flush()
sys.exit(proc.returncode)
