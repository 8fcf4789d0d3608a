package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TfProfilerTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 10, 92})
    void should_put_the_whole_model_first_then_distinct_ranges_of_two_or_more_blocks(int blocks) {
        List<int[]> r = TfProfiler.ranges(blocks, 5, 42L);
        assertThat(r.get(0)).containsExactly(0, blocks - 1);
        int possible = blocks * (blocks - 1) / 2 - 1;
        assertThat(r).hasSize(1 + Math.max(0, Math.min(5, possible)));
        Set<String> seen = new HashSet<>();
        for (int[] x : r.subList(1, r.size())) {
            assertThat(x[1]).as("range %d-%d", x[0], x[1]).isGreaterThan(x[0]).isLessThan(blocks);
            assertThat(x[0]).isNotNegative();
            assertThat(seen.add(x[0] + "-" + x[1])).isTrue();
            assertThat(x[0] == 0 && x[1] == blocks - 1).isFalse();
        }
        assertThat(TfProfiler.ranges(blocks, 5, 42L)).usingRecursiveComparison().isEqualTo(r);
    }

    @Test
    void should_leave_out_the_timed_passes_time_when_a_fixed_count_never_checked_it() {
        // GIVEN a fixed 2 passes (no schedule measured the timed passes: NaN) and an until-stable run (3.25 s)
        String fixed = TfProfiler.sampling(new io.scission.profile.Sampling(io.scission.profile.SamplingRule.fixed(2),
                2, 0, 0, io.scission.profile.Sampling.Stop.FIXED,
                io.scission.profile.Sampling.SplitTotal.NOT_RECORDED));

        // WHEN
        String withoutTime = TfProfiler.timingSummary("tiny_fcn", 1.04, Double.NaN, fixed);
        String withTime = TfProfiler.timingSummary("tiny_fcn", 4.0, 3.25, "repeated until stable");

        // THEN no NaN reaches the log; a known time is shown as before
        assertThat(withoutTime).isEqualTo("tiny_fcn: timing took 1.0 s (session, warm-ups and passes); a fixed 2 "
                + "timed passes").doesNotContainIgnoringCase("nan");
        assertThat(withTime).isEqualTo("tiny_fcn: timing took 4.0 s (session, warm-ups and passes), the timed passes "
                + "3.3 s; repeated until stable");
    }

    /** Builds a measurement: per unit the same sample each pass; identity calibration samples for every unit. */
    private static io.scission.tf.internal.timing.UnitTimer.Measurement measurement(long identity, long... units) {
        List<long[]> u = new java.util.ArrayList<>();
        List<long[]> c = new java.util.ArrayList<>();
        for (long x : units) {
            u.add(new long[] {x, x, x});
            c.add(new long[] {identity, identity, identity});
        }
        return new io.scission.tf.internal.timing.UnitTimer.Measurement(u, c);
    }

    @Test
    void should_take_the_cost_of_a_cut_from_merged_pairs_when_they_show_more_than_the_identity_runs() {
        // GIVEN 6 blocks of work 100..600 us, each run costing 70 us more, Identity runs costing 40 us
        long cut = 70_000;
        long[] work = {100_000, 200_000, 300_000, 400_000, 500_000, 600_000};
        List<int[]> pairs = TfProfiler.pairs(6);
        assertThat(pairs).hasSize(3);
        long[] units = new long[6 + 1 + 3];
        for (int i = 0; i < 6; i++) {
            units[i] = cut + work[i];
        }
        units[6] = cut + 2_100_000;
        for (int k = 0; k < 3; k++) {
            units[7 + k] = cut + work[2 * k] + work[2 * k + 1];
        }
        // WHEN
        TfProfiler.Overhead o = TfProfiler.overhead(measurement(40_000, units), 6, 1, pairs);
        // THEN
        assertThat(o.seconds()).isEqualTo(70e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.identitySeconds()).isEqualTo(40e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.pairs()).isEqualTo(3);
    }

    @Test
    void should_fall_back_to_the_identity_runs_when_the_pairs_are_too_slow_to_show_the_cost() {
        long[] units = {10_000_000, 10_000_000, 10_000_000, 10_000_000, 40_000_000, 20_000_000, 20_000_000};
        TfProfiler.Overhead o = TfProfiler.overhead(measurement(50_000, units), 4, 1, TfProfiler.pairs(4));
        assertThat(o.seconds()).isEqualTo(50e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.pairSeconds()).isNaN();
        assertThat(o.pairs()).isZero();
    }

    @Test
    void should_refuse_a_thread_count_when_the_global_pool_cannot_be_overridden() {
        assertThatThrownBy(() -> TfProfiler.checkThreads(1, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("thread count (1)").hasMessageContaining("TF_OVERRIDE_GLOBAL_THREADPOOL=1");
        assertThatThrownBy(() -> TfProfiler.checkThreads(2, "0")).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> TfProfiler.checkThreads(0, null)).doesNotThrowAnyException();
        assertThatCode(() -> TfProfiler.checkThreads(4, "1")).doesNotThrowAnyException();
    }
}
