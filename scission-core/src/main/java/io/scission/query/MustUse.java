package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;

/**
 * The target must run at least one block.
 *
 * @param target the tier or resource
 */
public record MustUse(Target target) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     */
    public MustUse {
        requireNonNull(target, "target");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                return true;
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
        return "mustUse(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return id();
    }

    @Override
    public String describe() {
        return "must run at least one block on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
