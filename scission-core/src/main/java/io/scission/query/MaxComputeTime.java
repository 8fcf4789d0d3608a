package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;

/**
 * The blocks on the target may take at most {@code seconds} of compute time in total.
 *
 * @param target the tier or resource
 * @param seconds the most seconds, finite and not negative
 */
public record MaxComputeTime(Target target, double seconds) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     * @param seconds the most seconds, finite and not negative
     * @throws IllegalArgumentException if seconds is negative, NaN or infinite
     */
    public MaxComputeTime {
        requireNonNull(target, "target");
        QueryText.checkSeconds(seconds, "maxComputeTime(" + target.toParsable() + ")");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        double sum = 0;
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                sum += s.computeSeconds();
            }
        }
        return sum <= seconds;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "maxComputeTime(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "maxComputeTime(" + target.toParsable() + ", " + QueryText.seconds(seconds) + ")";
    }

    @Override
    public String describe() {
        return "at most " + seconds + " s of compute on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
