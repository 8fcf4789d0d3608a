package io.scission;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.DataSize;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
import io.scission.query.BlockNotOn;
import io.scission.query.BlockOn;
import io.scission.query.Constraint;
import io.scission.query.Deadline;
import io.scission.query.DistributedOnly;
import io.scission.query.Exclude;
import io.scission.query.Include;
import io.scission.query.LayerNotOn;
import io.scission.query.LayerOn;
import io.scission.query.MaxComputeShare;
import io.scission.query.MaxComputeTime;
import io.scission.query.MaxLayerShare;
import io.scission.query.MaxLayers;
import io.scission.query.MaxTotalTransfer;
import io.scission.query.MaxTransfer;
import io.scission.query.MaxTransferOut;
import io.scission.query.MinComputeShare;
import io.scission.query.MinLayerShare;
import io.scission.query.MinLayers;
import io.scission.query.MustUse;
import io.scission.query.NativeOnly;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Branch and bound must return exactly what exhaustive enumeration returns, order included, on seeded random
 * instances: varied tiers (custom ones too), resources per tier, blocks, constraints, objectives, k, ties, several
 * sources, several resources per tier, and result return.
 */
class SearchEquivalenceTest {

    private static final Tier GATEWAY = Tier.of("gateway", 50);
    private static final Tier REGIONAL = Tier.of("regional", 150);
    private static final List<Tier> TIERS = List.of(Tier.DEVICE, GATEWAY, Tier.EDGE, REGIONAL, Tier.CLOUD);

    static LongStream seeds() {
        return Seeds.range(0, 1200);
    }

    static LongStream paperSeeds() {
        return Seeds.range(10_000, 10_060);
    }

    static LongStream stressSeeds() {
        return Seeds.range(20_000, 20_060);
    }

    static LongStream wideSeeds() {
        return Seeds.range(30_000, 30_030);
    }

    static LongStream fleetSeeds() {
        return Seeds.range(31_000, 31_030);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_equal_exhaustive_when_random_small_instance(long seed) {
        // GIVEN
        Case c = randomCase(new SplittableRandom(seed), false);
        // WHEN
        QueryResult bb = c.query.solve(c.profiles, c.network);
        QueryResult ex = c.query.strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles, c.network);
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s", seed, c.query).isEqualTo(ex.plans());
        assertThat(bb.blockers()).as("seed=%d", seed).isEqualTo(ex.blockers());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("paperSeeds")
    void should_equal_exhaustive_when_paper_sized_instance(long seed) {
        // GIVEN 1 device, 2 edges, 2 clouds and 20-40 blocks
        Case c = randomCase(new SplittableRandom(seed), true);
        // WHEN
        QueryResult bb = c.query.solve(c.profiles, c.network);
        QueryResult ex = c.query.strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles, c.network);
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s", seed, c.query).isEqualTo(ex.plans());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("stressSeeds")
    void should_equal_exhaustive_when_stress_shaped_instance(long seed) {
        // GIVEN six ordered tiers of 2-3 resources, 5-9 blocks, a transfer cap and a deadline that often bind
        Case c = stressCase(new SplittableRandom(seed));
        // WHEN
        QueryResult bb = c.query.solve(c.profiles, c.network);
        QueryResult ex = c.query.strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles, c.network);
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s", seed, c.query).isEqualTo(ex.plans());
        assertThat(bb.blockers()).as("seed=%d", seed).isEqualTo(ex.blockers());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("wideSeeds")
    void should_equal_exhaustive_when_wide_instance(long seed) {
        // GIVEN one device, 12-16 edges, 12-16 clouds, 30-40 blocks, a transfer cap and a deadline
        Case c = wideCase(new SplittableRandom(seed));
        // WHEN
        QueryResult bb = c.query.solve(c.profiles, c.network);
        QueryResult ex = c.query.strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles, c.network);
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s", seed, c.query).isEqualTo(ex.plans());
        assertThat(bb.blockers()).as("seed=%d", seed).isEqualTo(ex.blockers());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("fleetSeeds")
    void should_equal_exhaustive_when_more_than_64_resources(long seed) {
        // GIVEN 65-200 resources, at least two per tier, two or three per tier allowed in a plan
        Fleets.Fleet c = Fleets.random(new SplittableRandom(seed));
        // WHEN
        QueryResult bb = c.query().solve(c.profiles(), c.network());
        QueryResult ex = c.query().strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles(), c.network());
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s", seed, c.query()).isEqualTo(ex.plans());
        assertThat(bb.blockers()).as("seed=%d", seed).isEqualTo(ex.blockers());
    }

