package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.platform.DataSize;
import java.util.List;

/**
 * At most {@code limit} bytes in total may leave the target: hops from a matching resource to a non-matching one.
 *
 * @param from the target
 * @param limit the most bytes
 */
public record MaxTransferOut(Target from, DataSize limit) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param from the target
     * @param limit the most bytes
     */
    public MaxTransferOut {
        requireNonNull(from, "from");
        requireNonNull(limit, "limit");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        long sum = 0;
        for (Hop h : plan.hops()) {
            if (from.matches(h.from()) && !from.matches(h.to())) {
                sum += h.bytes();
            }
        }
        return sum <= limit.bytes();
    }

    @Override
    public List<Target> targets() {
        return List.of(from);
    }

    @Override
    public String id() {
        return "maxTransferOut(" + from.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "maxTransferOut(" + from.toParsable() + ", " + limit + ")";
    }

    @Override
    public String describe() {
        return "at most " + limit.bytes() + " bytes out of " + from.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
