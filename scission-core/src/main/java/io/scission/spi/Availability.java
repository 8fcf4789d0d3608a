package io.scission.spi;

import static java.util.Objects.requireNonNull;

/**
 * Whether a provider can work in this process, and if not, why (e.g. a native library that failed to load).
 *
 * @param available true if the provider can be used
 * @param reason why it cannot, empty when available
 */
public record Availability(boolean available, String reason) {

    /** The provider can be used. */
    public static final Availability AVAILABLE = new Availability(true, "");

    /**
     * Validates the record.
     *
     * @param available true if the provider can be used
     * @param reason why it cannot, empty when available
     */
    public Availability {
        requireNonNull(reason, "reason");
    }

    /**
     * Returns an unavailability with its reason.
     *
     * @param reason why the provider cannot be used, and what to do
     * @return the availability
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
