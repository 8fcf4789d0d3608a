package io.scission.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Fleets;
import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.RandomMemory;
import io.scission.RandomObjectives;
import io.scission.Scission;
import io.scission.Seeds;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.DataRate;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.BlockTiming;
import io.scission.profile.CopyCost;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Screening children before they enter a heap must never change the result: on seeded random instances under
 * global constraints (caps on transfer, compute time and layers, deadlines, several resources per tier), branch
 * and bound that screens every node, and one that screens none, both equal exhaustive enumeration, order included.
 * By default only nodes with {@link BranchAndBound#SCREEN_FROM} children are screened, which small instances never
 * reach, so this test sets the threshold itself.
 */
class BranchAndBoundScreeningTest {

    private static final List<Tier> TIERS = List.of(Tier.DEVICE, Tier.of("gateway", 50), Tier.EDGE,
            Tier.of("regional", 150), Tier.CLOUD, Tier.of("hpc", 250));

    static LongStream seeds() {
        return Seeds.range(40_000, 41_000);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_equal_exhaustive_when_screening_all_or_no_nodes(long seed) {
        assertScreeningChangesNothing(seed, randomInstance(new SplittableRandom(seed)));
    }

    /** Screening every node or none finds exactly the plans of exhaustive enumeration, in order. */
    static void assertScreeningChangesNothing(long seed, Instance instance) {
        // GIVEN
        Restrictions restrictions = Restrictions.compile(instance);
        // WHEN
        List<PartitionConfig> screenAll = new BranchAndBound(instance, restrictions, 0).run().top().plans();
        List<PartitionConfig> screenNone = new BranchAndBound(instance, restrictions, Integer.MAX_VALUE).run().top()
                .plans();
        List<PartitionConfig> reference = new Exhaustive(instance).run().top().plans();
        // THEN
        assertThat(screenAll).as("seed=%d query=%s", seed, instance.spec).isEqualTo(reference);
        assertThat(screenNone).as("seed=%d query=%s", seed, instance.spec).isEqualTo(reference);
    }

    static LongStream fleetSeeds() {
        return Seeds.range(41_000, 41_020);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("fleetSeeds")
    void should_equal_exhaustive_when_screening_a_fleet_of_more_than_64_resources(long seed) {
        // GIVEN
        Fleets.Fleet fleet = Fleets.random(new SplittableRandom(seed));
        Instance instance = Specs.instance(fleet.query(), fleet.profiles(), fleet.network());
        Restrictions restrictions = Restrictions.compile(instance);
        // WHEN
        List<PartitionConfig> screenAll = new BranchAndBound(instance, restrictions, 0).run().top().plans();
        List<PartitionConfig> reference = new Exhaustive(instance).run().top().plans();
        // THEN
        assertThat(screenAll).as("seed=%d query=%s", seed, instance.spec).isEqualTo(reference);
    }

    /** Up to 6 tiers and 10 resources, 2-9 blocks with shrinking outputs, and 1-3 global constraints that bind. */
    static Instance randomInstance(SplittableRandom rnd) {
        boolean twoPerTier = rnd.nextInt(4) == 0;
        List<Tier> tiers = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        List<Double> speed = new ArrayList<>();
        for (int t = 0; t < TIERS.size(); t++) {
            Tier tier = TIERS.get(t);
            if (t > 0 && rnd.nextInt(3) == 0) {
                continue;
            }
            tiers.add(tier);
            int count = 1 + rnd.nextInt(t == 0 ? 2 : 3);
            for (int i = 0; i < count && resources.size() < (twoPerTier ? 6 : 10); i++) {
                resources.add(Resource.of(tier.name() + i, tier));
                speed.add(Math.pow(2.5, t) * (0.7 + 0.6 * rnd.nextDouble()));
            }
        }
        int blocks = 2 + rnd.nextInt(twoPerTier ? 5 : 8);
        boolean ties = rnd.nextInt(4) == 0;
        long input = 150_000;
        List<Block> list = new ArrayList<>();
        int layer = 0;
        double deviceSeconds = 0;
        double[] work = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int layers = 1 + rnd.nextInt(3);
            double at = blocks == 1 ? 1 : (double) b / (blocks - 1);
            long bytes = ties ? 50_000L * (1 + rnd.nextInt(4))
                    : 4 * Math.round(Math.exp(Math.log(1e6) * (1 - at) + Math.log(1e3) * at
                            + rnd.nextGaussian() * 0.6)) + 128;
            list.add(new Block(b, layer, layer + layers - 1, bytes));
            layer += layers;
            work[b] = ties ? 0.02 * (1 + rnd.nextInt(3)) : 0.3 * Math.exp(rnd.nextGaussian() * 0.9) / blocks;
            deviceSeconds += work[b];
        }
        BlockLayout layout = new BlockLayout("m", layer, input, PartitionRule.SCISSION, list);
        List<Profile> profiles = new ArrayList<>();
        for (int r = 0; r < resources.size(); r++) {
            List<BlockTiming> timings = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                double seconds = work[b] / speed.get(r) * (ties ? 1.0 : Math.exp(rnd.nextGaussian() * 0.4));
                timings.add(new BlockTiming(list.get(b), Timing.meanOnly(10, seconds)));
            }
            profiles.add(new Profile(resources.get(r), layout, Provenance.unknown("test", 10, ""), timings,
                    List.of()));
        }
        Network.Builder net = Network.builder();
        for (Tier a : tiers) {
            for (Tier b : tiers) {
                double latency = ties ? 0.01 : 0.002 + 0.03 * rnd.nextDouble();
                net.tierLink(new TierLink(a, b, latency, DataRate.mbps(ties ? 20 : 5 + 100 * rnd.nextDouble())));
            }
        }
        Query q = Scission.query();
        int constraints = 1 + rnd.nextInt(3);
        for (int i = 0; i < constraints; i++) {
            Tier a = tiers.get(rnd.nextInt(tiers.size()));
            Tier b = tiers.get(rnd.nextInt(tiers.size()));
            long bytes = Math.round(input * (0.1 + 1.5 * rnd.nextDouble()));
            try {
                switch (rnd.nextInt(9)) {
                    case 0:
                        q = q.maxTotalTransfer(bytes, DataUnit.B);
                        break;
                    case 1:
                        q = q.maxTransfer(a, b, bytes, DataUnit.B);
                        break;
                    case 2:
                        q = q.maxTransferOut(a, bytes, DataUnit.B);
                        break;
                    case 3:
                        q = q.maxComputeTime(a, Duration.ofNanos(Math.round(deviceSeconds * rnd.nextDouble() * 1e9)));
                        break;
                    case 4:
                        q = q.minLayers(a, rnd.nextInt(layer + 1));
                        break;
                    case 5:
                        q = q.maxLayers(a, rnd.nextInt(layer + 1));
                        break;
                    case 6:
                        q = q.minLayerShare(a, rnd.nextDouble() * 0.7);
                        break;
                    case 7:
                        q = q.mustUse(a);
                        break;
                    default:
                        q = q.deadline(Duration.ofNanos(Math.round(deviceSeconds * (0.2 + rnd.nextDouble()) * 1e9)));
                        break;
                }
            } catch (IllegalStateException contradiction) {
                // skip: the query builder rejects repeated or contradictory constraints by design
            }
        }
        q = RandomObjectives.apply(q, rnd, 4);
        if (twoPerTier) {
            q = q.maxResourcesPerTier(2);
        }
        if (rnd.nextInt(5) == 0) {
            q = q.returnResult();
        }
        if (rnd.nextBoolean()) {
            // hop costs (format version 3) in half the instances: every hop then costs more than its link
            profiles.replaceAll(p -> p.withHopCost(new HopCost(ties ? 0.001 * rnd.nextInt(3) : rnd.nextDouble() * 0.005,
                    ties ? 1e-8 * rnd.nextInt(2) : rnd.nextDouble() * 2e-8)));
        }
        if (rnd.nextBoolean()) {
            // copy costs of the model's input and output in half the instances: the first and last segments cost more
            profiles.replaceAll(p -> p.withCopyCost(new CopyCost(
                    ties ? 0.001 * rnd.nextInt(3) : rnd.nextDouble() * 0.005,
                    ties ? 1e-8 * rnd.nextInt(2) : rnd.nextDouble() * 2e-8,
                    ties ? 0.001 * rnd.nextInt(3) : rnd.nextDouble() * 0.005,
                    ties ? 1e-8 * rnd.nextInt(2) : rnd.nextDouble() * 2e-8)));
        }
        RandomMemory.WithMemory m = RandomMemory.apply(ProfileSet.of(profiles), q, tiers);
        return Specs.instance(m.query().top(1 + rnd.nextInt(10)), m.profiles(), net.build());
    }
}
