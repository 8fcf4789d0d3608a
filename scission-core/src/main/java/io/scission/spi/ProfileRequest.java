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
 * @param repeats timed runs per block, positive; or {@link #UNTIL_STABLE} to let the profiler repeat until the sums
 *     of blocks and the whole model are stable (see {@link io.scission.profile.SamplingRule})
 * @param seed the seed for synthetic inputs and weights
 */
public record ProfileRequest(Resource resource, PartitionRule rule, int threads, int warmups, int repeats,
        long seed) {

    /**
     * The repeats that ask the profiler to repeat until its {@link io.scission.profile.SamplingRule} is met (by
     * default the split-inference total, the whole model and the range checks stable) or its time budget runs out
     * (0); the default of {@link #of}. The profile records the rule and how many passes it took.
     */
    public static final int UNTIL_STABLE = 0;
    /** A fixed repeat count that suits most machines (10), the default before {@link #UNTIL_STABLE}. */
    public static final int DEFAULT_REPEATS = 10;
    /**
     * The default number of warm-up runs per block (1; 3 before the until-stable rule stopped on the sums): the first
     * run of a unit builds its executor and costs 5 to 20 whole-model times in all; measured on 8 zoo models, the
     * second pass was already within the later passes' spread.
     */
    public static final int DEFAULT_WARMUPS = 1;

    /**
     * Validates the request.
     *
     * @param resource the resource the profile is for (this machine, or an emulation of it)
     * @param rule the partition rule that makes the blocks
     * @param threads intra-op threads, or 0 to let the runtime choose
     * @param warmups untimed runs per block, not negative
     * @param repeats timed runs per block, positive; or {@link #UNTIL_STABLE}
     * @param seed the seed for synthetic inputs and weights
     * @throws IllegalArgumentException if a count is out of range
     */
    public ProfileRequest {
        requireNonNull(resource, "resource");
        requireNonNull(rule, "rule");
        if (threads < 0 || warmups < 0 || repeats < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The threads (%d), warm-ups (%d) and repeats (%d) must not be negative (repeats 0: until stable).",
                    threads, warmups, repeats));
        }
    }

    /**
     * Returns a request with the defaults: Scission rule, runtime threads, 1 warm-up, repeats until stable, seed 42.
     *
     * @param resource the resource
     * @return the request
     */
    public static ProfileRequest of(Resource resource) {
        return new ProfileRequest(resource, PartitionRule.SCISSION, 0, DEFAULT_WARMUPS, UNTIL_STABLE, 42L);
    }
}
