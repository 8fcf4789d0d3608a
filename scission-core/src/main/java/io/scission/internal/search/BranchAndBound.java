package io.scission.internal.search;

import io.scission.PartitionConfig;
import io.scission.query.Constraint;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Best-first branch and bound over plan prefixes.
 *
 * <p>A node is a prefix: closed segments plus an open segment on resource {@code r} that starts at block
 * {@code p}. Its optimistic bound is {@code f = g + D[p][r]}, where {@code g} is the objective cost of the prefix
 * (closed segments and every hop so far) and {@code D[p][r]} is the exact least cost of finishing the model from an
 * open segment on {@code r} at {@code p}, computed once by a backward dynamic program over (block, resource) in
 * O(L·R²). An objective that weighs energy prices each step with {@link EnergyBounds}: exactly when only the source
 * can draw idle watts in the energy counted, otherwise optimistically (the idle watts of resources other than the
 * source are left out of both {@code g} and {@code D}), which keeps {@code f} a lower bound of every completion's
 * score; the program is then computed per source. The program obeys the pipeline rules and every <em>local</em>
 * restriction of {@link Restrictions} exactly (excluded or whitelisted resources, layer and block placement, tiers
 * that must be used, native-only, and the memory limits, under which a segment from p on r may end at most where its
 * memory still fits: a sliding window minimum, since that end never decreases with p) and ignores the global ones
 * (transfer and time caps, deadline, shares, layer counts, energy caps) and which resources a prefix has used, so
 * it never over-estimates. This class knows no constraint kind: it reads the compiled {@link Restrictions}.
 *
 * <p>Nodes are expanded in increasing {@code f}; each expanded node enumerates its children (where the open
 * segment ends, and which resource comes next) into a private heap, and yields them one at a time in increasing
 * {@code f}. A child whose prefix already breaks a global constraint (a cap exceeded, a deadline that even the
 * optimistic completion misses, a least layer count that can no longer be met) is pruned; complete plans are
 * evaluated canonically ({@link Instance#evaluate}) and kept if every constraint's
 * {@link Constraint#isSatisfiedBy} holds.
 *
 * <h2>Exactness</h2>
 * The search stops when the smallest open bound exceeds the n-th best kept score plus a relative tolerance of
 * 1e-9. Any plan not yet produced descends from an open node whose bound is at most its score, so it cannot tie or
 * beat the n-th plan; the tolerance absorbs the difference between the program's prefix-sum arithmetic and the
 * canonical evaluation. Dominance pruning drops a prefix at a state (source, r, p, every tracker's accumulator, and,
 * when several resources per tier are allowed, the resources of the current tier already used, the only ones that
 * decide which resources may still follow) once n other prefixes with the same state and a strictly smaller cost
 * (by more than the tolerance) have been expanded: each of them completes to a feasible plan that beats every
 * completion of the dropped one. It is off when {@link Restrictions#dominanceSafe} is false (shares of a total;
 * energy whose idle part the prices leave out, where a completion's cost depends on which resources the prefix used
 * and on its latency).
 * The children of a node with many of them ({@link #SCREEN_FROM}) are screened when it is expanded, with the
 * very predicate that builds them when they are popped ({@code segmentFits} then {@code hopFits}: pipeline rules,
 * trackers, deadline), on the same operands in the same order; a child screened out is therefore exactly one that
 * would have been discarded on popping, and screening only keeps it out of the heap. It may change the order in
 * which children with equal bounds pop, which the result does not depend on: the stopping rule keeps every node
 * whose bound ties the threshold, and dominance needs strictly smaller costs.
 * The result therefore equals exhaustive enumeration's, order included; the test suite checks this on thousands
 * of seeded random instances.
 *
 * <h2>Complexity</h2>
 * O(L·R²) for the program; each expansion costs O(L·R) to enumerate children. Without global constraints,
 * dominance bounds expansions by n per state, O(n·L·R) in all. Memory grows with the nodes and plans found, never
 * with n itself. There is no limit on the number of resources.
 */
final class BranchAndBound {

    private static final double INF = Double.POSITIVE_INFINITY;
    /**
     * The number of children from which {@link #expand} screens them before they enter the heap. Screening costs
     * a check per child, and pays when many children would be rejected on popping: a cap or a deadline cuts off
     * runs of split points, which matters for a node with thousands of children (a device at 500 blocks has
     * 12,500) and not for one with a few hundred, whose heap is cheap to pop through. Measured in CPU time per
     * query: screening every node made paper-scale constrained queries up to 1.7 times slower; screening none made
     * the 500-block stress query with an unmet deadline 2.8 times slower.
     */
    static final int SCREEN_FROM = 1024;

    private final Instance in;
    private final int n;
    private final int blocks;
    private final int resCount;
    private final TopN top;

    /** allowed[r][b]: the local restrictions let block b run on r. */
    private final boolean[][] allowed;
    /**
     * runEnd[r][p]: the last block e such that p..e are all allowed on r and, under a memory limit on r, the
     * segment p..e fits it; p - 1 if there is none.
     */
    private final int[][] runEnd;
    /** memoryLimited[r]: a memory limit applies to r, so {@link #runEnd} may cut a segment inside an allowed run. */
    private final boolean[] memoryLimited;
    /** follow[a]: the resources that may run the segment after one on a (pipeline, links, required tiers). */
    private final int[][] follow;
    private final boolean[][] startOk;
    private final boolean[] finishOk;
    private final boolean nativeOnly;
    /** prefix[r][b]: seconds of blocks 0..b-1 on r. */
    private final double[][] prefix;
    /**
     * w[si]: the objective's price per second of each step from source si (the latency weight, plus the energy
     * terms' optimistic watts, {@link EnergyBounds}); one shared flat price when the objective has no energy.
     */
    private final EnergyBounds.Weights[] w;
    /** Every step priced 1 per second: the latency program. */
    private final EnergyBounds.Weights unit;
    /** d[si][p][r]: least objective cost to finish from an open segment on r starting at p (source si). */
    private final double[][][] d;
    /** dl[si][p][r]: least latency to finish, for deadline pruning; same array as d if the objective is latency. */
    private final double[][][] dl;
    /** The deadline plus its tolerance: a prefix whose optimistic latency exceeds it is lost. */
    private final double deadlineBound;

    private final Tracker[] trackers;
    private final boolean distributedOnly;
    private final boolean dominance;
    private final boolean gLatInSignature;
    private final Map<Signature, Seen> expandedAt = new HashMap<>();

    /**
     * Nodes by their key, least first (written out: a lambda is linked at its first call, milliseconds at every
     * CLI start).
     */
    private static final Comparator<Node> BY_KEY = new Comparator<>() {
        @Override
        public int compare(Node x, Node y) {
            return Double.compare(x.key, y.key);
        }
    };

    /** Whether {@link #expand} may screen children with {@link #hopFits}: only when something can reject them. */
    private final boolean screening;
    /** The number of children from which a node's children are screened; {@link #SCREEN_FROM} by default. */
    private final int screenFrom;
    /** Scratch accumulators: after the open segment, and after the hop. */
    private final long[] segmentAcc;
    private final long[] hopAcc;

    private long expanded;
    private long pruned;
    private long evaluated;

    BranchAndBound(Instance in, Restrictions restrictions) {
        this(in, restrictions, SCREEN_FROM);
    }

    /**
     * Returns a search that screens the children of nodes with at least {@code screenFrom} of them; tests use 0
     * (screen all) and {@link Integer#MAX_VALUE} (screen none) to check that screening never changes the result.
     */
    BranchAndBound(Instance in, Restrictions restrictions, int screenFrom) {
        this.in = in;
        this.screenFrom = screenFrom;
        this.n = in.spec.effectiveTop();
        this.blocks = in.blockCount;
        this.resCount = in.resourceCount;
        this.top = new TopN(n);
        this.allowed = restrictions.allowed;
        this.runEnd = new int[resCount][blocks];
        this.memoryLimited = new boolean[resCount];
        this.nativeOnly = restrictions.nativeOnly;
        this.distributedOnly = restrictions.distributedOnly;
        double deadline = restrictions.deadline;
        this.deadlineBound = deadline + Instance.tolerance(deadline);
        this.trackers = restrictions.trackers;
        this.screening = trackers.length > 0 || deadline < INF || in.maxPerTier > 1;
        this.segmentAcc = new long[trackers.length];
        this.hopAcc = new long[trackers.length];
        this.dominance = restrictions.dominanceSafe;
        boolean latencyObjective = in.perSecond == 1.0 && in.perByte == 0.0 && !in.objective.hasEnergy();
        this.gLatInSignature = deadline < INF && !latencyObjective;
        for (int r = 0; r < resCount; r++) {
            int next = blocks - 1;
            for (int b = blocks - 1; b >= 0; b--) {
                if (!allowed[r][b]) {
                    next = b - 1;
                }
                runEnd[r][b] = allowed[r][b] ? next : b - 1;
            }
            if (restrictions.memoryLimit[r] != Long.MAX_VALUE) {
                memoryLimited[r] = true;
                fitMemory(runEnd[r], in.weights[r], in.activations[r], restrictions.memoryLimit[r]);
            }
        }
        int[] required = restrictions.requiredRanks;
        this.follow = new int[resCount][];
        for (int a = 0; a < resCount; a++) {
            int[] next = new int[resCount];
            int count = 0;
            for (int c = 0; c < resCount; c++) {
                if (in.canRun[c] && in.mayFollow(a, c) && in.linked(a, c)
                        && Instance.between(required, in.rank[a], in.rank[c])) {
                    next[count++] = c;
                }
            }
            follow[a] = Arrays.copyOf(next, count);
        }
        this.startOk = new boolean[in.sources.length][resCount];
        this.finishOk = new boolean[resCount];
        for (int r = 0; r < resCount; r++) {
            finishOk[r] = Instance.between(required, in.rank[r], Integer.MAX_VALUE);
            for (int si = 0; si < in.sources.length; si++) {
                int s = in.sources[si];
                startOk[si][r] = in.mayStart(s, r) && (r == s || in.linked(s, r))
                        && Instance.between(required, Integer.MIN_VALUE, in.rank[r]);
            }
        }
        this.prefix = new double[resCount][blocks + 1];
        for (int r = 0; r < resCount; r++) {
            if (in.canRun[r]) {
                for (int b = 0; b < blocks; b++) {
                    prefix[r][b + 1] = prefix[r][b] + in.time[r][b];
                }
            }
        }
        boolean energy = in.objective.hasEnergy();
        this.unit = EnergyBounds.flat(resCount, 1.0);
        this.w = new EnergyBounds.Weights[in.sources.length];
        EnergyBounds.Weights flat = energy ? null : EnergyBounds.flat(resCount, in.perSecond);
        for (int si = 0; si < in.sources.length; si++) {
            w[si] = energy ? EnergyBounds.of(in, in.sources[si], in.objective) : flat;
        }
        this.d = new double[in.sources.length][][];
        this.dl = latencyObjective || deadline == INF ? d : new double[in.sources.length][][];
        for (int si = 0; si < in.sources.length; si++) {
            if (si > 0 && !in.returnResult && !energy) {
                d[si] = d[0];
                if (dl != d) {
                    dl[si] = dl[0];
                }
                continue;
            }
            d[si] = program(in.sources[si], w[si], in.perByte);
            if (dl != d) {
                dl[si] = si > 0 && !in.returnResult ? dl[0] : program(in.sources[si], unit, 0.0);
            }
        }
    }

    /**
     * Shortens each run end to the last block e such that the segment p..e fits the memory limit: Σ weights +
     * max activations over p..e, exactly as {@link Instance#memory} adds them. The memory of p..e grows with e and
     * shrinks as p grows, so the fitting end never decreases with p: two pointers and a monotonic queue of the
     * window's activation maximum, O(L).
     */
    static void fitMemory(int[] end, long[] weights, long[] activations, long limit) {
        int blocks = end.length;
        int[] queue = new int[blocks];
        int head = 0;
        int tail = 0;
        long sum = 0;
        int e = -1; // blocks p..e are in the window
        for (int p = 0; p < blocks; p++) {
            if (e < p - 1) {
                e = p - 1;
                sum = 0;
                head = 0;
                tail = 0;
            }
            while (head < tail && queue[head] < p) {
                head++;
            }
            while (e + 1 < blocks) {
                int b = e + 1;
                long max = head < tail ? Math.max(activations[queue[head]], activations[b]) : activations[b];
                if (sum + weights[b] + max > limit) {
                    break;
                }
                while (head < tail && activations[queue[tail - 1]] <= activations[b]) {
                    tail--;
                }
                queue[tail++] = b;
                sum += weights[b];
                e = b;
            }
            end[p] = Math.min(end[p], e);
            if (e >= p) {
                sum -= weights[p];
            }
        }
    }

    private double hopCost(int a, int c, long bytes, EnergyBounds.Weights weights, double perByte) {
        return cost(in.hopSeconds(a, c, bytes), bytes, weights.hop(a, c), perByte);
    }

    /** The objective cost of a hop that takes {@code hopSeconds} to send {@code bytes}. */
    private static double cost(double hopSeconds, long bytes, double perSecond, double perByte) {
        double cost = perSecond * hopSeconds;
        return perByte == 0 ? cost : cost + perByte * bytes;
    }

    /**
     * The cost of finishing a plan from s whose last segment, on r, has run its blocks: returning the result from r
     * to s (infinite without a link), or, when no result hop follows, the output's copy to the host on r
     * ({@link Instance#tailSeconds}, priced as that segment's seconds).
     */
    private double finishCost(int s, int r, EnergyBounds.Weights weights, double perByte) {
        if (!in.returnResult || r == s) {
            return weights.seg[r] * in.tailSeconds(s, r);
        }
        return in.linked(r, s) ? hopCost(r, s, in.out[blocks - 1], weights, perByte) : INF;
    }

    /** Seconds the open segment of a node adds besides its blocks: the input's copy if it is a plan's first. */
    private double lead(Node node) {
        return node.p == 0 ? in.leadSeconds(in.sources[node.si], node.r) : 0.0;
    }

    /** The backward dynamic program: least cost to finish from an open segment on r starting at p. */
    private double[][] program(int s, EnergyBounds.Weights weights, double perByte) {
        double[][] best = new double[blocks + 1][resCount];
        double[] suffixMin = new double[resCount];
        Arrays.fill(suffixMin, INF);
        // under a memory limit the segment from p may end at most at runEnd[r][p], which can lie before the end of
        // the allowed run: the least over the window p..runEnd[r][p] comes from a monotonic queue instead
        double[][] windowValue = new double[resCount][];
        int[][] window = new int[resCount][];
        int[] windowHead = new int[resCount];
        int[] windowTail = new int[resCount];
        for (int r = 0; r < resCount; r++) {
            if (memoryLimited[r]) {
                windowValue[r] = new double[blocks];
                window[r] = new int[blocks];
            }
        }
        for (int p = blocks - 1; p >= 0; p--) {
            for (int r = 0; r < resCount; r++) {
                if (!allowed[r][p] || runEnd[r][p] < p) {
                    suffixMin[r] = INF;
                    windowHead[r] = 0;
                    windowTail[r] = 0;
                    best[p][r] = INF;
                    continue;
                }
                double after;
                if (p == blocks - 1) {
                    after = finishOk[r] ? finishCost(s, r, weights, perByte) : INF;
                } else {
                    after = INF;
                    if (!nativeOnly) {
                        for (int c : follow[r]) {
                            double next = best[p + 1][c];
                            if (next < INF) {
                                double v = hopCost(r, c, in.out[p], weights, perByte) + next;
                                if (v < after) {
                                    after = v;
                                }
                            }
                        }
                    }
                }
                double perSecond = weights.seg[r];
                double v = perSecond * prefix[r][p + 1] + after;
                if (memoryLimited[r]) {
                    // the queue holds ends from p upwards, ends rising and values strictly falling towards the
                    // tail; the least value in the window is the newest end's that has not expired
                    int[] q = window[r];
                    double[] qv = windowValue[r];
                    int head = windowHead[r];
                    int tail = windowTail[r];
                    // push p at the head side: a later end with a value not below v never wins while p is in
                    // the window, since p leaves the window last
                    while (head < tail && qv[head] >= v) {
                        head++;
                    }
                    if (head == 0) {
                        // make room at the front by shifting the queue (rare: only when it starts at index 0)
                        int size = tail - head;
                        int shift = blocks - tail;
                        System.arraycopy(q, head, q, head + shift, size);
                        System.arraycopy(qv, head, qv, head + shift, size);
                        head += shift;
                        tail += shift;
                    }
                    head--;
                    q[head] = p;
                    qv[head] = v;
                    while (q[tail - 1] > runEnd[r][p]) {
                        tail--;
                    }
                    windowHead[r] = head;
                    windowTail[r] = tail;
                    best[p][r] = qv[tail - 1] - perSecond * prefix[r][p];
                    continue;
                }
                if (v < suffixMin[r]) {
                    suffixMin[r] = v;
                }
                best[p][r] = suffixMin[r] - perSecond * prefix[r][p];
            }
        }
        return best;
    }

    BranchAndBound run() {
        PriorityQueue<Node> queue = new PriorityQueue<>(BY_KEY);
        for (int si = 0; si < in.sources.length; si++) {
            int s = in.sources[si];
            for (int r = 0; r < resCount; r++) {
                if (!startOk[si][r] || !allowed[r][0]) {
                    continue;
                }
                Node root = start(si, s, r);
                if (root != null) {
                    queue.add(root);
                } else {
                    pruned++;
                }
            }
        }
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            double threshold = top.threshold();
            if (node.key > threshold) {
                break;
            }
            if (!node.expanded) {
                node.expanded = true;
                if (dominated(node)) {
                    pruned++;
                    continue;
                }
                expand(node, threshold);
                expanded++;
            }
            if (node.size == 0) {
                continue;
            }
            double f = node.cf[0];
            int e = node.ce[0];
            int next = node.cr[0];
            node.popChild();
            if (f <= top.threshold()) {
                if (next < 0) {
                    finish(node);
                } else {
                    Node child = child(node, e, next, f);
                    if (child != null) {
                        queue.add(child);
                    } else {
                        pruned++;
                    }
                }
            } else {
                pruned += node.size + 1;
                node.size = 0;
            }
            if (node.size > 0) {
                node.key = node.cf[0];
                queue.add(node);
            } else {
                node.release();
            }
        }
        return this;
    }

    private Node start(int si, int s, int r) {
        double g = 0;
        double gLat = 0;
        long[] acc = new long[trackers.length];
        if (r != s) {
            long bytes = in.inputBytes;
            gLat = in.hopSeconds(s, r, bytes);
            g = hopCost(s, r, bytes, w[si], in.perByte);
            for (int t = 0; t < trackers.length; t++) {
                if (!trackers[t].hop(acc, t, s, r, bytes)) {
                    return null;
                }
            }
        }
        for (int t = 0; t < trackers.length; t++) {
            if (!trackers[t].reach(acc, t, in.rank[r])) {
                return null;
            }
        }
        double lead = in.leadSeconds(s, r);
        if (gLat + lead + dl[si][0][r] > deadlineBound) {
            return null;
        }
        double f = g + w[si].seg[r] * lead + d[si][0][r];
        if (f == INF) {
            return null;
        }
        int tierCount = in.sourceHeld(s, r) ? 2 : 1;
        return new Node(null, si, r, 0, g, gLat, acc, tierCount, 1, f);
    }

    private Node child(Node node, int e, int c, double f) {
        int r = node.r;
        double seconds = prefix[r][e + 1] - prefix[r][node.p] + lead(node);
        long bytes = in.out[e];
        double hopSeconds = in.hopSeconds(r, c, bytes);
        System.arraycopy(node.acc, 0, hopAcc, 0, hopAcc.length);
        if (!segmentFits(node, e, seconds, hopAcc) || !hopFits(node, e, c, seconds, bytes, hopSeconds, hopAcc)) {
            return null;
        }
        long[] acc = hopAcc.clone();
        double gLat = node.gLat + seconds + hopSeconds;
        EnergyBounds.Weights weights = w[node.si];
        double g = node.g + weights.seg[r] * seconds + cost(hopSeconds, bytes, weights.hop(r, c), in.perByte);
        int tierCount = in.rank[c] == in.rank[r] ? node.tierCount + 1 : 1;
        return new Node(node, node.si, c, e + 1, g, gLat, acc, tierCount, node.segments + 1, f);
    }

    /**
     * Closes the node's open segment at block e in the trackers: {@code acc} holds the node's accumulators on
     * entry and the updated ones on return. False if a tracker says no completion can rescue the prefix.
     */
    private boolean segmentFits(Node node, int e, double seconds, long[] acc) {
        int layers = in.lastLayer[e] - in.firstLayer[node.p] + 1;
        for (int t = 0; t < trackers.length; t++) {
            if (!trackers[t].segment(acc, t, node.r, seconds, layers)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the hop after block e to resource c, given the accumulators after {@link #segmentFits} (updated in
     * place): the pipeline rules, every tracker, and the deadline against the optimistic latency to finish. This
     * is the one definition of which children exist; {@link #expand} screens with it and {@link #child} builds
     * with it.
     */
    private boolean hopFits(Node node, int e, int c, double seconds, long bytes, double hopSeconds, long[] acc) {
        if (node.segments + 1 > in.resourceCount) {
            return false;
        }
        if (in.rank[c] == in.rank[node.r] && !tierHasRoomFor(node, c)) {
            return false;
        }
        double gLat = node.gLat + seconds + hopSeconds;
        if (gLat + dl[node.si][e + 1][c] > deadlineBound) {
            return false;
        }
        for (int t = 0; t < trackers.length; t++) {
            Tracker tr = trackers[t];
            if (!tr.hop(acc, t, node.r, c, bytes) || !tr.reach(acc, t, in.rank[c])) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if c, of the open segment's tier, may run the next segment: the tier has room, c is not the source
     * (which runs only the first segment) and no segment of the tier ran on c. Segments of a tier are consecutive,
     * so the walk up the prefix stops at the tier's first segment.
     */
    private boolean tierHasRoomFor(Node node, int c) {
        if (node.tierCount >= in.maxPerTier || c == in.sources[node.si]) {
            return false;
        }
        int tierRank = in.rank[c];
        for (Node x = node; x != null && in.rank[x.r] == tierRank; x = x.parent) {
            if (x.r == c) {
                return false;
            }
        }
        return true;
    }

    private void expand(Node node, double threshold) {
        int r = node.r;
        int p = node.p;
        int eMax = runEnd[r][p];
        int si = node.si;
        int s = in.sources[si];
        EnergyBounds.Weights weights = w[si];
        double perSecond = weights.seg[r];
        double lead = lead(node);
        double base = node.g + perSecond * lead - perSecond * prefix[r][p];
        int capacity = 0;
        for (int e = p; e <= eMax; e++) {
            capacity += e == blocks - 1 ? 1 : (nativeOnly ? 0 : follow[r].length);
        }
        node.allocate(capacity);
        boolean screen = screening && capacity >= screenFrom;
        for (int e = p; e <= eMax; e++) {
            double upTo = base + perSecond * prefix[r][e + 1];
            if (e == blocks - 1) {
                double back = finishCost(s, r, weights, in.perByte);
                if (finishOk[r] && back < INF) {
                    double f = upTo + back;
                    if (f <= threshold) {
                        node.add(f, e, -1);
                    } else {
                        pruned++;
                    }
                }
                continue;
            }
            if (nativeOnly) {
                continue;
            }
            long bytes = in.out[e];
            double[] rest = d[si][e + 1];
            double seconds = 0.0;
            if (screen) {
                seconds = prefix[r][e + 1] - prefix[r][p] + lead;
                System.arraycopy(node.acc, 0, segmentAcc, 0, segmentAcc.length);
                if (!segmentFits(node, e, seconds, segmentAcc)) {
                    pruned += follow[r].length;
                    continue;
                }
            }
            for (int c : follow[r]) {
                double next = rest[c];
                if (next == INF) {
                    continue;
                }
                double hopSeconds = in.hopSeconds(r, c, bytes);
                double f = upTo + cost(hopSeconds, bytes, weights.hop(r, c), in.perByte) + next;
                if (f > threshold) {
                    pruned++;
                    continue;
                }
                if (screen) {
                    System.arraycopy(segmentAcc, 0, hopAcc, 0, hopAcc.length);
                    if (!hopFits(node, e, c, seconds, bytes, hopSeconds, hopAcc)) {
                        pruned++;
                        continue;
                    }
                }
                node.add(f, e, c);
            }
        }
        node.heapify();
    }

    private void finish(Node node) {
        int k = node.segments;
        int[] res = new int[k];
        int[] end = new int[k];
        end[k - 1] = blocks - 1;
        Node cur = node;
        for (int i = k - 1; i >= 0; i--) {
            res[i] = cur.r;
            if (i > 0) {
                end[i - 1] = cur.p - 1;
            }
            cur = cur.parent;
        }
        evaluated++;
        if (distributedOnly && k < 2) {
            return;
        }
        PartitionConfig plan = in.evaluate(in.sources[node.si], res, end, k);
        if (plan.score() <= top.threshold() && in.satisfies(plan)) {
            top.offer(plan);
        }
    }

    /** Records the node's expansion at its state; true if n strictly cheaper prefixes were expanded there. */
    private boolean dominated(Node node) {
        if (!dominance) {
            return false;
        }
        Signature key = new Signature(node, in.maxPerTier > 1 ? tierMembers(node) : null, distributedOnly,
                gLatInSignature);
        Seen seen = expandedAt.get(key);
        if (seen == null) {
            seen = new Seen();
            expandedAt.put(key, seen);
        }
        if (seen.count >= n) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < seen.count; i++) {
                worst = Math.max(worst, seen.costs[i]);
            }
            return worst < node.g - Instance.tolerance(node.g);
        }
        seen.add(node.g, n);
        return false;
    }

    /** The resources of the open segment's tier that the prefix holds (the source too, if it counts), sorted. */
    private int[] tierMembers(Node node) {
        int[] members = new int[node.tierCount];
        int count = 0;
        int tierRank = in.rank[node.r];
        Node x = node;
        Node first = node;
        while (x != null && in.rank[x.r] == tierRank) {
            members[count++] = x.r;
            first = x;
            x = x.parent;
        }
        if (count < members.length) {
            // the tier's first segment is the plan's first, and the source of that tier handed over
            members[count++] = in.sources[first.si];
        }
        Arrays.sort(members, 0, count);
        return members;
    }

    TopN top() {
        return top;
    }

    long expanded() {
        return expanded;
    }

    long pruned() {
        return pruned;
    }

    long evaluated() {
        return evaluated;
    }

    // -------------------------------------------------------------------------------------------------- helpers

    /** The costs of the prefixes expanded at one state, in expansion order: at most n, grown as they come. */
    private static final class Seen {
        double[] costs = new double[2];
        int count;

        void add(double cost, int n) {
            if (count == costs.length) {
                costs = Arrays.copyOf(costs, (int) Math.min(n, 2L * costs.length));
            }
            costs[count++] = cost;
        }
    }

    /** A prefix of a plan, with a lazily built heap of its children ordered by bound. */
    static final class Node {
        final @Nullable Node parent;
        final int si;
        final int r;
        final int p;
        final double g;
        final double gLat;
        final long[] acc;
        /** The resources of r's tier in the prefix, counting a profiled source of that tier that handed over. */
        final int tierCount;
        final int segments;
        double key;
        boolean expanded;
        double[] cf;
        int[] ce;
        int[] cr;
        int size;

        Node(@Nullable Node parent, int si, int r, int p, double g, double gLat, long[] acc, int tierCount,
                int segments, double key) {
            this.parent = parent;
            this.si = si;
            this.r = r;
            this.p = p;
            this.g = g;
            this.gLat = gLat;
            this.acc = acc;
            this.tierCount = tierCount;
            this.segments = segments;
            this.key = key;
        }

        void allocate(int capacity) {
            cf = new double[capacity];
            ce = new int[capacity];
            cr = new int[capacity];
            size = 0;
        }

        void add(double f, int e, int c) {
            cf[size] = f;
            ce[size] = e;
            cr[size] = c;
            size++;
        }

        void heapify() {
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        void popChild() {
            size--;
            if (size > 0) {
                cf[0] = cf[size];
                ce[0] = ce[size];
                cr[0] = cr[size];
                siftDown(0);
            }
        }

        void release() {
            cf = null;
            ce = null;
            cr = null;
        }

        private void siftDown(int i) {
            double f = cf[i];
            int e = ce[i];
            int c = cr[i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && cf[child + 1] < cf[child]) {
                    child++;
                }
                if (cf[child] >= f) {
                    break;
                }
                cf[i] = cf[child];
                ce[i] = ce[child];
                cr[i] = cr[child];
                i = child;
            }
            cf[i] = f;
            ce[i] = e;
            cr[i] = c;
        }
    }

    /** The state of a prefix that decides which completions are feasible and what they cost beyond it. */
    static final class Signature {
        private final long[] parts;
        private final int hash;

        Signature(Node node, int @Nullable [] tierMembers, boolean withSegments, boolean withLatency) {
            int members = tierMembers == null ? 0 : tierMembers.length;
            long[] p = new long[3 + node.acc.length + 2 + members];
            int i = 0;
            p[i++] = node.si;
            p[i++] = node.r;
            p[i++] = node.p;
            for (long a : node.acc) {
                p[i++] = a;
            }
            p[i++] = withSegments ? Math.min(node.segments, 2) : 0;
            p[i++] = withLatency ? Double.doubleToLongBits(node.gLat) : 0;
            for (int m = 0; m < members; m++) {
                p[i++] = tierMembers[m];
            }
            this.parts = p;
            this.hash = Arrays.hashCode(p);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signature s && Arrays.equals(parts, s.parts);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
