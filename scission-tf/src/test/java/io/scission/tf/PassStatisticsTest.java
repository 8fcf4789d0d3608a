package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.profile.Precision;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.profile.Timing;
import io.scission.tf.internal.timing.UnitTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The until-stable rule and the rejection of disturbed passes, on synthetic raw samples (no TensorFlow). */
class PassStatisticsTest {

    /** Three blocks of 1, 2 and 7 ms, the whole model (10 ms) and the range 1-2 (9 ms); no calibration. */
    private static final long[] WORK = {1_000_000, 2_000_000, 7_000_000, 10_000_000, 9_000_000};

    /** Raw samples: each unit's work times the pass's factor, plus seeded noise of the given relative size. */
    private static UnitTimer.Measurement passes(double[] factors, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<long[]> units = new ArrayList<>();
        List<long[]> cal = new ArrayList<>();
        for (long w : WORK) {
            long[] x = new long[factors.length];
            for (int p = 0; p < x.length; p++) {
                x[p] = Math.round(w * factors[p] * (1 + noise * (rnd.nextDouble() - 0.5)));
            }
            units.add(x);
            cal.add(new long[0]);
        }
        return new UnitTimer.Measurement(units, cal);
    }

    private static double[] ones(int n) {
        double[] f = new double[n];
        java.util.Arrays.fill(f, 1.0);
        return f;
    }

    private static PassStatistics statistics(SamplingRule rule) {
        return new PassStatistics(rule, 3, 2, List.of());
    }

    @Test
    void should_reject_a_pass_for_every_unit_when_a_burst_slowed_it() {
        // GIVEN 20 quiet passes, the 8th three times slower for everything in it
        double[] f = ones(20);
        f[7] = 3.0;
        UnitTimer.Measurement m = passes(f, 0.02, 1L);
        // WHEN
        int[] kept = PassStatistics.kept(m.units(), 3, 2);
        PassStatistics.Result r = statistics(SamplingRule.UNTIL_STABLE).analyse(m);
        // THEN pass 7 is gone from every block and range, and nothing else
        assertThat(kept).hasSize(19).doesNotContain(7);
        assertThat(r.kept()).isEqualTo(19);
        assertThat(r.timings()).allSatisfy(t -> assertThat(t.samples()).hasSize(19));
        assertThat(r.timings().get(0).samples()).allSatisfy(s -> assertThat(s).isLessThan(0.0015));
    }

    @Test
    void should_keep_every_pass_when_a_third_of_them_ran_on_a_slower_machine() {
        // GIVEN passes 13-19 (7 of 20) 40 % slower: a slower machine for a while, not a burst
        double[] f = ones(20);
        for (int p = 13; p < 20; p++) {
            f[p] = 1.4;
        }
        // WHEN
        int[] kept = PassStatistics.kept(passes(f, 0.02, 2L).units(), 3, 2);
        // THEN
        assertThat(kept).hasSize(20);
    }

    @Test
    void should_keep_every_pass_when_the_rule_is_a_fixed_count() {
        // GIVEN a burst in pass 3 of 10
        double[] f = ones(10);
        f[3] = 3.0;
        // WHEN
        PassStatistics.Result r = statistics(SamplingRule.fixed(10)).analyse(passes(f, 0.02, 3L));
        // THEN
        assertThat(r.kept()).isEqualTo(10);
        assertThat(r.timings()).allSatisfy(t -> assertThat(t.samples()).hasSize(10));
    }

    @Test
    void should_stop_as_stable_with_each_precision_from_its_own_samples_when_the_passes_are_quiet() {
        // GIVEN quiet passes (+-1 %) and the default rule
        PassStatistics s = statistics(SamplingRule.UNTIL_STABLE);
        UnitTimer.Measurement five = passes(ones(5), 0.02, 4L);
        UnitTimer.Measurement six = passes(ones(6), 0.02, 4L);
        // WHEN
        boolean early = s.enough(five, 5, 1_000_000_000L);
        boolean enough = s.enough(six, 6, 1_000_000_000L);
        // THEN not before the minimum, then stable; each precision is the order-statistic interval of the samples
        assertThat(early).isFalse();
        assertThat(enough).isTrue();
        PassStatistics.Result r = s.analyse(six);
        Sampling sampling = s.sampling(r, 6);
        assertThat(sampling.stop()).isEqualTo(Sampling.Stop.STABLE);
        assertThat(sampling.passes()).isEqualTo(6);
        double whole = r.timings().get(3).summary().median();
        assertThat(sampling.budgetSeconds()).isEqualTo(60 * whole);
        assertThat(whole).isCloseTo(0.010, org.assertj.core.data.Offset.offset(1e-4));
        for (Timing t : r.timings()) {
            Precision expected = Precision.ofMedian(t.samples(), 0.95,
                    SamplingRule.UNTIL_STABLE.tolerance(t.summary().median(), whole, 3));
            assertThat(t.precision()).isEqualTo(expected);
            assertThat(t.precision().confidence()).isEqualTo(0.96875);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void should_stop_at_the_budget_or_the_most_passes_when_the_passes_never_settle(boolean budget) {
        // GIVEN +-30 % noise, a 5 % tolerance, and either a budget of 50 whole models or at most 8 passes
        SamplingRule rule = new SamplingRule(6, budget ? 100 : 8, 0.95, 0.05, 0, budget ? 50 : 0);
        PassStatistics s = statistics(rule);
        // WHEN the passes take 0.1 s each
        int passes = 0;
        boolean stop = false;
        while (!stop) {
            passes++;
            stop = s.enough(passes(ones(passes), 0.6, 5L), passes, passes * 100_000_000L);
        }
        // THEN the budget (50 x ~10 ms = ~0.5 s) ends it after 6 passes (the minimum), or the cap after 8
        UnitTimer.Measurement m = passes(ones(passes), 0.6, 5L);
        Sampling sampling = s.sampling(s.analyse(m), passes);
        assertThat(passes).isEqualTo(budget ? 6 : 8);
        assertThat(sampling.stop()).isEqualTo(budget ? Sampling.Stop.BUDGET : Sampling.Stop.MAX_REPEATS);
        assertThat(s.analyse(m).stable()).isFalse();
    }

    @Test
    void should_allow_a_small_block_its_share_of_the_whole_models_tolerance() {
        // GIVEN a 10 ms model of 4 blocks and a 5 % tolerance
        SamplingRule rule = SamplingRule.UNTIL_STABLE;
        // WHEN / THEN a 0.1 ms block may be off by 5 % of 10 ms / 4 = 125 us, a 5 ms block by 5 % of itself
        assertThat(rule.tolerance(0.0001, 0.010, 4)).isCloseTo(125e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rule.tolerance(0.005, 0.010, 4)).isCloseTo(250e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rule.tolerance(0.010, 0.010, 4)).isCloseTo(500e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rule.tolerance(1e-7, 1e-6, 4)).isEqualTo(5e-6);
    }
}
