package io.scission.profile;

import java.util.Locale;

/**
 * What copying the model's own input and output between the host and the runtime costs on a resource: the input's
 * copy from the host into a runtime tensor ({@code in}) before the first segment runs on the source, and the
 * output's copy from the runtime to the host ({@code out}) after the last segment, each modelled as
 * {@code fixedSeconds + b × secondsPerByte} for a tensor of {@code b} bytes. A plan's latency runs from the input
 * being on the source (decoded, on the host) to the output being on the last segment's host, so both copies lie
 * inside it; a profile's block times do not contain them (the profiler feeds runtime tensors). A hop's own ends
 * already include such copies ({@link HopCost}), so a plan pays {@code in} only when the source runs the first
 * segment and {@code out} only when no result hop follows the last segment (README, "The cost model").
 * A resource without a profile and a profile that records none ({@link #NONE}: files without the field, the
 * reference data) cost nothing, so they predict as before. Measured by {@code scission profile} (profile format
 * version 3, optional {@code copyCost}).
 *
 * @param inFixedSeconds seconds per copy into the runtime, whatever the size; finite and 0 or more
 * @param inSecondsPerByte seconds per byte copied into the runtime; finite and 0 or more
 * @param outFixedSeconds seconds per copy out of the runtime, whatever the size; finite and 0 or more
 * @param outSecondsPerByte seconds per byte copied out of the runtime; finite and 0 or more
 */
public record CopyCost(double inFixedSeconds, double inSecondsPerByte, double outFixedSeconds,
        double outSecondsPerByte) {

    /** No cost: what profiles without the field record. */
    public static final CopyCost NONE = new CopyCost(0.0, 0.0, 0.0, 0.0);

    /**
     * Validates the cost.
     *
     * @param inFixedSeconds seconds per copy into the runtime; finite and 0 or more
     * @param inSecondsPerByte seconds per byte copied into the runtime; finite and 0 or more
     * @param outFixedSeconds seconds per copy out of the runtime; finite and 0 or more
     * @param outSecondsPerByte seconds per byte copied out of the runtime; finite and 0 or more
     * @throws IllegalArgumentException if any is negative, infinite or NaN
     */
    public CopyCost {
        for (double x : new double[] {inFixedSeconds, inSecondsPerByte, outFixedSeconds, outSecondsPerByte}) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The copy cost (in: fixed %s s, %s s "
                        + "per byte; out: fixed %s s, %s s per byte) must be finite and 0 or more.%n"
                        + "Maybe profile the resource again.", inFixedSeconds, inSecondsPerByte, outFixedSeconds,
                        outSecondsPerByte));
            }
        }
    }

    /**
     * Returns whether this records a cost ({@link #NONE} does not).
     *
     * @return true unless every figure is 0
     */
    public boolean isRecorded() {
        return inFixedSeconds != 0.0 || inSecondsPerByte != 0.0 || outFixedSeconds != 0.0 || outSecondsPerByte != 0.0;
    }

    /**
     * Returns the seconds of copying the model's input of {@code bytes} from the host into the runtime.
     *
     * @param bytes the tensor's bytes, 0 or more
     * @return {@code inFixedSeconds + bytes × inSecondsPerByte}; exactly 0 for {@link #NONE}
     */
    public double inSeconds(long bytes) {
        return inFixedSeconds + bytes * inSecondsPerByte;
    }

    /**
     * Returns the seconds of copying the model's output of {@code bytes} from the runtime to the host.
     *
     * @param bytes the tensor's bytes, 0 or more
     * @return {@code outFixedSeconds + bytes × outSecondsPerByte}; exactly 0 for {@link #NONE}
     */
    public double outSeconds(long bytes) {
        return outFixedSeconds + bytes * outSecondsPerByte;
    }
}
