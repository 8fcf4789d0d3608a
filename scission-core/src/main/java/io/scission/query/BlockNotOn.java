package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import java.util.List;
import java.util.Locale;

/**
 * The block must not run on the target. Blocks are numbered from 0 in pipeline order under the profiles'
 * partition rule.
 *
 * @param block the block index, not negative
 * @param target the tier or resource
 */
public record BlockNotOn(int block, Target target) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param block the block index, not negative
     * @param target the tier or resource
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
    public List<Target> targets() {
        return List.of(target);
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
