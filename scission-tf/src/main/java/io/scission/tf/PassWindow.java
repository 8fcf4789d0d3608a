package io.scission.tf;

import io.scission.profile.SamplingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When the timed passes of an until-stable profile start, if its rule spreads them over a wall-clock window
 * ({@link SamplingRule#windowSeconds()}): a profile is then a sample of the machine over that window instead of
 * one moment of it. Pure arithmetic on the times it is told (no clock of its own), so it is tested with a fake one.
 *
 * <p>After the first timed pass the passes the budget affords are planned: {@code floor(budgetWholeModels × first
 * whole-model sample / first pass's time)}, at least {@code max(2, minRepeats)}, at most {@code maxRepeats};
 * {@code minRepeats} (at least 2) without a budget. Pass {@code k} (from 0) then starts {@code k × gap} after the
 * first, {@code gap = window / (planned - 1)}, so the last planned pass starts when the window ends; a pass that
 * ends after its successor's slot is followed at once. The stopping rule is asked only from the last planned pass
 * on ({@link #covered}); passes beyond it (when the rule wants more and budget is left: the first passes, which
 * also time calibration runs, are longer than later ones, so the plan is short by a pass or two) follow back to
 * back, so the profile ends soon after the window.
 *
 * <p>Spacing every pass evenly, rather than bursts of passes with pauses between, was chosen from data: in a
 * 210-s timeline of ResNet50 on one thread on the build machine, the median of 20 inferences taken one after
 * another varied with the start time by 12.7 ms (standard deviation; range 299-356 ms), 20 spread over 60 s in 5
 * bursts of 4 by 5.8 ms, and 20 spread one by one by 4.8 ms (docs/serving.md, "Stop 21").
 */
final class PassWindow {

    private final SamplingRule rule;
    private int planned;
    private double gapSeconds = Double.NaN;
    private double firstPassSeconds = Double.NaN;
    private double firstWholeSeconds = Double.NaN;
    private final List<Double> starts = new ArrayList<>();
    private final List<Double> wholeModel = new ArrayList<>();

    /**
     * Creates the pacing of one profile.
     *
     * @param rule the rule; its window must be above 0
     * @throws IllegalArgumentException if the rule has no window
     */
    PassWindow(SamplingRule rule) {
        if (!rule.hasWindow()) {
            throw new IllegalArgumentException("The rule has no window to spread passes over.");
        }
        this.rule = rule;
    }

    /**
     * Plans the passes from the first timed pass; later calls change nothing.
     *
     * @param passSeconds the first pass's wall time, in seconds
     * @param wholeModelSeconds the whole model's sample in that pass, in seconds
     */
    void plan(double passSeconds, double wholeModelSeconds) {
        if (planned > 0) {
            return;
        }
        int fewest = Math.max(2, rule.minRepeats());
        long afforded = rule.budgetWholeModels() > 0 && passSeconds > 0
                ? (long) Math.floor(rule.budgetWholeModels() * wholeModelSeconds / passSeconds) : fewest;
        planned = (int) Math.max(fewest, Math.min(rule.maxRepeats(), afforded));
        gapSeconds = rule.windowSeconds() / (planned - 1);
        firstPassSeconds = passSeconds;
        firstWholeSeconds = wholeModelSeconds;
    }

    /**
     * Returns the passes planned, 0 before {@link #plan}.
     *
     * @return the count
     */
    int planned() {
        return planned;
    }

    /**
     * Returns the time between two passes' starts, NaN before {@link #plan}.
     *
     * @return seconds
     */
    double gapSeconds() {
        return gapSeconds;
    }

    /**
     * Returns whether the passes so far cover the window, so that the stopping rule may be asked.
     *
     * @param passes the timed passes so far
     * @return true from the last planned pass on
     */
    boolean covered(int passes) {
        return planned > 0 && passes >= planned;
    }

    /**
     * Returns how long to wait before the next timed pass.
     *
     * @param passes the timed passes so far (the next one has this index, from 0)
     * @param wallSeconds the wall time since the first timed pass started
     * @return seconds, 0 or more; 0 before {@link #plan} and from the last planned pass on
     */
    double pauseSeconds(int passes, double wallSeconds) {
        if (planned == 0 || passes >= planned) {
            return 0;
        }
        return Math.max(0, passes * gapSeconds - wallSeconds);
    }

    /**
     * Records a timed pass's start and its whole-model sample, for the profile's notes.
     *
     * @param startSeconds its start, after the first timed pass's
     * @param wholeModelSeconds its whole-model sample (raw)
     */
    void record(double startSeconds, double wholeModelSeconds) {
        starts.add(startSeconds);
        wholeModel.add(wholeModelSeconds);
    }

    /**
     * Describes the window, the plan and every pass's start and whole-model sample, for the profile's notes.
     *
     * @return one sentence
     */
    String describe() {
        StringBuilder passes = new StringBuilder();
        for (int i = 0; i < starts.size(); i++) {
            passes.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f s: %.1f ms", starts.get(i),
                    wholeModel.get(i) * 1e3));
        }
        return String.format(Locale.ROOT, "Timed passes spread over a window of %.1f s: %d planned (budget %.0f "
                + "whole-model times; first pass %.3f s, its whole model %.1f ms), one every %.2f s, the rule asked "
                + "from the last planned pass on, further passes back to back; %d passes, started at (whole model raw): %s.", rule.windowSeconds(),
                planned, rule.budgetWholeModels(), firstPassSeconds, firstWholeSeconds * 1e3, gapSeconds,
                starts.size(), passes);
    }
}
