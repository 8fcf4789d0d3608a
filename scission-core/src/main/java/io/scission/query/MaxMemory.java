package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.platform.DataSize;
import java.util.List;

/**
 * Every segment that runs on a resource the target matches must fit in {@code limit} bytes of working memory
 * ({@link Segment#memoryBytes()}: Σ weight bytes of its blocks + their largest activation set, the estimate
 * documented in {@link io.scission.profile.BlockMemory}). The limit applies to each matching resource on its own
 * (memory is per machine): two device-tier resources of one plan may each use up to the limit. A plan never runs
 * two segments on one resource, so nothing adds up across segments. A segment whose memory is unknown does not
 * satisfy it; solving fails first, naming the profile that lacks memory figures.
 *
 * @param target the tier or resource
 * @param limit the most bytes per segment
 */
public record MaxMemory(Target target, DataSize limit) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param target the tier or resource
     * @param limit the most bytes per segment
     */
    public MaxMemory {
        requireNonNull(target, "target");
        requireNonNull(limit, "limit");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())
                    && (s.memoryBytes() == Segment.UNKNOWN_MEMORY || s.memoryBytes() > limit.bytes())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public String id() {
        return "maxMemory(" + target.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "maxMemory(" + target.toParsable() + ", " + limit + ")";
    }

    @Override
    public String describe() {
        return "at most " + limit.bytes() + " bytes of working memory per segment on " + target.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
