package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * A machine that can run blocks of a model, or that only sends the input (the source device).
 *
 * @param name the resource's unique name, e.g. {@code raspi4} or {@code 6700k(GPU)}; any non-blank text without
 *     line breaks, kept exactly as given
 * @param tier the resource's tier
 * @param hardware free-text hardware notes, e.g. {@code "ARMv8 1.5 GHz, 4 cores"}; empty when unknown
 * @param power the power it draws computing, sending, receiving and idle, for energy objectives and constraints;
 *     {@link Power#UNKNOWN} when not given
 * @param memoryBytes the memory a segment may use on the resource, in bytes, or {@link #UNKNOWN_MEMORY} (-1) when
 *     not given; when given, every plan's segment on the resource must fit it (README "Constraints and
 *     objectives", {@code maxMemory}). Use {@link #withMemory} and {@link #memory()} rather than this component.
 */
public record Resource(String name, Tier tier, String hardware, Power power, long memoryBytes)
        implements Comparable<Resource> {

    /** The value of {@link #memoryBytes()} when the resource's memory capacity is not given. */
    public static final long UNKNOWN_MEMORY = -1;

    /**
     * Validates the resource.
     *
     * @param name the resource's unique name, e.g. {@code raspi4} or {@code 6700k(GPU)}; any non-blank text without
     *     line breaks, kept exactly as given
     * @param tier the resource's tier
     * @param hardware free-text hardware notes, e.g. {@code "ARMv8 1.5 GHz, 4 cores"}; empty when unknown
     * @param power the power it draws in each state; {@link Power#UNKNOWN} when not given
     * @param memoryBytes the memory capacity in bytes, or {@link #UNKNOWN_MEMORY}
     * @throws IllegalArgumentException if the name is blank or contains a line break, or the capacity is negative
     *     (other than {@link #UNKNOWN_MEMORY})
     */
    public Resource {
        requireNonNull(name, "name");
        requireNonNull(tier, "tier");
        requireNonNull(hardware, "hardware");
        requireNonNull(power, "power");
        if (name.isBlank() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || !name.strip().equals(name)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The resource name (\"%s\") must be non-blank, on one line, without surrounding spaces.%n"
                            + "Maybe use \"%s\".", name, name.strip().replaceAll("[\\r\\n]", " ")));
        }
        if (memoryBytes < 0 && memoryBytes != UNKNOWN_MEMORY) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The memory capacity (%d bytes) of resource %s must not be negative.%n"
                            + "Maybe leave it out when it is not known.", memoryBytes, name));
        }
    }

    /**
     * Returns a copy with a memory capacity: every segment a plan runs on the resource must fit it, as if the query
     * had {@code maxMemory("name", capacity)}.
     *
     * @param capacity the memory a segment may use on the resource
     * @return the copy
     */
    public Resource withMemory(DataSize capacity) {
        return new Resource(name, tier, hardware, power, requireNonNull(capacity, "capacity").bytes());
    }

    /**
     * Returns a copy without a memory capacity.
     *
     * @return the copy
     */
    public Resource withoutMemory() {
        return new Resource(name, tier, hardware, power, UNKNOWN_MEMORY);
    }

    /**
     * Returns the memory capacity, if given.
     *
     * @return the capacity
     */
    public Optional<DataSize> memory() {
        return memoryBytes == UNKNOWN_MEMORY ? Optional.empty() : Optional.of(DataSize.ofBytes(memoryBytes));
    }

    /**
     * Returns a resource without hardware notes.
     *
     * @param name the resource's name
     * @param tier the resource's tier
     * @return the resource
     */
    public static Resource of(String name, Tier tier) {
        return of(name, tier, "");
    }

    /**
     * Returns a resource with hardware notes, no power figures and no memory capacity.
     *
     * @param name the resource's name
     * @param tier the resource's tier
     * @param hardware free-text hardware notes; empty when unknown
     * @return the resource
     */
    public static Resource of(String name, Tier tier, String hardware) {
        return new Resource(name, tier, hardware, Power.UNKNOWN, UNKNOWN_MEMORY);
    }

    /**
     * Returns a copy of this resource with other power figures (everything else kept).
     *
     * @param figures the figures, e.g. {@code Power.of(4.5, 1.2, 0.9)}
     * @return the copy
     */
    public Resource withPower(Power figures) {
        return new Resource(name, tier, hardware, requireNonNull(figures, "figures"), memoryBytes);
    }

    /** Orders by tier, then by name. */
    @Override
    public int compareTo(Resource other) {
        int byTier = tier.compareTo(other.tier);
        return byTier != 0 ? byTier : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name + " (" + tier + ")";
    }
}
