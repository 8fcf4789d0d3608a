package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A machine that can run blocks of a model, or that only sends the input (the source device).
 *
 * @param name the resource's unique name, e.g. {@code raspi4} or {@code 6700k(GPU)}; any non-blank text without
 *     line breaks, kept exactly as given
 * @param tier the resource's tier
 * @param hardware free-text hardware notes, e.g. {@code "ARMv8 1.5 GHz, 4 cores"}; empty when unknown
 * @param power the power it draws computing, sending, receiving and idle, for energy objectives and constraints;
 *     {@link Power#UNKNOWN} when not given
 */
public record Resource(String name, Tier tier, String hardware, Power power) implements Comparable<Resource> {

    /**
     * Validates the resource.
     *
     * @param name the resource's unique name, e.g. {@code raspi4} or {@code 6700k(GPU)}; any non-blank text without
     *     line breaks, kept exactly as given
     * @param tier the resource's tier
     * @param hardware free-text hardware notes, e.g. {@code "ARMv8 1.5 GHz, 4 cores"}; empty when unknown
     * @param power the power it draws in each state; {@link Power#UNKNOWN} when not given
     * @throws IllegalArgumentException if the name is blank or contains a line break
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
     * Returns a resource with hardware notes and no power figures.
     *
     * @param name the resource's name
     * @param tier the resource's tier
     * @param hardware free-text hardware notes; empty when unknown
     * @return the resource
     */
    public static Resource of(String name, Tier tier, String hardware) {
        return new Resource(name, tier, hardware, Power.UNKNOWN);
    }

    /**
     * Returns a copy of this resource with other power figures (everything else kept).
     *
     * @param figures the figures, e.g. {@code Power.of(4.5, 1.2, 0.9)}
     * @return the copy
     */
    public Resource withPower(Power figures) {
        return new Resource(name, tier, hardware, requireNonNull(figures, "figures"));
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
