package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.platform.DataSize;
import io.scission.platform.Tier;
import java.util.List;
import java.util.Locale;

/**
 * The block must not run on the target. Layers are numbered as in the model's layer order (Keras order for Keras models); blocks from 0.
 *
 * @param block the block index, not negative
 * @param target the tier or resource
 */
public record BlockNotOn(int block, Target target) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @throws IllegalArgumentException if the index is negative
     */
    public BlockNotOn {
        requireNonNull(target, "target");
        if (block < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The block (%d) of blockNotOn(...) must not be negative.", block));
        }
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        for (Segment s : plan.segments()) {
            if (s.runsBlock(block)) {
                return !target.matches(s.resource());
            }
        }
        return false;
    }

    @Override
    public String id() {
        return "blockNotOn(" + block + ", " + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "blockNotOn(" + block + ", " + target.toParsable() + ")";
    }

    @Override
    public String describe() {
        return "block " + block + " must not run on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
