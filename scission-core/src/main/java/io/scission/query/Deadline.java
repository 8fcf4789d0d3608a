package io.scission.query;

import io.scission.PartitionConfig;
import java.util.List;

/**
 * The end-to-end latency must be at most {@code seconds}.
 *
 * @param seconds the deadline, finite and not negative
 */
public record Deadline(double seconds) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param seconds the deadline, finite and not negative
     * @throws IllegalArgumentException if seconds is negative, NaN or infinite
     */
    public Deadline {
        QueryText.checkSeconds(seconds, "deadline");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.latencySeconds() <= seconds;
    }

    @Override
    public List<Target> targets() {
        return List.of();
    }

    @Override
    public String id() {
        return "deadline()";
    }

    @Override
    public String toParsable() {
        return "deadline(" + QueryText.seconds(seconds) + ")";
    }

    @Override
    public String describe() {
        return "end-to-end latency at most " + seconds + " s";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
