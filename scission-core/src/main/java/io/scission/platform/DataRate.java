package io.scission.platform;

import java.util.Locale;

/**
 * A data rate (bandwidth), stored as bytes per second. One Mbps is 10^6 bits per second, 125,000 bytes per second,
 * as in the paper and the original tool.
 *
 * @param bytesPerSecond bytes per second, finite and positive
 */
public record DataRate(double bytesPerSecond) {

    /**
     * Validates the rate.
     *
     * @param bytesPerSecond bytes per second, finite and positive
     * @throws IllegalArgumentException if the rate is NaN, infinite, zero or negative
     */
    public DataRate {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The bandwidth (%s bytes/s) must be a finite number greater than zero.%n"
                            + "Maybe you meant a link that does not exist: leave it out of the network instead.",
                    bytesPerSecond));
        }
    }

    /**
     * Returns a rate given in megabits per second: {@code mbps × 125000} bytes per second.
     *
     * @param mbps megabits (10^6 bits) per second, finite and positive
     * @return the rate
     * @throws IllegalArgumentException if the result is not finite and positive
     */
    public static DataRate mbps(double mbps) {
        if (!(mbps > 0) || Double.isInfinite(mbps)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The bandwidth (%s Mbps) must be a finite number greater than zero.", mbps));
        }
        return new DataRate(mbps * 125_000.0);
    }

    /**
     * Returns the rate in megabits per second.
     *
     * @return Mbps
     */
    public double mbps() {
        return bytesPerSecond / 125_000.0;
    }

    /**
     * Returns the seconds needed to send the given number of bytes.
     *
     * @param bytes the bytes, not negative
     * @return seconds
     */
    public double secondsFor(long bytes) {
        return bytes / bytesPerSecond;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s Mbps", mbps());
    }
}
