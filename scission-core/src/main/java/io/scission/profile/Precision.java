package io.scission.profile;

import static java.util.Objects.requireNonNull;

import com.google.common.math.Quantiles;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How precisely a timing's median is known: a distribution-free confidence interval of the median from order
 * statistics, and whether the interval was within the profiler's tolerance. Profile format version 2 records it
 * per block and per range; older profiles have {@link #NOT_RECORDED}.
 *
 * <p>For {@code n} independent samples sorted as {@code x(1) <= ... <= x(n)}, the interval {@code [x(l),
 * x(n+1-l)]} holds the true median with probability {@code 1 - 2 P(B <= l-1)}, {@code B ~ Binomial(n, 1/2)},
 * whatever the samples' distribution (e.g. Hollander, Wolfe and Chicken, <i>Nonparametric Statistical Methods</i>,
 * 3rd ed., §3.6). {@link #ofMedian} takes the narrowest such interval whose coverage is at least the level asked
 * for; with too few samples for that (fewer than 6 at 95 %) it takes {@code [x(1), x(n)]} and reports its smaller
 * coverage.
 *
 * @param confidence the interval's exact coverage, in [0, 1], e.g. 0.979 for {@code [x(2), x(9)]} of 10 samples;
 *     NaN if not recorded
 * @param low the lower bound in seconds; NaN if not recorded
 * @param high the upper bound in seconds; NaN if not recorded
 * @param stable true if the half-width (the larger distance from the median to a bound) met the profiler's
 *     tolerance (see {@link SamplingRule})
 */
public record Precision(double confidence, double low, double high, boolean stable) {

    /** The precision of a timing that does not record one (profile format version 1, imported data). */
    public static final Precision NOT_RECORDED = new Precision(Double.NaN, Double.NaN, Double.NaN, false);

    /**
     * Validates the precision.
     *
     * @param confidence the interval's exact coverage, in [0, 1]; NaN if not recorded
     * @param low the lower bound in seconds; NaN if not recorded
     * @param high the upper bound in seconds; NaN if not recorded
     * @param stable whether the half-width met the profiler's tolerance
     * @throws IllegalArgumentException if only some fields are recorded, the coverage is outside [0, 1], or the
     *     bounds are negative, infinite or reversed
     */
    public Precision {
        boolean none = Double.isNaN(confidence) && Double.isNaN(low) && Double.isNaN(high);
        if (none) {
            if (stable) {
                throw new IllegalArgumentException("A precision that records no interval cannot be stable.");
            }
        } else if (!(confidence >= 0 && confidence <= 1) || !(low >= 0) || !(high >= low)
                || Double.isInfinite(high)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The median interval [%s, %s] s with "
                    + "confidence %s must have finite bounds, 0 <= low <= high, and a confidence in [0, 1].",
                    low, high, confidence));
        }
    }

    /**
     * Returns whether an interval is recorded.
     *
     * @return false for {@link #NOT_RECORDED}
     */
    public boolean isRecorded() {
        return !Double.isNaN(confidence);
    }

    /**
     * Returns the half-width of the interval around a median: the larger distance from the median to a bound.
     *
     * @param median the median the interval belongs to, in seconds
     * @return seconds; NaN if not recorded
     */
    public double halfWidth(double median) {
        return Math.max(median - low, high - median);
    }

    /**
     * Returns the distribution-free confidence interval of the samples' median.
     *
     * @param samples seconds, at least one, each finite and not negative
     * @param level the coverage wanted, in (0, 1), e.g. 0.95
     * @param toleranceSeconds the largest half-width that counts as stable, in seconds
     * @return the precision; its confidence is below {@code level} if there are too few samples
     * @throws IllegalArgumentException if there are no samples, a sample is invalid, or the level is outside (0, 1)
     */
    public static Precision ofMedian(List<Double> samples, double level, double toleranceSeconds) {
        requireNonNull(samples, "samples");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The confidence level (%s) must be between 0 and 1, exclusive.%nMaybe write 0.95.", level));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("A median interval needs at least one sample.");
        }
        double[] x = new double[samples.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples.get(i);
            if (!(x[i] >= 0) || Double.isInfinite(x[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The sample %d (%s s) must be a finite number, not negative.", i, x[i]));
            }
        }
        Arrays.sort(x);
        int n = x.length;
        int l = orderStatistic(n, level);
        double coverage = coverage(n, l);
        double median = Quantiles.median().compute(x);
        double low = x[l - 1];
        double high = x[n - l];
        double half = Math.max(median - low, high - median);
        return new Precision(coverage, low, high, coverage >= level && half <= toleranceSeconds);
    }

    /**
     * Returns the largest {@code l} (at least 1) such that {@code [x(l), x(n+1-l)]} covers the median with at least
     * the given probability; 1 if even {@code [x(1), x(n)]} covers less.
     *
     * @param n the sample count, positive
     * @param level the coverage wanted
     * @return the 1-based index of the lower bound
     */
    static int orderStatistic(int n, double level) {
        // P(B <= j) for B ~ Binomial(n, 1/2), accumulated in log space so that large n does not underflow
        double logPmf = -n * Math.log(2);
        double cdf = 0;
        int best = 1;
        for (int l = 1; 2 * l <= n + 1; l++) {
            cdf += Math.exp(logPmf); // now P(B <= l - 1)
            if (1 - 2 * cdf < level) {
                break;
            }
            best = l;
            logPmf += Math.log(n - (l - 1)) - Math.log(l);
        }
        return best;
    }

    /**
     * Returns the coverage of {@code [x(l), x(n+1-l)]}: {@code 1 - 2 P(B <= l-1)}.
     *
     * @param n the sample count
     * @param l the 1-based index of the lower bound
     * @return the probability, clamped at 0
     */
    static double coverage(int n, int l) {
        double logPmf = -n * Math.log(2);
        double cdf = 0;
        for (int j = 0; j <= l - 1; j++) {
            cdf += Math.exp(logPmf);
            logPmf += Math.log(n - j) - Math.log(j + 1);
        }
        return Math.max(0.0, 1 - 2 * cdf);
    }
}
