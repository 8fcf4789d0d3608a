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
 * @param precision how precisely the median is known (profile format version 2), or {@link Precision#NOT_RECORDED}
 */
public record Timing(List<Double> samples, TimingSummary summary, Precision precision) {

    /**
     * Validates the timing.
     *
     * @param samples every timed repeat, in order; may be empty
     * @param summary the summary
     * @param precision how precisely the median is known, or {@link Precision#NOT_RECORDED}
     * @throws IllegalArgumentException if samples are present but the summary does not match them, or a recorded
     *     precision's interval does not hold the median
     */
    public Timing {
        samples = List.copyOf(requireNonNull(samples, "samples"));
        requireNonNull(summary, "summary");
        requireNonNull(precision, "precision");
        if (precision.isRecorded() && !(precision.low() <= summary.median() && summary.median() <= precision.high())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The median interval [%s, %s] s does not hold the median (%s s).%n"
                            + "Maybe drop the precision, or recompute it from the samples.",
                    precision.low(), precision.high(), summary.median()));
        }
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

    /**
     * Creates a timing without a recorded precision.
     *
     * @param samples every timed repeat, in order; may be empty
     * @param summary the summary
     * @throws IllegalArgumentException if samples are present but the summary does not match them
     */
    public Timing(List<Double> samples, TimingSummary summary) {
        this(samples, summary, Precision.NOT_RECORDED);
    }

    /**
     * Returns a copy with the given precision.
     *
     * @param p how precisely the median is known
     * @return the timing
     * @throws IllegalArgumentException if the interval does not hold the median
     */
    public Timing withPrecision(Precision p) {
        return new Timing(samples, summary, p);
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
