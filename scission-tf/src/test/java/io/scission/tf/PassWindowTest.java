package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.tf.internal.timing.UnitTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Passes spread over a window ({@link PassWindow}, through {@link PassStatistics} as {@link UnitTimer} asks it), on a
 * fake clock: every pass takes a fixed time, pauses advance the clock by exactly what was asked. No TensorFlow, no
 * real time.
 */
class PassWindowTest {

    /** Three blocks of 1, 2 and 7 ms, the whole model (10 ms) and the range 1-2 (9 ms), as in PassStatisticsTest. */
    private static final long[] WORK = {1_000_000, 2_000_000, 7_000_000, 10_000_000, 9_000_000};

    /** What a run on the fake clock saw. */
    private record Run(List<Double> starts, List<Long> busyAtChecks, int passes, Sampling.Stop stop,
            String notes) {
    }

    /**
     * Drives the statistics as {@code UnitTimer}'s scheduled passes do: started, the pass, enough (with the passes'
     * own time), then the pause it asks for.
     *
     * @param rule the rule
     * @param passNanos how long every pass takes
     * @param blockNoise relative noise of the block samples (0 for none); the whole model and the range are exact
     */
    private static Run drive(SamplingRule rule, long passNanos, double blockNoise) {
        PassStatistics s = new PassStatistics(rule, 3, 2, List.of());
        SplittableRandom rnd = new SplittableRandom(7L);
        List<List<Long>> samples = new ArrayList<>();
        for (int u = 0; u < WORK.length; u++) {
            samples.add(new ArrayList<>());
        }
        List<Double> starts = new ArrayList<>();
        List<Long> busy = new ArrayList<>();
        long clock = 0;
        long paused = 0;
        int passes = 0;
        while (true) {
            s.started(passes, clock);
            starts.add(clock / 1e9);
            for (int u = 0; u < WORK.length; u++) {
                double noise = u < 3 ? blockNoise * (rnd.nextDouble() - 0.5) : 0;
                samples.get(u).add(Math.round(WORK[u] * (1 + noise)));
            }
            clock += passNanos;
            passes++;
            busy.add(clock - paused);
            if (s.enough(measurement(samples), passes, clock - paused)) {
                break;
            }
            long pause = s.pauseNanos(passes, clock);
            assertThat(pause).isNotNegative();
            clock += pause;
            paused += pause;
        }
        Sampling sampling = s.sampling(s.analyse(measurement(samples)), passes);
        return new Run(starts, busy, passes, sampling.stop(), s.windowNotes());
    }

    private static UnitTimer.Measurement measurement(List<List<Long>> samples) {
        List<long[]> units = new ArrayList<>();
        List<long[]> cal = new ArrayList<>();
        for (List<Long> x : samples) {
            units.add(x.stream().mapToLong(Long::longValue).toArray());
            cal.add(new long[0]);
        }
        return new UnitTimer.Measurement(units, cal);
    }

    @Test
    void should_space_the_passes_the_budget_affords_evenly_over_the_window_when_they_are_stable_at_once() {
        // GIVEN a 60 s window, a budget of 40 whole models (40 x 10 ms = 0.4 s) and passes of 45 ms: the budget
        // affords floor(0.4 / 0.045) = 8 passes, so one every 60 / 7 = 8.571 s
        SamplingRule rule = SamplingRule.UNTIL_STABLE.withBudget(40).withWindow(60);
        // WHEN every sample is exact (stable from the 5th pass on)
        Run run = drive(rule, 45_000_000L, 0);
        // THEN the rule waited for the window: 8 passes, not 5, starting at k x 60/7 s, the last at 60 s
        assertThat(run.passes()).isEqualTo(8);
        assertThat(run.stop()).isEqualTo(Sampling.Stop.STABLE);
        for (int k = 0; k < 8; k++) {
            assertThat(run.starts().get(k)).as("pass %d", k).isCloseTo(k * 60.0 / 7, offset(1e-6));
        }
        // AND the stopping rule saw the passes' own time only: 8 x 45 ms
        assertThat(run.busyAtChecks().get(7)).isEqualTo(360_000_000L);
        // AND the notes say so, with every pass's start and whole-model sample
        assertThat(run.notes()).contains("window of 60.0 s: 8 planned (budget 40 whole-model times; first pass "
                + "0.045 s, its whole model 10.0 ms), one every 8.57 s").contains("8 passes, started at")
                .contains("0.0 s: 10.0 ms, 8.6 s: 10.0 ms, 17.1 s: 10.0 ms").endsWith("60.0 s: 10.0 ms.");
    }

