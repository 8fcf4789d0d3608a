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
 */
public record Sampling(SamplingRule rule, int passes, int rejectedPasses, double budgetSeconds, Stop stop) {

    /** Why a profiler stopped repeating. */
    public enum Stop {
        /** The rule's fixed count was reached. */
        FIXED,
        /** Every block and the whole model were stable. */
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
     * @throws IllegalArgumentException if a count or the budget is negative, or more passes were rejected than run
     */
    public Sampling {
        requireNonNull(rule, "rule");
        requireNonNull(stop, "stop");
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
     * Returns the sampling of a profile timed a fixed number of times, with nothing rejected.
     *
     * @param repeats the timed runs per block; 0 when unknown (imported data)
     * @return the sampling
     */
    public static Sampling fixed(int repeats) {
        return new Sampling(SamplingRule.fixed(Math.max(1, repeats)), Math.max(0, repeats), 0, 0, Stop.FIXED);
    }
}
