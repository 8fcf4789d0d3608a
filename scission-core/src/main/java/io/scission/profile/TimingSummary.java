package io.scission.profile;

import static java.util.Objects.requireNonNull;

import com.google.common.math.Quantiles;
import com.google.common.math.Stats;
import java.util.List;
import java.util.Locale;

/**
 * A summary of timing samples, in seconds. Imported data that recorded only a mean has NaN median, p95 and
 * standard deviation.
 *
 * @param count the number of samples summarised (the repeat count for imported data)
 * @param mean the mean, finite and not negative
 * @param median the median, or NaN if not recorded
 * @param p95 the 95th percentile (linear interpolation), or NaN if not recorded
 * @param stdev the sample standard deviation (0 for one sample), or NaN if not recorded
 */
public record TimingSummary(int count, double mean, double median, double p95, double stdev) {

    /**
     * Validates the summary.
     *
     * @param count the number of samples summarised (the repeat count for imported data)
     * @param mean the mean, finite and not negative
     * @param median the median, or NaN if not recorded
     * @param p95 the 95th percentile (linear interpolation), or NaN if not recorded
     * @param stdev the sample standard deviation (0 for one sample), or NaN if not recorded
     * @throws IllegalArgumentException if count is not positive, mean is not finite and non-negative, or another
     *     field is negative or infinite
     */
    public TimingSummary {
        if (count <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The sample count (%d) of a timing summary must be positive.", count));
        }
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The mean (%s s) of a timing summary must be a finite number, not negative.", mean));
        }
        check("median", median);
        check("p95", p95);
        check("stdev", stdev);
    }

    private static void check(String field, double value) {
        if (!Double.isNaN(value) && (value < 0 || Double.isInfinite(value))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The %s (%s s) of a timing summary must be finite and not negative, or NaN if not recorded.",
                    field, value));
        }
    }

    /**
     * Summarises samples.
     *
     * @param samples seconds, at least one, each finite and not negative
     * @return the summary
     * @throws IllegalArgumentException if there are no samples or a sample is invalid
     */
    public static TimingSummary of(List<Double> samples) {
        requireNonNull(samples, "samples");
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("A timing summary needs at least one sample.");
        }
        double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++) {
            double v = samples.get(i);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The sample %d (%s s) must be a finite number, not negative.", i, v));
            }
            values[i] = v;
        }
        Stats stats = Stats.of(values);
        double stdev = values.length > 1 ? stats.sampleStandardDeviation() : 0.0;
        return new TimingSummary(values.length, stats.mean(), Quantiles.median().compute(values),
                Quantiles.percentiles().index(95).compute(values), stdev);
    }

    /**
     * Returns a summary that records only a mean, as the original tool's benchmark files do.
     *
     * @param count the repeats averaged
     * @param mean the mean in seconds
     * @return the summary
     */
    public static TimingSummary meanOnly(int count, double mean) {
        return new TimingSummary(count, mean, Double.NaN, Double.NaN, Double.NaN);
    }
}
