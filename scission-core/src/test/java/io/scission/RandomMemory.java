package io.scission;

import io.scission.model.Block;
import io.scission.platform.DataSize;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockMemory;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.query.MaxMemory;
import io.scission.query.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Memory for the seeded search suites: every profile gets memory figures per block, now and then a resource gets a
 * memory capacity, and now and then the query gets a {@code maxMemory} whose limit is the exact memory of some
 * segment (or one byte less), so that the limits bind and sit on boundaries. It draws from its own random stream,
 * seeded from the instance, so the suites' instances and their other draws stay what they were.
 */
public final class RandomMemory {

    private RandomMemory() {
    }

    /**
     * The instance with memory.
     *
     * @param profiles the profiles, with memory figures and perhaps capacities
     * @param query the query, perhaps with a maxMemory
     */
    public record WithMemory(ProfileSet profiles, Query query) {
    }

    /**
     * Adds memory to an instance.
     *
     * @param profiles the suite's profiles (without memory)
     * @param query the suite's query
     * @param tiers the tiers a constraint may name
     * @return the instance with memory
     */
    public static WithMemory apply(ProfileSet profiles, Query query, List<Tier> tiers) {
        SplittableRandom rnd = new SplittableRandom(seed(profiles, query));
        List<Block> blocks = profiles.layout().blocks();
        int n = blocks.size();
        List<BlockMemory> figures = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            long weights = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(2_000_000);
            long activations = rnd.nextInt(4_000_000);
            figures.add(BlockMemory.estimate(weights, activations));
        }
        List<Resource> resources = profiles.resources();
        // now and then one resource holds its weights at half the size (as a float16 copy would)
        String halved = rnd.nextInt(4) == 0 ? resources.get(rnd.nextInt(resources.size())).name() : "";
        List<Profile> with = new ArrayList<>();
        for (Profile p : profiles.profiles()) {
            List<BlockMemory> own = figures;
            if (p.resource().name().equals(halved)) {
                own = figures.stream().map(m -> BlockMemory.estimate(m.weightBytes() / 2, m.activationBytes()))
                        .toList();
            }
            Resource r = p.resource();
            if (rnd.nextInt(6) == 0) {
                r = r.withMemory(DataSize.ofBytes(Math.max(0, segment(rnd, own, n) - rnd.nextInt(2))));
            }
            with.add(p.withMemory(own).withResource(r));
        }
        ProfileSet result = ProfileSet.of(with);
        Query q = query;
        if (rnd.nextInt(3) == 0) {
            Target target = rnd.nextBoolean() ? Target.tier(tiers.get(rnd.nextInt(tiers.size())))
                    : Target.resource(resources.get(rnd.nextInt(resources.size())).name());
            long limit = Math.max(0, segment(rnd, figures, n) - rnd.nextInt(2));
            try {
                q = q.constraint(new MaxMemory(target, DataSize.ofBytes(limit)));
            } catch (IllegalStateException repeated) {
                // the query already limits that target's memory
            }
        }
        return new WithMemory(result, q);
    }

    /**
     * The same profiles with every block's memory figures zero: every memory limit (a query's {@code maxMemory}, a
     * resource's capacity) then holds for every segment while the query and the resources stay as they are, so
     * comparing a result with the one on these profiles tells whether the memory limits bind.
     *
     * @param profiles profiles with memory figures
     * @return the profiles with zero figures
     */
    public static ProfileSet unlimited(ProfileSet profiles) {
        List<Profile> with = new ArrayList<>();
        for (Profile p : profiles.profiles()) {
            with.add(p.withMemory(p.memory().stream().map(m -> BlockMemory.estimate(0, 0)).toList()));
        }
        return ProfileSet.of(with);
    }

    /**
     * True if the instance limits memory anywhere: a query's {@code maxMemory} or a resource's capacity.
     *
     * @param profiles the profiles
     * @param query the query
     * @return whether a memory limit applies
     */
    public static boolean limits(ProfileSet profiles, Query query) {
        return query.constraints().stream().anyMatch(c -> c instanceof MaxMemory)
                || profiles.resources().stream().anyMatch(r -> r.memory().isPresent());
    }

    /** The memory of a random segment, computed as the README defines it. */
    private static long segment(SplittableRandom rnd, List<BlockMemory> figures, int n) {
        int first = rnd.nextInt(n);
        int last = first + rnd.nextInt(n - first);
        long weights = 0;
        long largest = 0;
        for (int b = first; b <= last; b++) {
            weights += figures.get(b).weightBytes();
            largest = Math.max(largest, figures.get(b).activationBytes());
        }
        return weights + largest;
    }

    private static long seed(ProfileSet profiles, Query query) {
        long h = 17;
        for (Block b : profiles.layout().blocks()) {
            h = h * 31 + b.outputBytes();
            h = h * 31 + b.layerCount();
        }
        for (Resource r : profiles.resources()) {
            h = h * 31 + r.name().hashCode();
        }
        return h * 31 + query.toParsableString().hashCode();
    }
}
