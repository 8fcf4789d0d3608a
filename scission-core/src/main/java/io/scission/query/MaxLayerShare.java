package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;

/**
 * The target must run at most {@code fraction} of the model's layers.
 *
 * @param target the tier or resource
 * @param fraction the share, from 0 to 1
 */
public record MaxLayerShare(Target target, double fraction) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     * @param fraction the share, from 0 to 1
     * @throws IllegalArgumentException if the fraction is outside [0, 1]
     */
    public MaxLayerShare {
        requireNonNull(target, "target");
        QueryText.checkFraction(fraction, "maxLayerShare(" + target.toParsable() + ")");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        int sum = 0;
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                sum += s.layerCount();
            }
        }
        return (double) sum / plan.layerCount() <= fraction;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "maxLayerShare(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "maxLayerShare(" + target.toParsable() + ", " + QueryText.number(fraction) + ")";
    }

    @Override
    public String describe() {
        return "at most " + QueryText.number(fraction * 100) + "% of the layers on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
