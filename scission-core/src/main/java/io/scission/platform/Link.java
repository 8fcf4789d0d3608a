package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * A directed network link between two resources. Sending {@code n} bytes over it takes
 * {@code latencySeconds + n / bandwidth.bytesPerSecond()} seconds: the paper's cost model, where latency is paid
 * once per hop.
 *
 * @param from the sending resource's name
 * @param to the receiving resource's name
 * @param latencySeconds the one-way latency in seconds, finite and not negative
 * @param bandwidth the bandwidth from {@code from} to {@code to}
 */
public record Link(String from, String to, double latencySeconds, DataRate bandwidth) {

    /**
     * Validates the link.
     *
     * @param from the sending resource's name
     * @param to the receiving resource's name
     * @param latencySeconds the one-way latency in seconds, finite and not negative
     * @param bandwidth the bandwidth from {@code from} to {@code to}
     * @throws IllegalArgumentException if the latency is NaN, infinite or negative, or the link is a loop
     */
    public Link {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(bandwidth, "bandwidth");
        checkLatency(latencySeconds, from + " -> " + to);
        if (from.equals(to)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The link from %s to itself is not allowed: blocks on one resource need no transfer.", from));
        }
    }

    /**
     * Returns a link with the latency given as a duration.
     *
     * @param from the sending resource's name
     * @param to the receiving resource's name
     * @param latency the one-way latency, not negative
     * @param bandwidth the bandwidth
     * @return the link
     */
    public static Link of(String from, String to, Duration latency, DataRate bandwidth) {
        requireNonNull(latency, "latency");
        return new Link(from, to, latency.toNanos() / 1e9, bandwidth);
    }

    /**
     * Returns the seconds needed to send the given bytes over this link: latency plus bytes over bandwidth.
     *
     * @param bytes bytes to send
     * @return seconds
     */
    public double secondsFor(long bytes) {
        return latencySeconds + bytes / bandwidth.bytesPerSecond();
    }

    static void checkLatency(double latencySeconds, String link) {
        if (!(latencySeconds >= 0) || Double.isInfinite(latencySeconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The latency (%s s) of link %s must be a finite number, not negative.", latencySeconds, link));
        }
    }
}
