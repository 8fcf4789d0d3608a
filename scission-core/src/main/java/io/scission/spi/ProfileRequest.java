package io.scission.spi;

import static java.util.Objects.requireNonNull;

import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import java.util.Locale;

/**
 * How to profile a model.
 *
 * @param resource the resource the profile is for (this machine, or an emulation of it)
 * @param rule the partition rule that makes the blocks
 * @param threads intra-op threads, or 0 to let the runtime choose
 * @param warmups untimed runs per block, not negative
 * @param repeats timed runs per block, positive
 * @param seed the seed for synthetic inputs and weights
 */
public record ProfileRequest(Resource resource, PartitionRule rule, int threads, int warmups, int repeats,
        long seed) {

    /** The default number of timed runs per block. */
    public static final int DEFAULT_REPEATS = 10;
    /** The default number of warm-up runs per block. */
    public static final int DEFAULT_WARMUPS = 3;

    /**
     * Validates the request.
     *
     * @param resource the resource the profile is for (this machine, or an emulation of it)
     * @param rule the partition rule that makes the blocks
     * @param threads intra-op threads, or 0 to let the runtime choose
     * @param warmups untimed runs per block, not negative
     * @param repeats timed runs per block, positive
     * @param seed the seed for synthetic inputs and weights
     * @throws IllegalArgumentException if a count is out of range
     */
    public ProfileRequest {
        requireNonNull(resource, "resource");
        requireNonNull(rule, "rule");
        if (threads < 0 || warmups < 0 || repeats <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The threads (%d) and warm-ups (%d) must not be negative and the repeats (%d) must be positive.",
                    threads, warmups, repeats));
        }
    }

    /**
     * Returns a request with the defaults: Scission rule, runtime threads, 3 warm-ups, 10 repeats, seed 42.
     *
     * @param resource the resource
     * @return the request
     */
    public static ProfileRequest of(Resource resource) {
        return new ProfileRequest(resource, PartitionRule.SCISSION, 0, DEFAULT_WARMUPS, DEFAULT_REPEATS, 42L);
    }
}
