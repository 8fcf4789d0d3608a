package io.scission.profile;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * When a profiler stops repeating: after a fixed count, or once the timings that a prediction adds up are stable.
 * Immutable; the {@code with...} methods return copies.
 *
 * <p>Under the until-stable rule the blocks, the whole model and the range checks are timed together in passes
 * (every unit once per pass), so that a burst of load from another process hits them all alike. From
 * {@code minRepeats} passes on, after each pass, a timing is <em>stable</em> when the distribution-free
 * {@code confidence} interval of its median ({@link Precision#ofMedian}) has a half-width of at most the largest
 * of
 * <ul>
 *   <li>{@code relativeTolerance} × its median,
 *   <li>{@code relativeTolerance} × the whole model's median / the number of blocks (a block that small cannot
 *       move a sum of blocks by more than its share of the tolerance), and
 *   <li>{@code absoluteToleranceSeconds} (the resolution of a timed run);
 * </ul>
 * the whole model's and the split-inference total's floor is their own relative tolerance. Which timings must be
 * stable is the rule's {@link Scope}: under {@link Scope#SUMS} (the default rule, profile format version 3) the
 * split-inference total (per pass, the sum of every block's sample: the quantity a prediction of the whole model
 * adds up), the whole model and every range check; under {@link Scope#EVERY_BLOCK} (format version 2) every block
 * and the whole model. Profiling stops when they are stable, after {@code maxRepeats} passes, or when the timed
 * passes have taken {@code budgetWholeModels} times the whole model's median, whichever comes first. A fixed rule
 * ({@link #fixed}) has {@code minRepeats == maxRepeats} and no budget.
 *
 * <p><b>A window</b> ({@code windowSeconds} above 0, opt-in) makes a profile a sample of the machine over time rather
 * than of one moment: on a shared or virtual machine the speed of the same work can move by 10-20 % for seconds to
 * minutes. The timed passes are then spread evenly over at least that wall-clock window, one pass per slot with idle
 * time between: after the first pass, the passes the budget affords are planned ({@code budgetWholeModels} × the
 * whole model's first sample / the first pass's time, at least {@code minRepeats}, at most {@code maxRepeats}; with
 * no budget {@code minRepeats}), and pass {@code k} (from 0) starts {@code k × window / (planned - 1)} after the
 * first. The rule is checked from the last planned pass on, never before (a few passes of one fast or slow phase
 * would look stable); the budget counts the passes' own time, not the idle time; passes beyond the planned ones
 * follow back to back.
 *
 * <p>Stopping at the first stable pass looks at the data more than once, so a reported interval covers somewhat
 * less often than its confidence (optional stopping); the minimum count keeps that effect small, and the recorded
 * intervals say how wide the medians really were.
 *
 * @param minRepeats passes before the rule is first checked, at least 1
 * @param maxRepeats the most passes, at least {@code minRepeats}
 * @param confidence the coverage of the median interval, in (0, 1), e.g. 0.9
 * @param relativeTolerance the half-width allowed relative to a median, in (0, 1), e.g. 0.05
 * @param absoluteToleranceSeconds the half-width always allowed, in seconds, not negative
 * @param budgetWholeModels the time budget of the timed passes in whole-model medians, e.g. 15; 0 for none
 * @param scope which timings must be stable
 * @param windowSeconds the wall-clock window the timed passes are spread over, in seconds; 0 for none (passes back
 *     to back)
 */
public record SamplingRule(int minRepeats, int maxRepeats, double confidence, double relativeTolerance,
        double absoluteToleranceSeconds, double budgetWholeModels, Scope scope, double windowSeconds) {

    /** Which timings must be stable before an until-stable profiler stops. */
    public enum Scope {
        /** Every block and the whole model (the rule of profile format version 2). */
        EVERY_BLOCK,
        /** The split-inference total (the sum of the blocks per pass), the whole model and every range check. */
        SUMS
    }

    /**
     * The default until-stable rule: 5 to 100 passes, until the 90 % intervals of the split-inference total, the
     * whole model and the range checks are within ±5 % (or 5 µs), a budget of 15 times the whole model's median.
     * 5 is the fewest samples that have a 90 % distribution-free median interval ({@code [x(1), x(5)]}, 93.75 %);
     * measured on 8 zoo models at 2 threads, more passes than that did not shrink the additivity error, which is
     * dominated by a difference between the blocks and the whole model that stays put (see
     * {@code scission-tf/measurements/adaptive-profiler.md}).
     */
    public static final SamplingRule UNTIL_STABLE = new SamplingRule(5, 100, 0.90, 0.05, 5e-6, 15, Scope.SUMS, 0);

    /**
     * Validates the rule.
     *
     * @param minRepeats passes before the rule is first checked, at least 1
     * @param maxRepeats the most passes, at least {@code minRepeats}
     * @param confidence the coverage of the median interval, in (0, 1)
     * @param relativeTolerance the half-width allowed relative to a median, in (0, 1)
     * @param absoluteToleranceSeconds the half-width always allowed, in seconds, not negative
     * @param budgetWholeModels the time budget in whole-model medians; 0 for none
     * @param scope which timings must be stable
     * @param windowSeconds the wall-clock window the timed passes are spread over, in seconds; 0 for none
     * @throws IllegalArgumentException if a value is out of range
     */
    public SamplingRule {
        requireNonNull(scope, "scope");
        if (minRepeats < 1 || maxRepeats < minRepeats) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The repeats (%d to %d) must be at "
                    + "least 1, the most not below the fewest.%nMaybe write e.g. 6 to 100.", minRepeats, maxRepeats));
        }
        if (!(confidence > 0 && confidence < 1) || !(relativeTolerance > 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The confidence (%s) and relative "
                    + "tolerance (%s) must be between 0 and 1, exclusive.%nMaybe write 0.95 and 0.05.", confidence,
                    relativeTolerance));
        }
        if (!(absoluteToleranceSeconds >= 0) || Double.isInfinite(absoluteToleranceSeconds)
                || !(budgetWholeModels >= 0) || Double.isInfinite(budgetWholeModels)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The absolute tolerance (%s s) and the "
                    + "budget (%s whole-model times) must be finite and not negative.", absoluteToleranceSeconds,
                    budgetWholeModels));
        }
        if (!(windowSeconds >= 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The window (%s s) must be finite and not "
                    + "negative.%nMaybe write 120, or 0 for passes back to back.", windowSeconds));
        }
        if (windowSeconds > 0 && minRepeats == maxRepeats) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "A window (%s s) spreads the passes of "
                    + "an until-stable rule, but this rule has a fixed count (%d).%nMaybe leave out the window.",
                    windowSeconds, minRepeats));
        }
    }

    /**
     * Creates a rule without a window (passes back to back).
     *
     * @param minRepeats passes before the rule is first checked, at least 1
     * @param maxRepeats the most passes, at least {@code minRepeats}
     * @param confidence the coverage of the median interval, in (0, 1)
     * @param relativeTolerance the half-width allowed relative to a median, in (0, 1)
     * @param absoluteToleranceSeconds the half-width always allowed, in seconds, not negative
     * @param budgetWholeModels the time budget in whole-model medians; 0 for none
     * @param scope which timings must be stable
     * @throws IllegalArgumentException if a value is out of range
     */
    public SamplingRule(int minRepeats, int maxRepeats, double confidence, double relativeTolerance,
            double absoluteToleranceSeconds, double budgetWholeModels, Scope scope) {
        this(minRepeats, maxRepeats, confidence, relativeTolerance, absoluteToleranceSeconds, budgetWholeModels,
                scope, 0);
    }

    /**
     * Creates a rule that requires every block and the whole model to be stable ({@link Scope#EVERY_BLOCK}, the
     * rule of profile format version 2).
     *
     * @param minRepeats passes before the rule is first checked, at least 1
     * @param maxRepeats the most passes, at least {@code minRepeats}
     * @param confidence the coverage of the median interval, in (0, 1)
     * @param relativeTolerance the half-width allowed relative to a median, in (0, 1)
     * @param absoluteToleranceSeconds the half-width always allowed, in seconds, not negative
     * @param budgetWholeModels the time budget in whole-model medians; 0 for none
     * @throws IllegalArgumentException if a value is out of range
     */
    public SamplingRule(int minRepeats, int maxRepeats, double confidence, double relativeTolerance,
            double absoluteToleranceSeconds, double budgetWholeModels) {
        this(minRepeats, maxRepeats, confidence, relativeTolerance, absoluteToleranceSeconds, budgetWholeModels,
                Scope.EVERY_BLOCK, 0);
    }

    /**
     * Returns a rule that times exactly {@code repeats} passes; the precision it records is the 95 % median
     * interval with the ±5 % (or 5 µs) tolerance of every block, as before the default rule changed.
     *
     * @param repeats the passes, at least 1
     * @return the rule
     * @throws IllegalArgumentException if repeats is not positive
     */
    public static SamplingRule fixed(int repeats) {
        return new SamplingRule(repeats, repeats, FIXED_CONFIDENCE, UNTIL_STABLE.relativeTolerance,
                UNTIL_STABLE.absoluteToleranceSeconds, 0);
    }

    /** The confidence of the intervals a fixed rule records. */
    static final double FIXED_CONFIDENCE = 0.95;

    /**
     * Returns whether the count is fixed ({@code minRepeats == maxRepeats}).
     *
     * @return true for a fixed count
     */
    public boolean isFixed() {
        return minRepeats == maxRepeats;
    }

    /**
     * Returns a copy with other repeat bounds.
     *
     * @param min passes before the rule is first checked, at least 1
     * @param max the most passes, at least {@code min}
     * @return the rule
     */
    public SamplingRule withRepeats(int min, int max) {
        return new SamplingRule(min, max, confidence, relativeTolerance, absoluteToleranceSeconds, budgetWholeModels,
                scope, windowSeconds);
    }

    /**
     * Returns a copy with another relative tolerance.
     *
     * @param tolerance the half-width allowed relative to a median, in (0, 1)
     * @return the rule
     */
    public SamplingRule withRelativeTolerance(double tolerance) {
        return new SamplingRule(minRepeats, maxRepeats, confidence, tolerance, absoluteToleranceSeconds,
                budgetWholeModels, scope, windowSeconds);
    }

    /**
     * Returns a copy with another time budget.
     *
     * @param wholeModels the budget of the timed passes in whole-model medians; 0 for none
     * @return the rule
     */
    public SamplingRule withBudget(double wholeModels) {
        return new SamplingRule(minRepeats, maxRepeats, confidence, relativeTolerance, absoluteToleranceSeconds,
                wholeModels, scope, windowSeconds);
    }

    /**
     * Returns a copy whose timed passes are spread over a wall-clock window (see the class comment).
     *
     * @param seconds the window, in seconds; 0 for passes back to back
     * @return the rule
     * @throws IllegalArgumentException if the window is negative or not finite, or the rule has a fixed count
     */
    public SamplingRule withWindow(double seconds) {
        return new SamplingRule(minRepeats, maxRepeats, confidence, relativeTolerance, absoluteToleranceSeconds,
                budgetWholeModels, scope, seconds);
    }

    /**
     * Returns whether the timed passes are spread over a window.
     *
     * @return true if {@link #windowSeconds()} is above 0
     */
    public boolean hasWindow() {
        return windowSeconds > 0;
    }

    /**
     * Returns the half-width up to which a unit's median counts as stable.
     *
     * @param median the unit's median, in seconds
     * @param wholeModel the whole model's median, in seconds
     * @param blocks the number of blocks
     * @return seconds
     */
    public double tolerance(double median, double wholeModel, int blocks) {
        return Math.max(absoluteToleranceSeconds, relativeTolerance * Math.max(median, wholeModel / blocks));
    }
}
