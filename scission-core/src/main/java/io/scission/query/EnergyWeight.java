package io.scission.query;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One energy term of an {@link Objective}: {@code perJoule × } the energy the plan costs the resources the target
 * matches (README "Energy").
 *
 * @param target the tier or resource whose energy counts
 * @param perJoule the weight of one joule, finite and positive
 */
public record EnergyWeight(Target target, double perJoule) {

    /**
     * Validates the term.
     *
     * @param target the tier or resource whose energy counts
     * @param perJoule the weight of one joule, finite and positive
     * @throws IllegalArgumentException if the weight is not finite and positive
     */
    public EnergyWeight {
        requireNonNull(target, "target");
        if (!(perJoule > 0) || Double.isInfinite(perJoule)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The weight (%s per joule) of the energy of %s must be a finite number greater than zero.%n"
                            + "Maybe leave the energy term out instead of weighting it 0.", perJoule,
                    target.toParsable()));
        }
    }

    /**
     * Returns the term as written in a query string: {@code energy(DEVICE, 0.5)}.
     *
     * @return text
     */
    public String toParsable() {
        return "energy(" + target.toParsable() + ", " + QueryText.number(perJoule) + ")";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
