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
        UnitTimer.Measurement four = passes(ones(4), 0.02, 4L);
        UnitTimer.Measurement five = passes(ones(5), 0.02, 4L);
        // WHEN
        boolean early = s.enough(four, 4, 1_000_000_000L);
        boolean enough = s.enough(five, 5, 1_000_000_000L);
        // THEN not before the minimum, then stable; each precision is the order-statistic interval of the samples
        assertThat(early).isFalse();
        assertThat(enough).isTrue();
        PassStatistics.Result r = s.analyse(five);
        Sampling sampling = s.sampling(r, 5);
        assertThat(sampling.stop()).isEqualTo(Sampling.Stop.STABLE);
        assertThat(sampling.passes()).isEqualTo(5);
        double whole = r.timings().get(3).summary().median();
        assertThat(sampling.budgetSeconds()).isEqualTo(15 * whole);
        assertThat(whole).isCloseTo(0.010, org.assertj.core.data.Offset.offset(1e-4));
        for (Timing t : r.timings()) {
            Precision expected = Precision.ofMedian(t.samples(), 0.90,
                    SamplingRule.UNTIL_STABLE.tolerance(t.summary().median(), whole, 3));
            assertThat(t.precision()).isEqualTo(expected);
            // [x(1), x(5)] of 5 samples: 1 - 2 / 2^5
            assertThat(t.precision().confidence()).isEqualTo(0.9375);
        }
        // AND the split-inference total is the median of the per-pass sums of the blocks, 1 + 2 + 7 = 10 ms
        List<Double> totals = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            totals.add(r.timings().get(0).samples().get(p) + r.timings().get(1).samples().get(p)
                    + r.timings().get(2).samples().get(p));
        }
        assertThat(sampling.splitTotal().median()).isEqualTo(Timing.of(totals).summary().median())
                .isCloseTo(0.010, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(sampling.splitTotal().precision()).isEqualTo(Precision.ofMedian(totals, 0.90,
                0.05 * sampling.splitTotal().median()));
        assertThat(sampling.splitTotal().precision().stable()).isTrue();
    }

    /** Raw samples of 3 blocks (10 us, 2 ms, 8 ms), the whole model (10 ms) and the range 1-2 (10 ms). */
    private static UnitTimer.Measurement noisyBigBlock(int passes, double tinyNoise, double bigNoise, long seed) {
        long[] work = {10_000, 2_000_000, 8_000_000, 10_000_000, 10_000_000};
        double[] noise = {tinyNoise, 0.02, bigNoise, 0.02, 0.02};
        SplittableRandom rnd = new SplittableRandom(seed);
        List<long[]> units = new ArrayList<>();
        List<long[]> cal = new ArrayList<>();
        for (int u = 0; u < work.length; u++) {
            long[] x = new long[passes];
            for (int p = 0; p < passes; p++) {
                x[p] = Math.round(work[u] * (1 + noise[u] * (rnd.nextDouble() - 0.5)));
            }
            units.add(x);
            cal.add(new long[0]);
        }
        return new UnitTimer.Measurement(units, cal);
    }

    @Test
    void should_not_hold_the_sums_rule_back_for_a_block_whose_own_interval_is_wide_when_the_total_is_tight() {
        // GIVEN 8 passes where blocks 1 and 2 trade 0.6 ms every pass (anti-correlated), so each varies widely but
        // their total hardly at all
        int n = 8;
        List<long[]> units = new ArrayList<>();
        List<long[]> cal = new ArrayList<>();
        long[] b0 = new long[n];
        long[] b1 = new long[n];
        long[] b2 = new long[n];
        long[] whole = new long[n];
        long[] range = new long[n];
        for (int p = 0; p < n; p++) {
            long shift = (p % 2 == 0 ? 1 : -1) * 600_000L;
            b0[p] = 1_000_000 + p * 1_000;
            b1[p] = 2_000_000 + shift;
            b2[p] = 7_000_000 - shift;
            whole[p] = 10_000_000 + p * 10_000;
            range[p] = 9_000_000 + p * 10_000;
        }
        for (long[] u : List.of(b0, b1, b2, whole, range)) {
            units.add(u);
            cal.add(new long[0]);
        }
        UnitTimer.Measurement m = new UnitTimer.Measurement(units, cal);
        // WHEN
        PassStatistics.Result bySums = statistics(new SamplingRule(5, 100, 0.9, 0.05, 0, 0,
                SamplingRule.Scope.SUMS)).analyse(m);
        PassStatistics.Result byBlocks = statistics(new SamplingRule(5, 100, 0.9, 0.05, 0, 0,
                SamplingRule.Scope.EVERY_BLOCK)).analyse(m);
        // THEN block 1 (2 ms +- 0.6 ms) is not stable on its own, yet the total (10 ms, +-~0.01 ms) is: the sums'
        // rule stops, every block's does not
        assertThat(bySums.timings().get(1).precision().stable()).isFalse();
        assertThat(bySums.splitTotal().precision().stable()).isTrue();
        assertThat(bySums.stable()).isTrue();
        assertThat(byBlocks.stable()).isFalse();
    }

    @Test
    void should_not_stop_on_the_sums_when_the_split_total_is_noisy() {
        // GIVEN 8 passes where the 8 ms block varies by +-30 %: the total of the blocks by about +-24 %
        UnitTimer.Measurement m = noisyBigBlock(8, 0.02, 0.6, 7L);
        // WHEN
        PassStatistics.Result r = statistics(SamplingRule.UNTIL_STABLE).analyse(m);
        // THEN the whole model and the range are stable, the total is not, so the rule goes on
        assertThat(r.timings().get(3).precision().stable()).isTrue();
        assertThat(r.timings().get(4).precision().stable()).isTrue();
        assertThat(r.splitTotal().precision().stable()).isFalse();
        assertThat(r.stable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void should_stop_at_the_budget_or_the_most_passes_when_the_passes_never_settle(boolean budget) {
        // GIVEN +-30 % noise, a 5 % tolerance, and either a budget of 50 whole models or at most 8 passes
        SamplingRule rule = new SamplingRule(6, budget ? 100 : 8, 0.95, 0.05, 0, budget ? 50 : 0,
                SamplingRule.Scope.SUMS);
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
