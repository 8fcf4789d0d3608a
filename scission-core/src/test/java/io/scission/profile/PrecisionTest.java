package io.scission.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrecisionTest {

    /** Exact 1 - 2 P(B <= l-1), B ~ Binomial(n, 1/2), in big integers. */
    private static double exactCoverage(int n, int l) {
        BigInteger below = BigInteger.ZERO;
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i < l; i++) {
            below = below.add(c);
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p = new BigDecimal(below.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)),
                MathContext.DECIMAL64);
        return BigDecimal.ONE.subtract(p).doubleValue();
    }

    private static List<Double> ascending(int n) {
        List<Double> x = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            x.add(i / 1000.0);
        }
        return x;
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({
        // n, l of the 95 % interval [x(l), x(n+1-l)], computed independently with exact binomial arithmetic in
        // Python (math.comb); n = 20 gives the textbook [x(6), x(15)]
        "6, 1", "8, 1", "9, 2", "10, 2", "12, 3", "15, 4", "20, 6", "25, 8", "30, 10", "40, 14", "50, 18",
        "100, 40"})
    void should_pick_the_tabulated_order_statistics_when_the_level_is_95_percent(int n, int l) {
        // GIVEN the samples 1..n ms
        List<Double> x = ascending(n);
        // WHEN
        Precision p = Precision.ofMedian(x, 0.95, 1.0);
        // THEN
        assertThat(p.low()).isEqualTo(l / 1000.0);
        assertThat(p.high()).isEqualTo((n + 1 - l) / 1000.0);
        assertThat(p.confidence()).isCloseTo(exactCoverage(n, l), within(1e-12)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void should_equal_exact_binomial_arithmetic_when_the_count_grows() {
        for (int n = 1; n <= 400; n++) {
            // GIVEN the largest l whose exact coverage is at least 95 %, found by brute force
            int expected = 1;
            for (int l = 1; 2 * l <= n + 1; l++) {
                if (exactCoverage(n, l) >= 0.95) {
                    expected = l;
                } else {
                    break;
                }
            }
            // WHEN / THEN
            assertThat(Precision.orderStatistic(n, 0.95)).as("n=%d", n).isEqualTo(expected);
            assertThat(Precision.coverage(n, expected)).as("n=%d", n)
                    .isCloseTo(exactCoverage(n, expected), within(1e-9));
        }
        assertThat(Precision.orderStatistic(5000, 0.95)).isEqualTo(2431);
    }

    @Test
    void should_report_the_smaller_coverage_and_not_stable_when_there_are_too_few_samples() {
        // GIVEN five identical samples: narrow, but [x(1), x(5)] covers the median only with 1 - 2/32
        List<Double> x = List.of(0.01, 0.01, 0.01, 0.01, 0.01);
        // WHEN
        Precision p = Precision.ofMedian(x, 0.95, 1.0);
        // THEN
        assertThat(p.confidence()).isEqualTo(0.9375);
        assertThat(p.stable()).isFalse();
        assertThat(Precision.ofMedian(List.of(0.01), 0.95, 1.0).confidence()).isZero();
    }

    @Test
    void should_be_stable_only_when_the_larger_distance_to_a_bound_is_within_the_tolerance() {
        // GIVEN 10 samples around 10 ms whose interval [x(2), x(9)] is [9.8, 10.5] ms (median 10.05 ms)
        List<Double> x = List.of(0.0100, 0.0098, 0.0101, 0.0105, 0.0090, 0.0099, 0.0102, 0.0103, 0.0120, 0.0100);
        // WHEN
        Precision loose = Precision.ofMedian(x, 0.95, 0.000451);
        Precision tight = Precision.ofMedian(x, 0.95, 0.000449);
        // THEN the half-width is max(10.05 - 9.8, 10.5 - 10.05) = 0.45 ms
        assertThat(loose.low()).isEqualTo(0.0098);
        assertThat(loose.high()).isEqualTo(0.0105);
        assertThat(loose.halfWidth(0.01005)).isCloseTo(0.00045, within(1e-12));
        assertThat(loose.stable()).isTrue();
        assertThat(tight.stable()).isFalse();
    }

    @Test
    void should_cover_the_true_median_at_least_as_often_as_promised_when_samples_are_skewed() {
        // GIVEN 2000 seeded experiments of 15 log-normal samples (median exactly 1)
        SplittableRandom rnd = new SplittableRandom(42);
        int covered = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            List<Double> x = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                x.add(Math.exp(gaussian(rnd)));
            }
            // WHEN
            Precision p = Precision.ofMedian(x, 0.95, 1.0);
            if (p.low() <= 1.0 && 1.0 <= p.high()) {
                covered++;
            }
        }
        // THEN the exact coverage for n=15 is 0.9648; 2000 trials put 3 standard errors at +-0.012
        assertThat(covered / (double) trials).isGreaterThan(0.9648 - 0.013);
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.5, Double.NaN})
    void should_name_the_level_when_it_is_not_between_0_and_1(double level) {
        assertThatThrownBy(() -> Precision.ofMedian(List.of(1.0), level, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The confidence level (" + level + ")").hasMessageContaining("Maybe write 0.95");
    }

    @Test
    void should_refuse_bad_samples_and_inconsistent_intervals() {
        assertThatThrownBy(() -> Precision.ofMedian(List.of(), 0.95, 0)).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> Precision.ofMedian(List.of(0.1, -0.2), 0.95, 0))
                .hasMessageContaining("The sample 1 (-0.2 s)");
        assertThatThrownBy(() -> new Precision(0.95, 0.2, 0.1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.2, 0.1]");
        assertThatThrownBy(() -> new Precision(1.5, 0.1, 0.2, true)).hasMessageContaining("confidence 1.5");
        assertThatThrownBy(() -> new Precision(Double.NaN, Double.NaN, Double.NaN, true))
                .hasMessageContaining("cannot be stable");
        assertThat(Precision.NOT_RECORDED.isRecorded()).isFalse();
    }

    @Test
    void should_refuse_a_timing_whose_interval_does_not_hold_its_median() {
        // GIVEN samples with median 0.2
        Timing t = Timing.of(List.of(0.1, 0.2, 0.3));
        // WHEN / THEN
        assertThatThrownBy(() -> t.withPrecision(new Precision(0.75, 0.25, 0.3, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.25, 0.3] s does not hold the median (0.2 s)");
        assertThat(t.withPrecision(new Precision(0.75, 0.1, 0.3, false)).precision().low()).isEqualTo(0.1);
        assertThat(t.precision()).isEqualTo(Precision.NOT_RECORDED);
    }
}
