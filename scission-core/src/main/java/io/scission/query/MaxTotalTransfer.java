package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.platform.DataSize;
import java.util.List;

/**
 * At most {@code limit} bytes may be sent over all hops together.
 *
 * @param limit the most bytes
 */
public record MaxTotalTransfer(DataSize limit) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param limit the most bytes
     */
    public MaxTotalTransfer {
        requireNonNull(limit, "limit");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.bytesSent() <= limit.bytes();
    }

    @Override
    public List<Target> targets() {
        return List.of();
    }

    @Override
    public String id() {
        return "maxTotalTransfer()";
    }

    @Override
    public String toParsable() {
        return "maxTotalTransfer(" + limit + ")";
    }

    @Override
    public String describe() {
        return "at most " + limit.bytes() + " bytes sent in total";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
