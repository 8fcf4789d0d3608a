package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;
import java.util.Locale;

/**
 * The target must run at least {@code count} layers.
 *
 * @param target the tier or resource
 * @param count the layer count, not negative
 */
public record MinLayers(Target target, int count) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     * @param count the layer count, not negative
     * @throws IllegalArgumentException if the count is negative
     */
    public MinLayers {
        requireNonNull(target, "target");
        if (count < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The count (%d) of minLayers(%s) must not be negative.", count, target.toParsable()));
        }
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        int sum = 0;
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                sum += s.layerCount();
            }
        }
        return sum >= count;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "minLayers(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "minLayers(" + target.toParsable() + ", " + count + ")";
    }

    @Override
    public String describe() {
        return "at least " + count + " layers on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
