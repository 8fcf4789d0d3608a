#!/usr/bin/env python3
"""Offline study of the adaptive profiler's rule from recorded per-pass data (#12, stop 18).

Reads the profiles in per-pass-30/ (AdditivityIT with -Dscission.additivity.warmups=0
-Dscission.additivity.passes=30: 30 passes of the until-stable structure, pass 0 being the first run of every
unit, nothing rejected; samples net of the per-run overhead, in pass order) and prints
  1. per model, the first pass and a steady pass relative to the whole model's median (what a warm-up buys);
  2. the additivity error (sum of block statistic - whole statistic) / whole statistic for the median, the mean and
     trimmed means, over the passes 1..k, 9..8+k and 17..16+k (k = 4, 5, 6, 8), as if 1 warm-up and k passes;
  3. the estimated profiling time of 1 warm-up and k passes against 30 whole-model times, with the range checks
     re-running their predecessor block (as before), fed the chain's values (no predecessor), or only 1 range.
Standard library only: python3 offline.py [DIR]
"""
import glob, json, os, statistics as st, sys

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'per-pass-30')


def load(f):
    d = json.load(open(f))
    ov = d['provenance']['runOverheadSeconds']
    blocks = [b['samples'] for b in d['blocks']]
    whole = d['ranges'][0]['samples']
    ranges = [(r['firstBlock'], r['lastBlock'], r['samples']) for r in d['ranges'][1:]]
    return ov, blocks, whole, ranges


def tmean(x, a):
    s = sorted(x)
    g = int(a * len(s))
    s = s[g:len(s) - g]
    return sum(s) / len(s)


def pass_cost(ov, B, W, R, p, mode, nr):
    """Seconds of pass p: the chain, the whole model, the first nr ranges (and their predecessors if mode 'pred')."""
    nb = len(B)
    c = sum(b[p] for b in B) + W[p] + ov * (nb + 1)
    last = nb - 1
    for a, z, s in R[:nr]:
        pred = a - 1 if a > 0 else nb - 1
        if mode == 'pred' and last != pred:
            c += B[pred][p] + ov
        c += s[p] + ov
        last = z
    return c


def main():
    seconds = {}
    for line in open(os.path.join(DIR, 'report.md')):
        c = [x.strip() for x in line.split('|')]
        if len(c) > 14 and c[1] and c[1] != 'model' and not c[1].startswith('-'):
            seconds[c[1]] = float(c[13])
    files = sorted(glob.glob(os.path.join(DIR, '*.json')))
    print('1. chain (sum of blocks) and whole model per pass / steady whole-model median')
    for f in files:
        ov, B, W, R = load(f)
        wm = st.median(W[1:])
        chain = [sum(b[p] for b in B) for p in range(len(W))]
        print('  %-19s pass 0: chain %.2f whole %.2f | pass 1: chain %.3f whole %.3f | passes 1-29 median: chain %.3f'
              % (os.path.basename(f)[:-5], chain[0] / wm, W[0] / wm, chain[1] / wm, W[1] / wm,
                 st.median(chain[1:]) / wm))
    stats = {'median': st.median, 'mean': st.mean, 'trimmed 10%': lambda x: tmean(x, .1),
             'trimmed 20%': lambda x: tmean(x, .2), 'trimmed 25%': lambda x: tmean(x, .25)}
    print('2. |additivity error| over 8 models x 3 windows: median / worst, in %')
    for k in (4, 5, 6, 8):
        errs = {s: [] for s in stats}
        for f in files:
            ov, B, W, R = load(f)
            for start in (1, 9, 17):
                idx = range(start, start + k)
                for s, fn in stats.items():
                    e = sum(fn([b[p] for p in idx]) for b in B) / fn([W[p] for p in idx]) - 1
                    errs[s].append(abs(e))
        print('  k=%d  ' % k + '; '.join('%s %.1f / %.1f' % (s, st.median(v) * 100, max(v) * 100)
                                        for s, v in errs.items()))
    print('3. time of 1 warm-up + k passes / 30 whole-model times, 8 models together')
    modes = [('pred', 2), ('nopred', 2), ('nopred', 1), ('nopred', 0)]
    ks = (4, 5, 6, 8)
    tot = {(m, k): 0.0 for m in modes for k in ks}
    goal = 0.0
    for f in files:
        name = os.path.basename(f)[:-5]
        ov, B, W, R = load(f)
        wm = st.median(W[1:])
        full = [pass_cost(ov, B, W, R, p, 'pred', 2) for p in range(len(W))]
        extra = seconds[name] - sum(full)  # loading, session, calibration runs, merged pairs
        goal += 30 * wm
        for m in modes:
            c = [pass_cost(ov, B, W, R, p, *m) for p in range(len(W))]
            for k in ks:
                tot[(m, k)] += full[0] + sum(c[1:1 + k]) + extra
    for m in modes:
        label = {'pred': 'ranges re-run their predecessor', 'nopred': 'ranges fed the chain\'s values'}[m[0]]
        print('  %d range check(s), %s: ' % (m[1], label) + ', '.join('k=%d %.2f' % (k, tot[(m, k)] / goal)
                                                                       for k in ks))


if __name__ == '__main__':
    main()
