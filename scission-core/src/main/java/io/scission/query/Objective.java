package io.scission.query;

import java.util.Locale;

/**
 * What a query minimises: {@code score = perSecond × latency_s + perByte × bytesSent}. Ties on score are broken by
 * latency, then bytes sent, then the plan's key (see {@link io.scission.PartitionConfig#RANKING}).
 *
 * @param perSecond the weight of one second of end-to-end latency, finite and not negative
 * @param perByte the weight of one byte sent, finite and not negative
 */
public record Objective(double perSecond, double perByte) {

    /** Minimum end-to-end latency: the default. */
    public static final Objective LATENCY = new Objective(1.0, 0.0);
    /** Minimum data transferred between resources. */
    public static final Objective TRANSFER = new Objective(0.0, 1.0);

    /**
     * Validates the weights.
     *
     * @param perSecond the weight of one second of end-to-end latency, finite and not negative
     * @param perByte the weight of one byte sent, finite and not negative
     * @throws IllegalArgumentException if a weight is negative, NaN or infinite, or both are zero
     */
    public Objective {
        if (!(perSecond >= 0) || !(perByte >= 0) || Double.isInfinite(perSecond) || Double.isInfinite(perByte)
                || perSecond + perByte == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The objective weights (%s per second, %s per byte) must be finite, not negative, and not both "
                            + "zero.%nMaybe use Objective.LATENCY or Objective.TRANSFER.", perSecond, perByte));
        }
    }

    /**
     * Returns a weighted objective: {@code perSecond × seconds + perMegabyte × MB sent} (MB = 10^6 bytes).
     *
     * @param perSecond the weight of one second of latency
     * @param perMegabyte the weight of one MB sent
     * @return the objective
     */
    public static Objective weighted(double perSecond, double perMegabyte) {
        return new Objective(perSecond, perMegabyte / 1e6);
    }

    /**
     * Returns the score of a plan with the given latency and bytes.
     *
     * @param latencySeconds end-to-end latency
     * @param bytesSent bytes sent
     * @return the score
     */
    public double score(double latencySeconds, long bytesSent) {
        if (perByte == 0) {
            return perSecond == 1.0 ? latencySeconds : perSecond * latencySeconds;
        }
        if (perSecond == 0) {
            return perByte == 1.0 ? (double) bytesSent : perByte * bytesSent;
        }
        return perSecond * latencySeconds + perByte * bytesSent;
    }

    /**
     * Returns the objective as written in a query string.
     *
     * @return text
     */
    public String toParsable() {
        if (equals(LATENCY)) {
            return "LATENCY";
        }
        if (equals(TRANSFER)) {
            return "TRANSFER";
        }
        return "weights(" + QueryText.number(perSecond) + ", " + QueryText.number(perByte) + ")";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
