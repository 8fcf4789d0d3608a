package io.scission.profile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;

/**
 * Where and how a profile was measured.
 *
 * @param host the host name
 * @param cpu the CPU model
 * @param os the operating system and version
 * @param jvm the JVM vendor and version
 * @param runtime the inference runtime and version, e.g. {@code TensorFlow 2.18.0 (TF Java 1.1.0)}
 * @param threads the intra-op threads used, or 0 if the runtime chose
 * @param warmups untimed runs before timing, per block
 * @param repeats timed runs per block (under an until-stable rule: the samples every timing keeps, the passes run
 *     minus those rejected)
 * @param date when profiling finished
 * @param runOverheadSeconds the fixed per-run overhead that was calibrated and subtracted from every sample, in
 *     seconds (0 if none was subtracted)
 * @param weights where the weights came from, e.g. {@code file} or {@code seeded-random(seed=42)}
 * @param notes free text, e.g. that a resource is emulated by a thread limit
 * @param sampling how many passes were timed and why they stopped (profile format version 2; version 1 files read as
 *     a fixed count)
 */
public record Provenance(String host, String cpu, String os, String jvm, String runtime, int threads, int warmups,
        int repeats, Instant date, double runOverheadSeconds, String weights, String notes, Sampling sampling) {

    /**
     * Validates the provenance.
     *
     * @param host the host name
     * @param cpu the CPU model
     * @param os the operating system and version
     * @param jvm the JVM vendor and version
     * @param runtime the inference runtime and version, e.g. {@code TensorFlow 2.18.0 (TF Java 1.1.0)}
     * @param threads the intra-op threads used, or 0 if the runtime chose
     * @param warmups untimed runs before timing, per block
     * @param repeats timed runs per block (under an until-stable rule: the passes run minus those rejected)
     * @param date when profiling finished
     * @param runOverheadSeconds the fixed per-run overhead that was calibrated and subtracted from every sample, in
     *     seconds (0 if none was subtracted)
     * @param weights where the weights came from, e.g. {@code file} or {@code seeded-random(seed=42)}
     * @param notes free text, e.g. that a resource is emulated by a thread limit
     * @param sampling how many passes were timed and why they stopped
     * @throws IllegalArgumentException if a count or the overhead is negative, or the repeats are not the sampling's
     *     passes minus its rejected passes
     */
    public Provenance {
        requireNonNull(host, "host");
        requireNonNull(cpu, "cpu");
        requireNonNull(os, "os");
        requireNonNull(jvm, "jvm");
        requireNonNull(runtime, "runtime");
        requireNonNull(date, "date");
        requireNonNull(weights, "weights");
        requireNonNull(notes, "notes");
        requireNonNull(sampling, "sampling");
        if (threads < 0 || warmups < 0 || repeats < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The threads (%d), warm-ups (%d) and repeats (%d) of a profile must not be negative.",
                    threads, warmups, repeats));
        }
        if (!(runOverheadSeconds >= 0) || Double.isInfinite(runOverheadSeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The run overhead (%s s) must be finite and not negative.", runOverheadSeconds));
        }
        if (repeats != sampling.passes() - sampling.rejectedPasses()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The repeats (%d) of a profile must be its "
                    + "timed passes (%d) minus its rejected passes (%d).", repeats, sampling.passes(),
                    sampling.rejectedPasses()));
        }
    }

    /**
     * Creates the provenance of a profile timed a fixed number of times ({@link Sampling#fixed}).
     *
     * @param host the host name
     * @param cpu the CPU model
     * @param os the operating system and version
     * @param jvm the JVM vendor and version
     * @param runtime the inference runtime and version
     * @param threads the intra-op threads used, or 0 if the runtime chose
     * @param warmups untimed runs before timing, per block
     * @param repeats timed runs per block
     * @param date when profiling finished
     * @param runOverheadSeconds the per-run overhead subtracted from every sample, in seconds
     * @param weights where the weights came from
     * @param notes free text
     * @throws IllegalArgumentException if a count or the overhead is negative
     */
    public Provenance(String host, String cpu, String os, String jvm, String runtime, int threads, int warmups,
            int repeats, Instant date, double runOverheadSeconds, String weights, String notes) {
        this(host, cpu, os, jvm, runtime, threads, warmups, repeats, date, runOverheadSeconds, weights, notes,
                Sampling.fixed(repeats));
    }

    /**
     * Returns a provenance for data whose origin is only partly known, e.g. imported benchmark files.
     *
     * @param runtime the runtime
     * @param repeats the repeats averaged
     * @param notes free text
     * @return the provenance
     */
    public static Provenance unknown(String runtime, int repeats, String notes) {
        return new Provenance("", "", "", "", runtime, 0, 0, repeats, Instant.EPOCH, 0.0, "unknown", notes);
    }
}
