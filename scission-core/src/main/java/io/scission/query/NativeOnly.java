package io.scission.query;

import io.scission.PartitionConfig;
import java.util.List;

/** One resource must run every block (device-, edge- or cloud-native execution). */
public record NativeOnly() implements Constraint {

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.segments().size() == 1;
    }

    @Override
    public List<Target> targets() {
        return List.of();
    }

    @Override
    public String id() {
        return "nativeOnly()";
    }

    @Override
    public String toParsable() {
        return id();
    }

    @Override
    public String describe() {
        return "one resource must run every block";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
