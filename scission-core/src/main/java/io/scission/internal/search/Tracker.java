package io.scission.internal.search;

import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.query.Target;
import org.jspecify.annotations.Nullable;

/**
 * Follows one global constraint along a plan prefix in one slot of the prefix's accumulator array, and says when
 * the prefix can no longer be completed within it. Sound: it rejects only prefixes that no completion can rescue.
 *
 * <p>Accumulators are {@code long}s so that byte and layer counts are exact; a time is kept as the bits of a
 * {@code double} ({@link Double#doubleToRawLongBits}). Two prefixes with equal accumulators are in the same state
 * for the constraint, which dominance pruning relies on. Which resources a target matches is worked out once, so
 * the checks in the hot loops are array look-ups.
 */
abstract class Tracker {

    /**
     * A hop of {@code bytes} from resource a to resource c.
     *
     * @return false if the prefix is lost
     */
    boolean hop(long[] acc, int slot, int a, int c, long bytes) {
        return true;
    }

    /**
     * A closed segment on resource r.
     *
     * @return false if the prefix is lost
     */
    boolean segment(long[] acc, int slot, int r, double seconds, int layers) {
        return true;
    }

    /**
     * The next segment runs at the given rank, so no later segment runs at a lower one.
     *
     * @return false if the prefix is lost
     */
    boolean reach(long[] acc, int slot, int rank) {
        return true;
    }

    /** matches[r]: the target matches resource r; all false for a null target. */
    static boolean[] matches(@Nullable Target target, Resource[] resources) {
        boolean[] matches = new boolean[resources.length];
        for (int r = 0; r < resources.length; r++) {
            matches[r] = target != null && target.matches(resources[r]);
        }
        return matches;
    }

    /**
     * Bytes over hops: every hop ({@code from == null}), hops out of {@code from} ({@code out}), or hops from
     * {@code from} to {@code to}.
     */
    static Tracker transfer(@Nullable Target from, @Nullable Target to, boolean out, long limit,
            Resource[] resources) {
        boolean all = from == null;
        boolean[] isFrom = matches(from, resources);
        boolean[] isTo = matches(to, resources);
        return new Tracker() {
            @Override
            boolean hop(long[] acc, int slot, int a, int c, long bytes) {
                boolean counts = all || (out ? isFrom[a] && !isFrom[c] : isFrom[a] && isTo[c]);
                if (counts) {
                    acc[slot] += bytes;
                }
                return acc[slot] <= limit;
            }
        };
    }

    /** Compute seconds on the target, summed in plan order as the canonical evaluation sums them. */
    static Tracker compute(Target target, double limit, Resource[] resources) {
        boolean[] on = matches(target, resources);
        double bound = limit + Instance.tolerance(limit);
        return new Tracker() {
            @Override
            boolean segment(long[] acc, int slot, int r, double seconds, int layers) {
                if (!on[r]) {
                    return true;
                }
                double sum = Double.longBitsToDouble(acc[slot]) + seconds;
                acc[slot] = Double.doubleToRawLongBits(sum);
                return sum <= bound;
            }
        };
    }

    /**
     * Energy on the target, priced optimistically: the compute watts of a matched resource while it computes, the
     * transmit and receive watts of the matched ends of a hop while it lasts, and no idle watts (a prefix does not
     * know which resources will take part, nor the plan's latency). All watts are non-negative, so the sum never
     * exceeds the plan's energy; with no idle watts it is that energy, so equal accumulators mean equal states.
     */
    static Tracker energy(Target target, double limit, Instance in) {
        boolean[] on = matches(target, in.resources);
        int n = in.resourceCount;
        double[] compute = new double[n];
        double[] transmit = new double[n];
        double[] receive = new double[n];
        for (int r = 0; r < n; r++) {
            if (on[r]) {
                Power w = EnergyBounds.watts(in.resources[r]);
                compute[r] = w.computeWatts();
                transmit[r] = w.transmitWatts();
                receive[r] = w.receiveWatts();
            }
        }
        double bound = limit + Instance.tolerance(limit);
        return new Tracker() {
            @Override
            boolean segment(long[] acc, int slot, int r, double seconds, int layers) {
                if (!on[r]) {
                    return true;
                }
                double sum = Double.longBitsToDouble(acc[slot]) + compute[r] * seconds;
                acc[slot] = Double.doubleToRawLongBits(sum);
                return sum <= bound;
            }

            @Override
            boolean hop(long[] acc, int slot, int a, int c, long bytes) {
                if (!on[a] && !on[c]) {
                    return true;
                }
                double sum = Double.longBitsToDouble(acc[slot]) + (transmit[a] + receive[c]) * in.hopSeconds(a, c,
                        bytes);
                acc[slot] = Double.doubleToRawLongBits(sum);
                return sum <= bound;
            }
        };
    }

    /** Layers on the target: at most {@code most}, and at least {@code least} once the plan passes its rank. */
    static Tracker layers(Target target, int least, int most, int targetRank, Resource[] resources) {
        boolean[] on = matches(target, resources);
        return new Tracker() {
            @Override
            boolean segment(long[] acc, int slot, int r, double seconds, int layers) {
                if (on[r]) {
                    acc[slot] += layers;
                }
                return acc[slot] <= most;
            }

            @Override
            boolean reach(long[] acc, int slot, int rank) {
                return least == 0 || rank <= targetRank || acc[slot] >= least;
            }
        };
    }

    /** The target runs a block: 1 once it has, and lost once the plan passes its rank without. */
    static Tracker uses(Target target, int targetRank, Resource[] resources) {
        boolean[] on = matches(target, resources);
        return new Tracker() {
            @Override
            boolean segment(long[] acc, int slot, int r, double seconds, int layers) {
                if (on[r]) {
                    acc[slot] = 1;
                }
                return true;
            }

            @Override
            boolean reach(long[] acc, int slot, int rank) {
                return rank <= targetRank || acc[slot] == 1;
            }
        };
    }
}
