package io.scission.profile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Timing samples and their summary, in seconds. Samples may be absent (imported data that kept only a mean); when
 * present, the summary is computed from them.
 *
 * @param samples every timed repeat, in order; may be empty
 * @param summary the summary
 */
public record Timing(List<Double> samples, TimingSummary summary) {

    /**
     * Validates the timing.
     *
     * @param samples every timed repeat, in order; may be empty
     * @param summary the summary
     * @throws IllegalArgumentException if samples are present but the summary does not match them
     */
    public Timing {
        samples = List.copyOf(requireNonNull(samples, "samples"));
        requireNonNull(summary, "summary");
        if (!samples.isEmpty()) {
            TimingSummary computed = TimingSummary.of(samples);
            if (!close(computed.mean(), summary.mean()) || !close(computed.median(), summary.median())
                    || !close(computed.p95(), summary.p95()) || computed.count() != summary.count()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The summary (%s) does not match its %d samples (%s).%n"
                                + "Maybe drop the summary and let it be computed from the samples.",
                        summary, samples.size(), computed));
            }
        }
    }

    private static boolean close(double a, double b) {
        return Double.compare(a, b) == 0 || Math.abs(a - b) <= 1e-12 * Math.max(1.0, Math.abs(a));
    }

    /**
     * Returns the timing of the given samples.
     *
     * @param samples seconds, at least one
     * @return the timing
     */
    public static Timing of(List<Double> samples) {
        return new Timing(samples, TimingSummary.of(samples));
    }

    /**
     * Returns a timing that records only a mean.
     *
     * @param count the repeats averaged
     * @param mean the mean in seconds
     * @return the timing
     */
    public static Timing meanOnly(int count, double mean) {
        return new Timing(List.of(), TimingSummary.meanOnly(count, mean));
    }
}
