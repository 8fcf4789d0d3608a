package io.scission.spi;

import static java.util.Objects.requireNonNull;

/**
 * A provider found on the class path, available or not (like JMH's {@code -lprof}).
 *
 * @param kind {@code ModelParser} or {@code BlockProfiler}
 * @param name the provider's name
 * @param className the implementing class
 * @param priority its priority
 * @param availability whether it can be used, and why not
 */
public record ProviderInfo(String kind, String name, String className, int priority, Availability availability) {

    /**
     * Validates the record.
     *
     * @param kind {@code ModelParser} or {@code BlockProfiler}
     * @param name the provider's name
     * @param className the implementing class
     * @param priority its priority
     * @param availability whether it can be used, and why not
     */
    public ProviderInfo {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(className, "className");
        requireNonNull(availability, "availability");
    }
}