    @Test
    void should_stop_at_the_rules_minimum_without_a_window() {
        // GIVEN the same rule without a window
        SamplingRule rule = SamplingRule.UNTIL_STABLE.withBudget(40);
        // WHEN
        Run run = drive(rule, 45_000_000L, 0);
        // THEN back to back, stable after 5, and no window in the notes
        assertThat(run.passes()).isEqualTo(5);
        assertThat(run.starts()).containsExactly(0.0, 0.045, 0.09, 0.135, 0.18);
        assertThat(run.notes()).isEmpty();
    }

    @Test
    void should_follow_back_to_back_after_the_window_and_count_only_busy_time_when_the_passes_never_settle() {
        // GIVEN +-30 % noise on the blocks (the split-inference total never stable), the same plan of 8 passes
        SamplingRule rule = SamplingRule.UNTIL_STABLE.withBudget(40).withWindow(60);
        // WHEN
        Run run = drive(rule, 45_000_000L, 0.6);
        // THEN after the window 8 x 45 ms = 0.36 s of the 0.4 s budget are spent, so one more pass, right after the
        // last planned one (60 s + 45 ms); then 0.405 s >= 0.4 s ends it (the pauses, ~60 s, never counted)
        assertThat(run.passes()).isEqualTo(9);
        assertThat(run.stop()).isEqualTo(Sampling.Stop.BUDGET);
        assertThat(run.starts().get(7)).isCloseTo(60.0, offset(1e-6));
        assertThat(run.starts().get(8)).isCloseTo(60.045, offset(1e-6));
        assertThat(run.busyAtChecks().get(8)).isEqualTo(405_000_000L);
    }

    @Test
    void should_follow_at_once_when_a_pass_is_longer_than_the_gap() {
        // GIVEN a 0.4 s window, no budget (so the rule's minimum, 5 passes, one every 0.1 s) and passes of 0.2 s
        SamplingRule rule = SamplingRule.UNTIL_STABLE.withBudget(0).withWindow(0.4);
        // WHEN
        Run run = drive(rule, 200_000_000L, 0);
        // THEN no pause: each pass starts as the one before ends
        assertThat(run.passes()).isEqualTo(5);
        assertThat(run.starts()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8);
    }

    @Test
    void should_plan_within_the_rules_bounds() {
        // GIVEN / WHEN a budget that affords 3 passes, one that affords 1000, none
        PassWindow few = new PassWindow(SamplingRule.UNTIL_STABLE.withBudget(12).withWindow(100));
        few.plan(0.040, 0.010);
        PassWindow many = new PassWindow(SamplingRule.UNTIL_STABLE.withBudget(4000).withWindow(99));
        many.plan(0.040, 0.010);
        PassWindow none = new PassWindow(SamplingRule.UNTIL_STABLE.withBudget(0).withRepeats(1, 10).withWindow(10));
        none.plan(0.040, 0.010);
        // THEN at least the rule's minimum (5), at most its maximum (100), at least 2 to span a window
        assertThat(few.planned()).isEqualTo(5);
        assertThat(few.gapSeconds()).isEqualTo(25.0);
        assertThat(many.planned()).isEqualTo(100);
        assertThat(many.gapSeconds()).isEqualTo(1.0);
        assertThat(none.planned()).isEqualTo(2);
        assertThat(none.gapSeconds()).isEqualTo(10.0);
        // AND before the plan nothing waits and nothing is covered
        PassWindow unplanned = new PassWindow(SamplingRule.UNTIL_STABLE.withWindow(10));
        assertThat(unplanned.pauseSeconds(1, 0.0)).isZero();
        assertThat(unplanned.covered(50)).isFalse();
    }

    @Test
    void should_refuse_a_window_that_is_negative_or_spreads_a_fixed_count() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> SamplingRule.UNTIL_STABLE.withWindow(-1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("The window (-1.0 s) must be finite and not "
                        + "negative.");
        assertThatThrownBy(() -> SamplingRule.fixed(10).withWindow(60)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed count (10)");
        assertThatThrownBy(() -> new PassWindow(SamplingRule.UNTIL_STABLE)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