    record Case(ProfileSet profiles, Network network, Query query) {
    }

    /**
     * A scaled-down stress instance: six ordered tiers, per-resource links, outputs that shrink through the model
     * (so a transfer cap below the input forces a device prefix), and global constraints near the optimum.
     */
    static Case stressCase(SplittableRandom rnd) {
        int perTier = 2 + rnd.nextInt(2);
        boolean twoPerTier = perTier == 2 && rnd.nextInt(4) == 0;
        int blocks = twoPerTier ? 5 + rnd.nextInt(2) : 6 + rnd.nextInt(4);
        List<Tier> tiers = List.of(Tier.DEVICE, GATEWAY, Tier.EDGE, REGIONAL, Tier.CLOUD, Tier.of("hpc", 250));
        int[] counts = {perTier, perTier, perTier, perTier, perTier, perTier};
        return capAndDeadlineCase(rnd, tiers, counts, new double[] {1.0, 2.5, 6.0, 12.0, 25.0, 60.0}, blocks,
                twoPerTier);
    }

    /**
     * A wide instance: one device, 12-16 edge servers and 12-16 clouds, 30-40 blocks, so that a device prefix has
     * more than a thousand children (where branch and bound screens children before they enter the heap), under a
     * transfer cap and a deadline.
     */
    static Case wideCase(SplittableRandom rnd) {
        int wide = 12 + rnd.nextInt(5);
        return capAndDeadlineCase(rnd, List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD), new int[] {1, wide, wide},
                new double[] {1.0, 6.0, 40.0}, 30 + rnd.nextInt(11), false);
    }

    private static Case capAndDeadlineCase(SplittableRandom rnd, List<Tier> tiers, int[] counts, double[] tierSpeed,
            int blocks, boolean twoPerTier) {
        boolean ties = rnd.nextInt(4) == 0;
        List<Resource> resources = new ArrayList<>();
        List<Double> speed = new ArrayList<>();
        for (int t = 0; t < tiers.size(); t++) {
            for (int i = 0; i < counts[t]; i++) {
                resources.add(Resource.of(tiers.get(t).name() + i, tiers.get(t)));
                speed.add(tierSpeed[t] * (ties ? 1.0 : 0.7 + 0.6 * rnd.nextDouble()));
            }
        }
        int[] layers = new int[blocks];
        long[] out = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            layers[b] = 1 + rnd.nextInt(3);
            double at = (double) b / (blocks - 1);
            long numel = Math.round(Math.exp(Math.log(1e6) + (Math.log(1e3) - Math.log(1e6)) * at
                    + (ties ? 0 : rnd.nextGaussian() * 0.6)));
            out[b] = b == blocks - 1 ? 4128 : 4 * Math.max(1000, numel) + 128;
        }
        long input = 150_000;
        BlockLayout layout = Fixtures.layout("stress", layers, out, input);
        double[][] seconds = new double[resources.size()][blocks];
        double deviceSeconds = 0;
        for (int b = 0; b < blocks; b++) {
            double work = ties ? 0.05 * (1 + rnd.nextInt(3)) : 0.3 * Math.exp(rnd.nextGaussian() * 0.9) / blocks;
            deviceSeconds += work;
            for (int r = 0; r < resources.size(); r++) {
                seconds[r][b] = work / speed.get(r) * (ties ? 1.0 : Math.exp(rnd.nextGaussian() * 0.4));
            }
        }
        ProfileSet profiles = Fixtures.profiles(layout, resources, seconds);
        Network.Builder net = Network.builder();
        for (Tier a : tiers) {
            for (Tier b : tiers) {
                int distance = Math.abs(tiers.indexOf(b) - tiers.indexOf(a));
                net.tierLink(new TierLink(a, b, 0.002 + 0.008 * distance,
                        DataRate.mbps(tiers.indexOf(a) == 0 ? 20 : 400.0 / Math.max(1, distance))));
            }
        }
        for (Resource a : resources) {
            for (Resource b : resources) {
                if (!a.equals(b) && !ties && rnd.nextInt(3) == 0) {
                    net.link(a.name(), b.name(), Duration.ofMillis(1 + rnd.nextInt(40)),
                            DataRate.mbps(1 + rnd.nextDouble() * 200));
                }
            }
        }
        Network network = net.build();
        DataSize cap = DataSize.ofBytes(Math.round(input * (0.2 + 1.3 * rnd.nextDouble())));
        double deadline = deviceSeconds * (0.3 + rnd.nextDouble());
        if (rnd.nextInt(3) == 0) {
            // a deadline between the best and the 10th best plan under the cap, so that it truncates the result
            List<PartitionConfig> capped = Scission.query().maxTotalTransfer(cap).strategy(SearchStrategy.EXHAUSTIVE)
                    .top(10).solve(profiles, network).plans();
            if (capped.size() >= 2) {
                deadline = (capped.get(0).latencySeconds() + capped.get(capped.size() - 1).latencySeconds()) / 2;
            }
        }
        Query q = Scission.query().maxTotalTransfer(cap).deadline(Duration.ofNanos(Math.round(deadline * 1e9)));
        if (rnd.nextInt(3) == 0) {
            try {
                q = q.constraint(randomConstraint(rnd, resources, tiers, layout));
            } catch (IllegalStateException contradiction) {
                // skip: the query builder rejects contradictions by design
            }
        }
        q = RandomObjectives.apply(q, rnd, 5);
        if (twoPerTier) {
            q = q.maxResourcesPerTier(2);
        }
        if (rnd.nextInt(5) == 0) {
            q = q.returnResult();
        }
        ProfileSet costed = Fixtures.withRandomCopyCosts(Fixtures.withRandomHopCosts(profiles, rnd, ties), rnd, ties);
        RandomMemory.WithMemory m = RandomMemory.apply(costed, q, tiers);
        return new Case(m.profiles(), network, m.query().top(1 + rnd.nextInt(10)));
    }

    static Case randomCase(SplittableRandom rnd, boolean paperSized) {
        List<Tier> tiers = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        int blocks;
        int perTier = 1;
        if (paperSized) {
            tiers.addAll(List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD));
            resources.add(Resource.of("d0", Tier.DEVICE));
            resources.add(Resource.of("e0", Tier.EDGE));
            resources.add(Resource.of("e1", Tier.EDGE));
            resources.add(Resource.of("c0", Tier.CLOUD));
            resources.add(Resource.of("c1", Tier.CLOUD));
            blocks = 20 + rnd.nextInt(21);
        } else {
            perTier = rnd.nextInt(4) == 0 ? 2 : 1;
            for (Tier t : TIERS) {
                if (t.equals(Tier.DEVICE) || rnd.nextInt(3) > 0) {
                    tiers.add(t);
                }
            }
            int budget = perTier == 2 ? 5 : 7;
            for (Tier t : tiers) {
                int count = t.equals(Tier.DEVICE) ? 1 + rnd.nextInt(2) : rnd.nextInt(3);
                for (int i = 0; i < count && resources.size() < budget; i++) {
                    resources.add(Resource.of(t.name().charAt(0) + "" + t.rank() + "_" + i, t));
                }
            }
            blocks = 1 + rnd.nextInt(perTier == 2 ? 6 : 8);
        }
        boolean ties = rnd.nextInt(3) == 0;
        int[] layers = new int[blocks];
        long[] out = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            layers[b] = 1 + rnd.nextInt(3);
            out[b] = ties ? 1000L * rnd.nextInt(4) : 1 + rnd.nextInt(2_000_000);
        }
        long input = ties ? 150_000 : 1 + rnd.nextInt(1_000_000);
        BlockLayout layout = Fixtures.layout("m", layers, out, input);
        double[][] seconds = new double[resources.size()][blocks];
        for (int r = 0; r < resources.size(); r++) {
            double speed = 0.2 + rnd.nextDouble() * 3;
            for (int b = 0; b < blocks; b++) {
                seconds[r][b] = ties ? 0.01 * rnd.nextInt(4) : rnd.nextDouble() * 0.2 / speed;
            }
        }
        if (ties && resources.size() > 2 && rnd.nextBoolean()) {
            seconds[resources.size() - 1] = seconds[resources.size() - 2].clone();
        }
        ProfileSet profiles = Fixtures.profiles(layout, resources, seconds);
        Network.Builder net = Network.builder();
        List<Tier> used = new ArrayList<>();
        for (Resource r : resources) {
            if (!used.contains(r.tier())) {
                used.add(r.tier());
            }
        }
        for (Tier a : used) {
            for (Tier b : used) {
                double latency = ties ? 0.02 * rnd.nextInt(3) : rnd.nextDouble() * 0.1;
                double mbps = ties ? 10 * (1 + rnd.nextInt(3)) : 0.5 + rnd.nextDouble() * 100;
                net.tierLink(new TierLink(a, b, latency, DataRate.mbps(mbps)));
            }
        }
        Query q = Scission.query();
        int constraintCount = rnd.nextInt(4);
        for (int i = 0; i < constraintCount; i++) {
            try {
                q = q.constraint(randomConstraint(rnd, resources, tiers, layout));
            } catch (IllegalStateException contradiction) {
                // skip contradictory or repeated constraints: the query builder rejects them by design
            }
        }
        q = RandomObjectives.apply(q, rnd, 4);
        if (perTier > 1) {
            q = q.maxResourcesPerTier(perTier);
        }
        if (!paperSized && rnd.nextInt(5) == 0) {
            q = q.returnResult();
        }
        if (rnd.nextInt(6) == 0) {
            q = q.inputSize(DataSize.ofBytes(rnd.nextInt(300_000)));
        }
        if (rnd.nextInt(8) == 0) {
            q = q.statistic(TimingStatistic.MEAN);
        }
        q = q.top(1 + rnd.nextInt(paperSized ? 10 : 8));
        ProfileSet costed = Fixtures.withRandomCopyCosts(Fixtures.withRandomHopCosts(profiles, rnd, ties), rnd, ties);
        RandomMemory.WithMemory m = RandomMemory.apply(costed, q, tiers);
        return new Case(m.profiles(), net.build(), m.query());
    }

    static Constraint randomConstraint(SplittableRandom rnd, List<Resource> resources, List<Tier> tiers,
            BlockLayout layout) {
        Target target = rnd.nextBoolean()
                ? Target.tier(tiers.get(rnd.nextInt(tiers.size())))
                : Target.resource(resources.get(rnd.nextInt(resources.size())).name());
        Target other = rnd.nextBoolean()
                ? Target.tier(tiers.get(rnd.nextInt(tiers.size())))
                : Target.resource(resources.get(rnd.nextInt(resources.size())).name());
        int layer = rnd.nextInt(layout.layerCount());
        int block = rnd.nextInt(layout.size());
        DataSize bytes = DataSize.ofBytes(rnd.nextInt(3_000_000));
        double seconds = rnd.nextDouble() * 0.5;
        double fraction = rnd.nextDouble();
        switch (rnd.nextInt(20)) {
            case 0:
                return new MustUse(target);
            case 1:
                return new Exclude(target);
            case 2: {
                Resource r = resources.get(rnd.nextInt(resources.size()));
                return new Include(r.tier(), List.of(r.name()));
            }
            case 3:
                return new NativeOnly();
            case 4:
                return new DistributedOnly();
            case 5:
                return new LayerOn(layer, target);
            case 6:
                return new LayerNotOn(layer, target);
            case 7:
                return new BlockOn(block, target);
            case 8:
                return new BlockNotOn(block, target);
            case 9:
                return new MaxTransfer(target, other, bytes);
            case 10:
                return new MaxTransferOut(target, bytes);
            case 11:
                return new MaxTotalTransfer(bytes);
            case 12:
                return new MaxComputeTime(target, seconds);
            case 13:
                return new MaxComputeShare(target, fraction, rnd.nextBoolean() ? ShareOf.COMPUTE : ShareOf.LATENCY);
            case 14:
                return new MinComputeShare(target, fraction * 0.6, rnd.nextBoolean() ? ShareOf.COMPUTE
                        : ShareOf.LATENCY);
            case 15:
                return new MinLayers(target, rnd.nextInt(layout.layerCount() + 1));
            case 16:
                return new MaxLayers(target, rnd.nextInt(layout.layerCount() + 1));
            case 17:
                return new MinLayerShare(target, fraction);
            case 18:
                return new MaxLayerShare(target, fraction);
            default:
                return new Deadline(seconds * 4);
        }
    }
}
