package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import java.util.List;
import java.util.Locale;

/**
 * The plan may cost the target's resources at most {@code joules} of energy (README "Energy":
 * {@link PartitionConfig#energyJoules}). Every resource of the target that can take part in a plan needs power
 * figures.
 *
 * @param target the tier or resource
 * @param joules the most joules, finite and not negative
 */
public record MaxEnergy(Target target, double joules) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     * @param joules the most joules, finite and not negative
     * @throws IllegalArgumentException if joules is negative, NaN or infinite
     */
    public MaxEnergy {
        requireNonNull(target, "target");
        if (!(joules >= 0) || Double.isInfinite(joules)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The energy limit (%s J) of maxEnergy(%s) must be a finite number, not negative.%n"
                            + "Maybe write e.g. 2.5J.", joules, target.toParsable()));
        }
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.energyJoules(target) <= joules;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "maxEnergy(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "maxEnergy(" + target.toParsable() + ", " + QueryText.number(joules) + "J)";
    }

    @Override
    public String describe() {
        return "at most " + joules + " J of energy on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
