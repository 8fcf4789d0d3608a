package io.scission.profile;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * How many timed passes a profile took and why it stopped; part of its {@link Provenance}. Profile format version
 * 1 files, which always used a fixed count, read as {@link #fixed(int)}.
 *
 * @param rule the rule the profiler followed
 * @param passes the timed passes run; every block and range was timed once per pass
 * @param rejectedPasses passes left out of every timing because another process disturbed them (see
 *     {@code docs/file-formats.md}); the timings hold {@code passes - rejectedPasses} samples
 * @param budgetSeconds the time budget that applied to the timed passes, in seconds; 0 if none
 * @param stop why the passes stopped
 * @param splitTotal the median and median interval of the split-inference total (per kept pass, the sum of every
 *     block's sample), which the default rule stops on (profile format version 3); {@link SplitTotal#NOT_RECORDED}
 *     in older profiles and fixed counts
 */
public record Sampling(SamplingRule rule, int passes, int rejectedPasses, double budgetSeconds, Stop stop,
        SplitTotal splitTotal) {

    /**
     * The split-inference total of an until-stable profile: per kept pass the sum of every block's sample, the
     * quantity whose interval the default {@link SamplingRule} stops on.
     *
     * @param median the median of the per-pass totals in seconds; NaN if not recorded
     * @param precision its distribution-free median interval, or {@link Precision#NOT_RECORDED}
     */
    public record SplitTotal(double median, Precision precision) {

        /** No split-inference total recorded (format versions 1 and 2, fixed counts). */
        public static final SplitTotal NOT_RECORDED = new SplitTotal(Double.NaN, Precision.NOT_RECORDED);

        /**
         * Validates the total.
         *
         * @param median the median in seconds; NaN if not recorded
         * @param precision its interval, recorded exactly when the median is
         * @throws IllegalArgumentException if only one of them is recorded, the median is negative or infinite, or
         *     the interval does not hold it
         */
        public SplitTotal {
            requireNonNull(precision, "precision");
            if (Double.isNaN(median) != !precision.isRecorded()) {
                throw new IllegalArgumentException("The split-inference total needs both its median and its "
                        + "interval, or neither.");
            }
            if (!Double.isNaN(median) && (median < 0 || Double.isInfinite(median)
                    || !(precision.low() <= median && median <= precision.high()))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The split-inference total's median "
                        + "(%s s) must be finite, not negative, and inside its interval [%s, %s] s.", median,
                        precision.low(), precision.high()));
            }
        }

        /**
         * Returns whether a total is recorded.
         *
         * @return false for {@link #NOT_RECORDED}
         */
        public boolean isRecorded() {
            return !Double.isNaN(median);
        }
    }

    /** Why a profiler stopped repeating. */
    public enum Stop {
        /** The rule's fixed count was reached. */
        FIXED,
        /** The timings the rule's {@link SamplingRule.Scope scope} names were stable. */
        STABLE,
        /** The time budget ran out first. */
        BUDGET,
        /** The most passes were reached first. */
        MAX_REPEATS
    }

    /**
     * Validates the sampling.
     *
     * @param rule the rule the profiler followed
     * @param passes the timed passes run
     * @param rejectedPasses passes left out of every timing
     * @param budgetSeconds the time budget in seconds; 0 if none
     * @param stop why the passes stopped
     * @param splitTotal the split-inference total, or {@link SplitTotal#NOT_RECORDED}
     * @throws IllegalArgumentException if a count or the budget is negative, or more passes were rejected than run
     */
    public Sampling {
        requireNonNull(rule, "rule");
        requireNonNull(stop, "stop");
        requireNonNull(splitTotal, "splitTotal");
        if (passes < 0 || rejectedPasses < 0 || rejectedPasses > passes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The rejected passes (%d) must be "
                    + "between 0 and the passes (%d).", rejectedPasses, passes));
        }
        if (!(budgetSeconds >= 0) || Double.isInfinite(budgetSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The time budget (%s s) must be finite and not negative.", budgetSeconds));
        }
    }

    /**
     * Creates a sampling that records no split-inference total (format version 2).
     *
     * @param rule the rule the profiler followed
     * @param passes the timed passes run
     * @param rejectedPasses passes left out of every timing
     * @param budgetSeconds the time budget in seconds; 0 if none
     * @param stop why the passes stopped
     * @throws IllegalArgumentException if a count or the budget is negative, or more passes were rejected than run
     */
    public Sampling(SamplingRule rule, int passes, int rejectedPasses, double budgetSeconds, Stop stop) {
        this(rule, passes, rejectedPasses, budgetSeconds, stop, SplitTotal.NOT_RECORDED);
    }

    /**
     * Returns the sampling of a profile timed a fixed number of times, with nothing rejected.
     *
     * @param repeats the timed runs per block; 0 when unknown (imported data)
     * @return the sampling
     */
    public static Sampling fixed(int repeats) {
        return new Sampling(SamplingRule.fixed(Math.max(1, repeats)), Math.max(0, repeats), 0, 0, Stop.FIXED);
    }
}
