package io.scission.internal.search;

import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.query.EnergyWeight;
import io.scission.query.Objective;
import io.scission.query.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Optimistic (never too high) per-step prices of the energy in an objective, for the branch-and-bound program.
 *
 * <p>A plan's energy for a target (README "Energy") is, summed over its steps (segments and hops, one after
 * another), the step's duration times the watts that the matched resources taking part draw during it: the one
 * computing draws its compute watts, the sender its transmit watts, the receiver its receive watts, every other one
 * its idle watts. All watts are non-negative, so leaving resources out of that sum never over-prices a step. Per
 * source {@code s}, a step is priced at the watts of the resources it involves plus the idle watts of {@code s}
 * (which takes part in every plan from it) when {@code s} is matched and not involved:
 * <ul>
 *   <li>a segment on y: {@code [T(y)] computeW(y) + [T(s), s ≠ y] idleW(s)} per second;</li>
 *   <li>a hop a → b: {@code [T(a)] transmitW(a) + [T(b)] receiveW(b) + [T(s), s ∉ {a, b}] idleW(s)} per second.</li>
 * </ul>
 * These prices depend only on the step and the source, so the backward program over (block, resource) stays a
 * shortest-path program and its value is a lower bound of the energy of every completion. The bound is exact when
 * no matched resource other than the source that can take part in a plan has idle watts above zero
 * ({@link #exact}); then the dominance pruning of {@link BranchAndBound} stays sound, otherwise it is turned off.
 */
final class EnergyBounds {

    private EnergyBounds() {
    }

    /** The price per second of each step from one source: latency weight plus the energy terms' watts. */
    static final class Weights {
        /** seg[y]: per second of a segment on y. */
        final double[] seg;
        /** hop[a][c]: per second of a hop from a to c; null when every hop costs {@link #flat}. */
        final double[][] hop;
        final double flat;

        Weights(double[] seg, double[][] hop, double flat) {
            this.seg = seg;
            this.hop = hop;
            this.flat = flat;
        }

        double hop(int a, int c) {
            return hop == null ? flat : hop[a][c];
        }
    }

    /** Every step priced {@code perSecond}: the objective without energy, or plain latency. */
    static Weights flat(int resources, double perSecond) {
        double[] seg = new double[resources];
        java.util.Arrays.fill(seg, perSecond);
        return new Weights(seg, null, perSecond);
    }

    /** The prices of the objective's steps for plans from source s. */
    static Weights of(Instance in, int s, Objective objective) {
        int n = in.resourceCount;
        double[] seg = new double[n];
        double[][] hop = new double[n][n];
        java.util.Arrays.fill(seg, objective.perSecond());
        for (double[] row : hop) {
            java.util.Arrays.fill(row, objective.perSecond());
        }
        for (EnergyWeight term : objective.energy()) {
            boolean[] on = Tracker.matches(term.target(), in.resources);
            double w = term.perJoule();
            double sourceIdle = on[s] ? watts(in.resources[s]).idleWatts() : 0.0;
            for (int y = 0; y < n; y++) {
                seg[y] += w * ((on[y] ? watts(in.resources[y]).computeWatts() : 0.0) + (y != s ? sourceIdle : 0.0));
            }
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    double watts = (on[a] ? watts(in.resources[a]).transmitWatts() : 0.0)
                            + (on[c] ? watts(in.resources[c]).receiveWatts() : 0.0)
                            + (a != s && c != s ? sourceIdle : 0.0);
                    hop[a][c] += w * watts;
                }
            }
        }
        return new Weights(seg, hop, Double.NaN);
    }

    /** The figures of a resource; zeros for one without (it never takes part where they would count). */
    static Power watts(Resource r) {
        return r.power().isKnown() ? r.power() : Power.of(0, 0, 0);
    }

    /**
     * True if the per-step prices give the target's energy exactly: every matched resource with idle watts that can
     * take part is a source, and no plan from one source can use another (one source, or one resource per tier).
     */
    static boolean exact(Instance in, Target target, boolean[] canTakePart) {
        boolean[] source = sources(in);
        for (int r = 0; r < in.resourceCount; r++) {
            Resource res = in.resources[r];
            if (canTakePart[r] && target.matches(res) && watts(res).idleWatts() > 0
                    && !(source[r] && (in.sources.length == 1 || in.maxPerTier == 1))) {
                return false;
            }
        }
        return true;
    }

    /** True if no matched resource that can take part has idle watts above zero. */
    static boolean noIdle(Instance in, Target target, boolean[] canTakePart) {
        for (int r = 0; r < in.resourceCount; r++) {
            if (canTakePart[r] && target.matches(in.resources[r]) && watts(in.resources[r]).idleWatts() > 0) {
                return false;
            }
        }
        return true;
    }

    static boolean[] sources(Instance in) {
        boolean[] source = new boolean[in.resourceCount];
        for (int s : in.sources) {
            source[s] = true;
        }
        return source;
    }

    /**
     * Fails naming the query part and the resources if a resource the target matches can take part in a plan and
     * has no power figures.
     */
    static void requirePower(Instance in, Target target, String where, boolean[] canTakePart) {
        List<Resource> missing = new ArrayList<>();
        for (int r = 0; r < in.resourceCount; r++) {
            Resource res = in.resources[r];
            if (canTakePart[r] && target.matches(res) && !res.power().isKnown()) {
                missing.add(res);
            }
        }
        if (!missing.isEmpty()) {
            boolean one = missing.size() == 1;
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs the power figures of %s, which %s none.%nMaybe give %s compute, transmit and idle "
                            + "watts (on the command line --power %s=compute:4.5W,transmit:1.2W,idle:0.9W), or "
                            + "exclude %s.", where,
                    missing.stream().map(Resource::toString).collect(Collectors.joining(", ")),
                    one ? "has" : "have", one ? "it its" : "each its", missing.get(0).name(), one ? "it" : "them"));
        }
    }
}
