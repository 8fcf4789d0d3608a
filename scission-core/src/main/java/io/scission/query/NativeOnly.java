package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.platform.DataSize;
import io.scission.platform.Tier;
import java.util.List;
import java.util.Locale;

/** One resource must run every block (device-, edge- or cloud-native execution). */
public record NativeOnly() implements Constraint {

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        return plan.segments().size() == 1;
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
