package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;
import java.util.Locale;

/**
 * The layer must not run on the target. Layers are numbered from 0 in the model's layer order (Keras order
 * for Keras models); the block that contains the layer is placed accordingly.
 *
 * @param layer the layer index, not negative
 * @param target the tier or resource
 */
public record LayerNotOn(int layer, Target target) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param layer the layer index, not negative
     * @param target the tier or resource
     * @throws IllegalArgumentException if the index is negative
     */
    public LayerNotOn {
        requireNonNull(target, "target");
        if (layer < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The layer (%d) of layerNotOn(...) must not be negative.", layer));
        }
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        for (Segment s : plan.segments()) {
            if (s.runsLayer(layer)) {
                return !target.matches(s.resource());
            }
        }
        return false;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "layerNotOn(" + layer + ", " + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "layerNotOn(" + layer + ", " + target.toParsable() + ")";
    }

    @Override
    public String describe() {
        return "layer " + layer + " must not run on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
