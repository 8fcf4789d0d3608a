package io.scission.internal.search;

import io.scission.PartitionConfig;

/**
 * The reference search: enumerates every plan (every source, every sequence of resources that the pipeline rules
 * of {@link Instance} and the network's links allow, every split of the blocks into that many non-empty segments),
 * evaluates it canonically, keeps those that satisfy every constraint, and returns the best n in ranking order. It
 * uses no bound and no knowledge of constraint kinds.
 *
 * <p>Complexity: Σ over sequences of length k of C(L-1, k-1) plans, each evaluated in O(L).
 */
final class Exhaustive {

    private final Instance in;
    private final TopN top;
    private final int[] res;
    private final int[] end;
    private long enumerated;
    private long rejected;

    Exhaustive(Instance in) {
        this.in = in;
        this.top = new TopN(in.spec.effectiveTop());
        this.res = new int[in.resourceCount];
        this.end = new int[in.resourceCount];
    }

    Exhaustive run() {
        for (int s : in.sources) {
            for (int r = 0; r < in.resourceCount; r++) {
                if (in.mayStart(s, r) && (r == s || in.linked(s, r))) {
                    res[0] = r;
                    sequences(s, 1);
                }
            }
        }
        return this;
    }

    private void sequences(int s, int k) {
        if (!in.returnResult || res[k - 1] == s || in.linked(res[k - 1], s)) {
            splits(s, k, 0, 0);
        }
        if (k == in.blockCount) {
            return; // a longer sequence would leave a resource without a block
        }
        int last = res[k - 1];
        for (int c = 0; c < in.resourceCount; c++) {
            if (in.canRun[c] && in.mayFollow(last, c) && c != s && !contains(k, c) && in.linked(last, c)
                    && perTier(s, k, c) < in.maxPerTier) {
                res[k] = c;
                sequences(s, k + 1);
            }
        }
    }

    private boolean contains(int k, int c) {
        for (int i = 0; i < k; i++) {
            if (res[i] == c) {
                return true;
            }
        }
        return false;
    }

    /** The resources of c's tier in the sequence so far, counting a profiled source that handed over. */
    private int perTier(int s, int k, int c) {
        int count = in.sourceHeld(s, res[0]) && in.rank[s] == in.rank[c] ? 1 : 0;
        for (int i = 0; i < k; i++) {
            if (in.rank[res[i]] == in.rank[c]) {
                count++;
            }
        }
        return count;
    }

    /** Chooses the end block of segment i, given that it starts at block start. */
    private void splits(int s, int k, int i, int start) {
        if (i == k - 1) {
            end[i] = in.blockCount - 1;
            enumerated++;
            PartitionConfig plan = in.evaluate(s, res, end, k);
            if (in.satisfies(plan)) {
                top.offer(plan);
            } else {
                rejected++;
            }
            return;
        }
        int remaining = k - 1 - i;
        for (int e = start; e <= in.blockCount - 1 - remaining; e++) {
            end[i] = e;
            splits(s, k, i + 1, e + 1);
        }
    }

    TopN top() {
        return top;
    }

    long enumerated() {
        return enumerated;
    }

    long rejected() {
        return rejected;
    }
}
