package io.scission.profile;

import java.util.Locale;

/**
 * What one end of a hop costs on a resource besides the link itself: the work of handing a tensor of {@code b}
 * bytes out of a segment (fetch, encode, send call) or into one (receive, decode, feed), modelled as
 * {@code fixedSeconds + b × secondsPerByte}. A hop from A to B costs
 * {@code latency + b / bandwidth + (A.fixedSeconds + B.fixedSeconds) + b × (A.secondsPerByte + B.secondsPerByte)};
 * a resource without a profile (a camera that only sends the input) and a profile that records none
 * ({@link #NONE}, every profile of format version 1 or 2) cost nothing, so they predict as before. Measured by
 * {@code scission profile} (format version 3, {@code hopCost}); see the README's cost-model section.
 *
 * @param fixedSeconds seconds per hop end, whatever the size; finite and 0 or more
 * @param secondsPerByte seconds per byte of the hop's tensor; finite and 0 or more
 */
public record HopCost(double fixedSeconds, double secondsPerByte) {

    /** No cost: what profiles without the field record. */
    public static final HopCost NONE = new HopCost(0.0, 0.0);

    /**
     * Validates the cost.
     *
     * @param fixedSeconds seconds per hop end, whatever the size; finite and 0 or more
     * @param secondsPerByte seconds per byte of the hop's tensor; finite and 0 or more
     * @throws IllegalArgumentException if either is negative, infinite or NaN
     */
    public HopCost {
        if (!(fixedSeconds >= 0) || Double.isInfinite(fixedSeconds) || !(secondsPerByte >= 0)
                || Double.isInfinite(secondsPerByte)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The hop cost (fixed %s s, %s s per byte) "
                    + "must be finite and 0 or more.%nMaybe profile the resource again.", fixedSeconds,
                    secondsPerByte));
        }
    }

    /**
     * Returns whether this records a cost ({@link #NONE} does not).
     *
     * @return true unless both figures are 0
     */
    public boolean isRecorded() {
        return fixedSeconds != 0.0 || secondsPerByte != 0.0;
    }

    /**
     * Returns the seconds of one hop end that carries {@code bytes}.
     *
     * @param bytes the tensor's bytes, 0 or more
     * @return {@code fixedSeconds + bytes × secondsPerByte}
     */
    public double seconds(long bytes) {
        return fixedSeconds + bytes * secondsPerByte;
    }

    /**
     * Returns what a hop of {@code bytes} from a resource with cost {@code from} to one with cost {@code to} costs
     * besides the link: {@code (from.fixedSeconds + to.fixedSeconds) + bytes × (from.secondsPerByte +
     * to.secondsPerByte)}, computed in that order (the search and plan maps use this one definition, so they agree
     * bit for bit). Two {@link #NONE} give exactly 0.
     *
     * @param from the sender's cost
     * @param to the receiver's cost
     * @param bytes the hop's bytes
     * @return seconds, 0 or more
     */
    public static double between(HopCost from, HopCost to, long bytes) {
        return (from.fixedSeconds + to.fixedSeconds) + bytes * (from.secondsPerByte + to.secondsPerByte);
    }
}
