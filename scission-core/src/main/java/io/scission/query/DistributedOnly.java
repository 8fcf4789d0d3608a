package io.scission.query;

import io.scission.PartitionConfig;
import java.util.List;

/** At least two resources must run blocks. */
public record DistributedOnly() implements Constraint {

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.segments().size() >= 2;
    }

    @Override
    public List<Target> targets() {
        return List.of();
    }

    @Override
    public String id() {
        return "distributedOnly()";
    }

    @Override
    public String toParsable() {
        return id();
    }

    @Override
    public String describe() {
        return "at least two resources must run blocks";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
