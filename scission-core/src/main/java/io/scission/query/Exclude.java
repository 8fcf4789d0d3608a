package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;

/**
 * The target must run no block. An excluded source device still sends the input.
 *
 * @param target the tier or resource
 */
public record Exclude(Target target) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     */
    public Exclude {
        requireNonNull(target, "target");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "exclude(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return id();
    }

    @Override
    public String describe() {
        return "must run no block on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
