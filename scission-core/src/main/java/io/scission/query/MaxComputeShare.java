package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;

/**
 * The target's compute time must be at most {@code fraction} of the plan's total compute time
 * ({@link ShareOf#COMPUTE}) or of its end-to-end latency ({@link ShareOf#LATENCY}). A plan with zero total counts
 * as share 0.
 *
 * @param target the tier or resource
 * @param fraction the share, from 0 to 1
 * @param of what the share is of
 */
public record MaxComputeShare(Target target, double fraction, ShareOf of) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     * @param fraction the share, from 0 to 1
     * @param of what the share is of
     * @throws IllegalArgumentException if the fraction is outside [0, 1]
     */
    public MaxComputeShare {
        requireNonNull(target, "target");
        requireNonNull(of, "of");
        QueryText.checkFraction(fraction, "maxComputeShare(" + target.toParsable() + ")");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        double sum = 0;
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                sum += s.computeSeconds();
            }
        }
        double total = of == ShareOf.COMPUTE ? plan.computeSeconds() : plan.latencySeconds();
        double share = total == 0 ? 0.0 : sum / total;
        return share <= fraction;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "maxComputeShare(" + target.toParsable() + ", " + of + ")";
    }

    @Override
    public String toParsable() {
        return "maxComputeShare(" + target.toParsable() + ", " + QueryText.number(fraction) + ", " + of + ")";
    }

    @Override
    public String describe() {
        return "at most " + QueryText.number(fraction * 100) + "% of " + QueryText.shareBasis(of) + " on "
                + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
