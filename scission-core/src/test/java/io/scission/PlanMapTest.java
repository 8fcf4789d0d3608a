package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.query.Objective;
import io.scission.query.ShareOf;
import io.scission.reference.ReferenceNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan maps against their outside truth, the ordinary search: at thousands of values of the parameter (evenly
 * spread, and exactly at, one double beside, and just beside every switch point) the map's plan must equal the
 * best plan that {@link Query#solve} returns on the network with that value, costs included, bit for bit.
 */
class PlanMapTest {

    static LongStream smallSeeds() {
        return Seeds.range(60_000, 60_150);
    }

    static LongStream paperSeeds() {
        return Seeds.range(61_000, 61_020);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("smallSeeds")
    void should_equal_dense_sampling_when_random_small_instance(long seed) {
        // GIVEN any constraints (deadlines and shares of latency among them), objective, source and return
        SplittableRandom rnd = new SplittableRandom(seed);
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, false);
        Varied v = randomParameter(rnd, c.network(), c.profiles());
        // WHEN
        PlanMap map = c.query().mapOver(v.parameter, v.from, v.to).solve(c.profiles(), c.network());
        // THEN
        assertAgreesWithSampling(seed, map, c.query(), c.profiles(), v.networkAt, 1000);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("paperSeeds")
    void should_equal_dense_sampling_when_paper_sized_instance(long seed) {
        // GIVEN 1 device, 2 edges, 2 clouds and 20-40 blocks
        SplittableRandom rnd = new SplittableRandom(seed);
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, true);
        Varied v = randomParameter(rnd, c.network(), c.profiles());
        // WHEN
        PlanMap map = c.query().mapOver(v.parameter, v.from, v.to).solve(c.profiles(), c.network());
        // THEN
        assertAgreesWithSampling(seed, map, c.query(), c.profiles(), v.networkAt, 1000);
    }

    @Test
    void should_switch_and_split_on_many_seeded_instances_when_sampled_above() {
        // GIVEN the small seeded instances that the dense-sampling test checks
        int switching = 0;
        int several = 0;
        int withoutPlanSomewhere = 0;
        int count = 0;
        for (long seed : smallSeeds().toArray()) {
            SplittableRandom rnd = new SplittableRandom(seed);
            SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, false);
            Varied v = randomParameter(rnd, c.network(), c.profiles());
            // WHEN
            PlanMap map = c.query().mapOver(v.parameter, v.from, v.to).solve(c.profiles(), c.network());
            // THEN (counted)
            count++;
            switching += map.switchPoints().isEmpty() ? 0 : 1;
            several += map.switchPoints().size() >= 2 ? 1 : 0;
            withoutPlanSomewhere += map.intervals().size() > 1
                    && map.intervals().stream().anyMatch(i -> i.best().isEmpty()) ? 1 : 0;
        }
        // THEN the suite is not trivial (with every seed: 25 of 150 maps switch, 8 of them twice or more, 2 lose
        // every plan part-way; many others keep one plan, or none, over the range)
        assumeThat(count).as("every seed (not capped by scission.seeds)").isEqualTo(150);
        assertThat(switching).as("maps with a switch point of %d", count).isGreaterThanOrEqualTo(count / 10);
        assertThat(several).as("maps with two or more switch points of %d", count).isPositive();
        assertThat(withoutPlanSomewhere).as("maps with and without plans of %d", count).isPositive();
    }

    @Test
    void should_map_memory_limits_that_bind_on_many_seeded_instances_when_sampled_above() {
        // GIVEN the small and paper-sized seeded instances that the dense-sampling tests check: memory figures in
        // every profile, now and then a maxMemory or a resource's capacity (RandomMemory), which a map must honour
        // exactly (a segment's memory does not depend on the network, so the limits only filter plans)
        int count = 0;
        int limited = 0;
        int binding = 0;
        for (long seed : LongStream.concat(smallSeeds(), paperSeeds()).toArray()) {
            SplittableRandom rnd = new SplittableRandom(seed);
            SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, seed >= 61_000);
            Varied v = randomParameter(rnd, c.network(), c.profiles());
            count++;
            if (!RandomMemory.limits(c.profiles(), c.query())) {
                continue;
            }
            limited++;
            // WHEN mapped as it is and with every memory figure zero (every memory limit then holds)
            PlanMap map = c.query().mapOver(v.parameter, v.from, v.to).solve(c.profiles(), c.network());
            PlanMap free = c.query().mapOver(v.parameter, v.from, v.to).solve(RandomMemory.unlimited(c.profiles()),
                    c.network());
            // THEN (counted) the limits change which plans the map holds, and where
            binding += keys(map).equals(keys(free)) ? 0 : 1;
        }
        // THEN the dense-sampling tests check maps whose memory limits bind (with every seed: 123 of 170
        // instances limit memory, 46 of them change the map)
        assumeThat(count).as("every seed (not capped by scission.seeds)").isEqualTo(170);
        assertThat(limited).as("maps with a memory limit of %d", count).isGreaterThanOrEqualTo(count / 4);
        assertThat(binding).as("maps whose memory limit binds of %d", limited).isGreaterThanOrEqualTo(20);
    }

    /** The intervals of a map, each as its range and its best plan's key. */
    private static List<String> keys(PlanMap map) {
        return map.intervals().stream().map(i -> i.from() + ".." + i.to() + "="
                + i.best().map(PartitionConfig::key).orElse("-")).toList();
    }

    static Stream<Arguments> referenceCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String model : List.of("vgg19", "resnet50", "mobilenetv2", "inception_v3")) {
            cases.add(Arguments.of(model, Scission.query(), "bandwidth", "raspi4", "vm2Core"));
            cases.add(Arguments.of(model, Scission.query().mustUse(EDGE), "bandwidth", "raspi4", "2500"));
            cases.add(Arguments.of(model, Scission.query().deadline(Duration.ofMillis(900)), "factor", "", ""));
            cases.add(Arguments.of(model, Scission.query().maxComputeShare(CLOUD, 0.5, ShareOf.LATENCY),
                    "bandwidth", "raspi4", "6700k(GPU)"));
            cases.add(Arguments.of(model, Scission.query().minimize(Objective.weighted(1, 0.5))
                    .deadline(Duration.ofMillis(1500)), "bandwidth", "raspi4", "vm2Core"));
            cases.add(Arguments.of(model, Scission.query().mustUse(CLOUD), "latency", "vm2Core", "6700k(GPU)"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}({3}, {4})")
    @MethodSource("referenceCases")
    void should_equal_dense_sampling_when_reference_data(String model, Query query, String kind, String from,
            String to) {
        // GIVEN the paper's hardware and its wired network; a device uplink from 0.1 to 100 Mbps, all uplinks
        // x0.01 to x10, or the vm2Core -> cloud latency from 0 to 0.5 s
        ProfileSet profiles = Scission.referenceProfiles(model);
        Network network = Scission.referenceNetwork(ReferenceNetwork.WIRED);
        Varied v = referenceParameter(kind, from, to, network, profiles);
        // WHEN
        PlanMap map = query.mapOver(v.parameter, v.from, v.to).solve(profiles, network);
        // THEN
        assertAgreesWithSampling(0, map, query, profiles, v.networkAt, 3000);
    }

    @Test
    void should_answer_as_solve_does_at_the_preset_when_readme_example() {
        // GIVEN the README's example on the paper's ResNet50 and the 4G preset, whose device uplink is 12.4 Mbps
        ProfileSet profiles = Scission.referenceProfiles("resnet50");
        Network network = Scission.network(NetworkPreset.FOUR_G);
        // WHEN
        PlanMap map = Scission.query().mustUse(EDGE)
                .mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100)
                .solve(profiles, network);
        PartitionConfig now = map.planAt(12.4).orElseThrow();
        // THEN
        assertThat(now).isEqualTo(Scission.query().mustUse(EDGE).solve(profiles, network).best().orElseThrow());
        assertThat(map.intervals().get(0).from()).isEqualTo(0.1);
        assertThat(map.intervals().get(map.intervals().size() - 1).to()).isEqualTo(100.0);
        assertThat(map.switchPoints()).isSorted().doesNotHaveDuplicates();
        assertThat(map.evaluate(now, 50.0).orElseThrow().key()).isEqualTo(now.key());
    }

    @Test
    void should_switch_where_computed_by_hand_when_offloading_pays_off() {
        // GIVEN a device that runs the model in 1 s, an edge in 0.1 s, and a 125,000-byte input (1 Mbit): the edge
        // plan takes 0.1 + 1/B s at B Mbps, so it wins above B = 1/0.9 Mbps
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {500_000, 1000}, 125_000);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE)),
                new double[][] {{0.5, 0.5}, {0.05, 0.05}});
        Network network = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(1))).build();
        // WHEN
        PlanMap map = Scission.query().mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).solve(profiles,
                network);
        // THEN
        assertThat(map.switchPoints()).hasSize(1);
        assertThat(map.switchPoints().get(0)).isCloseTo(1 / 0.9, within(1e-12));
        assertThat(map.intervals()).extracting(i -> i.best().orElseThrow().key())
                .containsExactly("d>d:0-1", "d>e:0-1");
        assertThat(map.planAt(1.0).orElseThrow().latencySeconds()).isEqualTo(1.0);
        assertThat(map.planAt(10.0).orElseThrow().latencySeconds()).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void should_find_the_plan_in_between_when_scores_tie_and_latency_decides() {
        // GIVEN minimum transfer, where the three offloading plans send the same 125,000 bytes and latency breaks
        // the tie: every device uplink x f, so in t = 1/f the latencies are c 0.05 + 0.5t, e2 0.2 + 0.2t and
        // e 0.4 + 0.1t; e2 is best only in the middle (0.5 <= f <= 2), where neither end's best plan is
        BlockLayout layout = Fixtures.layout("m", new int[] {1}, new long[] {1000}, 125_000);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE),
                Resource.of("e2", EDGE), Resource.of("c", CLOUD)), new double[][] {{1.0}, {0.4}, {0.2}, {0.05}});
        Network network = Network.builder()
                .tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(10)))
                .tierLink(new TierLink(DEVICE, CLOUD, 0, DataRate.mbps(2)))
                .link("d", "e2", Duration.ZERO, DataRate.mbps(5))
                .tierLink(new TierLink(EDGE, CLOUD, 0, DataRate.mbps(100)))
                .build();
        Query query = Scission.query().minimize(Objective.TRANSFER).exclude(DEVICE);
        // WHEN
        PlanMap map = query.mapOver(Parameter.uplinkFactor(), 0.1, 10).solve(profiles, network);
        // THEN
        assertThat(map.intervals()).extracting(i -> i.best().orElseThrow().key())
                .containsExactly("d>e:0-0", "d>e2:0-0", "d>c:0-0");
        assertThat(map.switchPoints().get(0)).isCloseTo(0.5, within(1e-12));
        assertThat(map.switchPoints().get(1)).isCloseTo(2.0, within(1e-12));
        assertAgreesWithSampling(0, map, query, profiles, x -> uplinksTimes(network, profiles, x), 1000);
    }

    @Test
    void should_leave_an_interval_without_plan_when_the_deadline_cannot_be_met() {
        // GIVEN the same model, a 0.5 s deadline: only the edge plan can meet it, from 2.5 Mbps (0.1 + 1/B <= 0.5)
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {500_000, 1000}, 125_000);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE)),
                new double[][] {{0.5, 0.5}, {0.05, 0.05}});
        Network network = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(1))).build();
        Query query = Scission.query().deadline(Duration.ofMillis(500));
        // WHEN
        PlanMap map = query.mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).solve(profiles, network);
        // THEN
        assertThat(map.intervals()).hasSize(2);
        assertThat(map.intervals().get(0).best()).isEmpty();
        assertThat(map.switchPoints().get(0)).isCloseTo(2.5, within(1e-12));
        assertThat(map.planAt(2.5).orElseThrow().key()).isEqualTo("d>e:0-1");
        assertThat(map.planAt(Math.nextDown(2.5))).isEmpty();
        assertAgreesWithSampling(0, map, query, profiles, x -> network.toBuilder()
                .replace(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(x))).build(), 1000);
    }

    @Test
    void should_fail_naming_the_link_when_the_network_lacks_it() {
        // GIVEN a network without a device->cloud tier link
        BlockLayout layout = Fixtures.layout("m", new int[] {1}, new long[] {10}, 10);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE)), new double[][] {{1}});
        Network network = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(1))).build();
        // WHEN / THEN
        assertThatThrownBy(() -> Scission.query().mapOver(Parameter.bandwidth(DEVICE, CLOUD), 1, 2)
                .solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tier link device -> cloud")
                .hasMessageContaining("Maybe");
        assertThatThrownBy(() -> Scission.query().mapOver(Parameter.latency("d", "e"), 0, 1)
                .solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no resource-level link d -> e");
    }

    @Test
    void should_fail_naming_the_range_when_it_is_empty_or_not_positive() {
        // WHEN / THEN
        assertThatThrownBy(() -> Scission.query().mapOver(Parameter.bandwidth(DEVICE, EDGE), 0, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0.0..100.0 Mbps)")
                .hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> Scission.query().mapOver(Parameter.latency(DEVICE, EDGE), 0.2, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0.2..0.1 s)");
        assertThatThrownBy(() -> Scission.query().mapOver(Parameter.uplinkFactor(), 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uplinkFactor()");
    }

    @Test
    void should_fail_naming_the_value_when_planAt_is_outside_the_range() {
        // GIVEN
        BlockLayout layout = Fixtures.layout("m", new int[] {1}, new long[] {10}, 10);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE)), new double[][] {{1}});
        Network network = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(1))).build();
        PlanMap map = Scission.query().mapOver(Parameter.bandwidth(DEVICE, EDGE), 1, 2).solve(profiles, network);
        // WHEN / THEN
        assertThat(map.intervals()).hasSize(1);
        assertThatThrownBy(() -> map.planAt(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3.0 Mbps)")
                .hasMessageContaining("1.0..2.0");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** A parameter, its range, and the network at a value, built here independently of the map's code. */
    record Varied(Parameter parameter, double from, double to, DoubleFunction<Network> networkAt) {
    }

    static Varied randomParameter(SplittableRandom rnd, Network network, ProfileSet profiles) {
        List<TierLink> links = network.tierLinks().stream().filter(l -> !l.from().equals(l.to())).toList();
        List<TierLink> uplinks = links.stream().filter(l -> l.from().equals(DEVICE)).toList();
        int kind = links.isEmpty() ? 2 : rnd.nextInt(3);
        if (kind == 2) {
            return new Varied(Parameter.uplinkFactor(), 0.001 + rnd.nextDouble() * 0.05,
                    10 + rnd.nextDouble() * 1000, x -> uplinksTimes(network, profiles, x));
        }
        // mostly a link out of the device tier, which most plans use; sometimes any link
        List<TierLink> pool = uplinks.isEmpty() || rnd.nextInt(4) == 0 ? links : uplinks;
        TierLink l = pool.get(rnd.nextInt(pool.size()));
        return kind == 0
                ? new Varied(Parameter.bandwidth(l.from(), l.to()), 0.01 + rnd.nextDouble() * 0.5,
                        50 + rnd.nextDouble() * 2000, x -> network.toBuilder()
                                .replace(new TierLink(l.from(), l.to(), l.latencySeconds(), DataRate.mbps(x))).build())
                : new Varied(Parameter.latency(l.from(), l.to()), rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 0.05,
                        0.2 + rnd.nextDouble() * 3, x -> network.toBuilder()
                                .replace(new TierLink(l.from(), l.to(), x, l.bandwidth())).build());
    }

    /**
     * The reference-data parameter of a test case: all uplinks x0.01 to x10 ("factor"), the link's bandwidth from
     * 0.1 to 100 Mbps ("bandwidth"), or its latency from 0 to 0.5 s.
     */
    static Varied referenceParameter(String kind, String from, String to, Network network, ProfileSet profiles) {
        Link link = network.links().stream().filter(l -> l.from().equals(from) && l.to().equals(to)).findFirst()
                .orElse(null);
        return switch (kind) {
            case "factor" -> new Varied(Parameter.uplinkFactor(), 0.01, 10, x -> uplinksTimes(network, profiles, x));
            case "bandwidth" -> new Varied(Parameter.bandwidth(from, to), 0.1, 100, x -> network.toBuilder()
                    .replace(new Link(from, to, link.latencySeconds(), DataRate.mbps(x))).build());
            default -> new Varied(Parameter.latency(from, to), 0, 0.5, x -> network.toBuilder()
                    .replace(new Link(from, to, x, link.bandwidth())).build());
        };
    }

    /** The network with the bandwidth of every link from a device-tier resource to another tier times x. */
    static Network uplinksTimes(Network network, ProfileSet profiles, double x) {
        return uplinks(network, profiles, rate -> new DataRate(rate.bytesPerSecond() * x));
    }

    /** The network with every link from a device-tier resource to another tier at its bandwidth changed. */
    static Network uplinks(Network network, ProfileSet profiles, UnaryOperator<DataRate> change) {
        Network.Builder b = network.toBuilder();
        for (TierLink t : network.tierLinks()) {
            if (t.from().equals(DEVICE) && !t.to().equals(DEVICE)) {
                b.replace(new TierLink(t.from(), t.to(), t.latencySeconds(), change.apply(t.bandwidth())));
            }
        }
        for (Link l : network.links()) {
            Optional<Resource> from = profiles.resources().stream().filter(r -> r.name().equals(l.from())).findFirst();
            Optional<Resource> to = profiles.resources().stream().filter(r -> r.name().equals(l.to())).findFirst();
            if (from.isPresent() && to.isPresent() && from.get().tier().equals(DEVICE)
                    && !to.get().tier().equals(DEVICE)) {
                b.replace(new Link(l.from(), l.to(), l.latencySeconds(), change.apply(l.bandwidth())));
            }
        }
        return b.build();
    }


    /**
     * Samples the range evenly (logarithmically for bandwidths and factors) and around every switch point, and
     * compares the map with the ordinary search at each value.
     */
    static void assertAgreesWithSampling(long seed, PlanMap map, Query query, ProfileSet profiles,
            DoubleFunction<Network> networkAt, int samples) {
        for (double x : sampleValues(map, samples)) {
            Network at = networkAt.apply(x);
            Optional<PartitionConfig> expected = query.solve(profiles, at).best();
            assertThat(map.planAt(x)).as("seed=%d query=%s %s=%s map=%s", seed, query, map.parameter(), x, map)
                    .isEqualTo(expected);
        }
        for (PlanMap.Interval i : map.intervals()) {
            double mid = i.from() + (i.to() - i.from()) / 2;
            assertThat(i.best()).as("seed=%d interval %s", seed, i).isEqualTo(map.planAt(mid));
        }
    }

    /**
     * The values at which a map is checked, all within its range: {@code samples + 1} evenly spread
     * (logarithmically for bandwidths and factors), each switch point with the doubles beside it and relative
     * 1e-9, 1e-6 and 1e-3 beside it, and each interval's midpoint.
     */
    static List<Double> sampleValues(PlanMap map, int samples) {
        List<Double> values = new ArrayList<>();
        boolean log = !map.parameter().unit().equals("s");
        for (int i = 0; i <= samples; i++) {
            double f = (double) i / samples;
            values.add(log ? Math.exp(Math.log(map.from()) + f * (Math.log(map.to()) - Math.log(map.from())))
                    : map.from() + f * (map.to() - map.from()));
        }
        for (double s : map.switchPoints()) {
            for (double x : new double[] {s, Math.nextUp(s), Math.nextDown(s), s * (1 + 1e-9), s * (1 - 1e-9),
                    s * (1 + 1e-6), s * (1 - 1e-6), s * (1 + 1e-3), s * (1 - 1e-3)}) {
                values.add(x);
            }
        }
        for (PlanMap.Interval i : map.intervals()) {
            values.add(i.from() + (i.to() - i.from()) / 2);
        }
        values.removeIf(x -> x < map.from() || x > map.to());
        return values;
    }
}
