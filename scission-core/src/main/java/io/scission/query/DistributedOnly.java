package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.platform.DataSize;
import io.scission.platform.Tier;
import java.util.List;
import java.util.Locale;

/** At least two resources must run blocks. */
public record DistributedOnly() implements Constraint {

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.segments().size() >= 2;
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
