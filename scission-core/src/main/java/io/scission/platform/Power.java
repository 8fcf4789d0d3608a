package io.scission.platform;

import java.util.Locale;

/**
 * The electrical power a resource draws in each of the states a plan puts it in, Neurosurgeon's energy model
 * (Kang et al., ASPLOS 2017): computing a segment, sending a hop, receiving a hop, and idle (waiting while the
 * other resources of the plan compute or send). Watts are finite and not negative. {@link #UNKNOWN} stands for "no
 * figures given": a resource without figures can still run plans, but no energy objective or constraint may target
 * it.
 *
 * <p>The energy a plan costs a resource is defined in README "Energy" and in
 * {@link io.scission.PartitionConfig#energyJoules}.
 *
 * @param computeWatts watts while it computes a segment
 * @param transmitWatts watts while it sends a hop (link latency included: the radio is on for the whole hop)
 * @param receiveWatts watts while it receives a hop; {@link #of(double, double, double)} sets it to the idle watts
 * @param idleWatts watts while it waits for the others
 */
public record Power(double computeWatts, double transmitWatts, double receiveWatts, double idleWatts) {

    /** No figures given: every figure is NaN and {@link #isKnown()} is false. */
    public static final Power UNKNOWN = new Power(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * Validates the figures.
     *
     * @param computeWatts watts while it computes a segment
     * @param transmitWatts watts while it sends a hop
     * @param receiveWatts watts while it receives a hop
     * @param idleWatts watts while it waits for the others
     * @throws IllegalArgumentException if a figure is negative, infinite or NaN (unless all four are NaN, which is
     *     {@link #UNKNOWN})
     */
    public Power {
        boolean unknown = Double.isNaN(computeWatts) && Double.isNaN(transmitWatts) && Double.isNaN(receiveWatts)
                && Double.isNaN(idleWatts);
        if (!unknown) {
            check("compute", computeWatts);
            check("transmit", transmitWatts);
            check("receive", receiveWatts);
            check("idle", idleWatts);
        }
    }

    private static void check(String state, double watts) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The %s power (%s W) must be a finite number of watts, not negative.%n"
                            + "Maybe write e.g. 4.5 for 4.5 W.", state, watts));
        }
    }

    /**
     * Returns figures in which receiving draws the idle watts (Neurosurgeon's three figures).
     *
     * @param computeWatts watts while computing
     * @param transmitWatts watts while sending
     * @param idleWatts watts while receiving or waiting
     * @return the figures
     */
    public static Power of(double computeWatts, double transmitWatts, double idleWatts) {
        return new Power(computeWatts, transmitWatts, idleWatts, idleWatts);
    }

    /**
     * Returns true unless this is {@link #UNKNOWN}.
     *
     * @return whether figures were given
     */
    public boolean isKnown() {
        return !Double.isNaN(computeWatts);
    }

    @Override
    public String toString() {
        if (!isKnown()) {
            return "unknown power";
        }
        return String.format(Locale.ROOT, "compute %s W, transmit %s W, receive %s W, idle %s W", computeWatts,
                transmitWatts, receiveWatts, idleWatts);
    }
}
