package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scission.PlanMapTest.Varied;
import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.query.Objective;
import io.scission.query.ShareOf;
import io.scission.reference.ReferenceNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan maps with several plans per interval ({@link MapQuery#top(int)}) against their outside truth, the ordinary
 * top-n search: at every sampled value of the parameter (evenly spread, and exactly at, one double beside, and just
 * beside every switch point) the map's ranked plans must equal the plans that {@code query.top(n).solve} returns on
 * the network with that value, in the same order, costs included, bit for bit.
 */
class PlanMapTopTest {

    static LongStream smallSeeds() {
        return Seeds.range(62_000, 62_150);
    }

    static LongStream paperSeeds() {
        return Seeds.range(63_000, 63_015);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("smallSeeds")
    void should_equal_dense_top_n_search_when_random_small_instance(long seed) {
        // GIVEN any constraints (deadlines and shares of latency among them), objective, source, return, and
        // 1 to 8 plans per interval (the random query's own top)
        SplittableRandom rnd = new SplittableRandom(seed);
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, false);
        Varied v = PlanMapTest.randomParameter(rnd, c.network(), c.profiles());
        // WHEN
        PlanMap map = c.query().mapOver(v.parameter(), v.from(), v.to()).top(c.query().top())
                .solve(c.profiles(), c.network());
        // THEN
        assertThat(map.top()).isEqualTo(c.query().top());
        assertAgreesWithTopSearch(seed, map, c.query(), c.profiles(), v.networkAt(), 500);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("paperSeeds")
    void should_equal_dense_top_n_search_when_paper_sized_instance(long seed) {
        // GIVEN 1 device, 2 edges, 2 clouds, 20-40 blocks and 1 to 10 plans per interval
        SplittableRandom rnd = new SplittableRandom(seed);
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, true);
        Varied v = PlanMapTest.randomParameter(rnd, c.network(), c.profiles());
        // WHEN
        PlanMap map = c.query().mapOver(v.parameter(), v.from(), v.to()).top(c.query().top())
                .solve(c.profiles(), c.network());
        // THEN
        assertAgreesWithTopSearch(seed, map, c.query(), c.profiles(), v.networkAt(), 400);
    }

    @Test
    void should_change_order_below_the_best_on_many_seeded_instances_when_sampled_above() {
        // GIVEN the small seeded instances that the dense-sampling test checks
        int count = 0;
        int several = 0;
        int moreThanBest = 0;
        for (long seed : smallSeeds().toArray()) {
            SplittableRandom rnd = new SplittableRandom(seed);
            SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, false);
            Varied v = PlanMapTest.randomParameter(rnd, c.network(), c.profiles());
            // WHEN
            MapQuery q = c.query().mapOver(v.parameter(), v.from(), v.to());
            PlanMap top = q.top(c.query().top()).solve(c.profiles(), c.network());
            PlanMap best = q.solve(c.profiles(), c.network());
            // THEN (counted)
            count++;
            several += top.intervals().stream().anyMatch(i -> i.plans().size() >= 2) ? 1 : 0;
            moreThanBest += top.switchPoints().size() > best.switchPoints().size() ? 1 : 0;
            for (double s : best.switchPoints()) {
                // where the best plan changes, the ranked plans change too
                assertThat(top.switchPoints()).as("seed=%d switch point %s", seed, s)
                        .anySatisfy(t -> assertThat(t).isCloseTo(s, within(1e-9 * Math.max(1, s))));
            }
        }
        // THEN the suite is not trivial: many intervals rank two or more plans, and in many maps the order below
        // the best plan changes where the best one does not
        assumeThat(count).as("every seed (not capped by scission.seeds)").isEqualTo(150);
        assertThat(several).as("maps ranking two or more plans of %d", count).isGreaterThanOrEqualTo(count / 3);
        assertThat(moreThanBest).as("maps with more switch points than the best plan's map, of %d", count)
                .isGreaterThanOrEqualTo(count / 10);
    }

    static Stream<Arguments> referenceCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String model : List.of("vgg19", "resnet50", "mobilenetv2", "inception_v3")) {
            cases.add(Arguments.of(model, Scission.query().top(3), "bandwidth", "raspi4", "vm2Core"));
            cases.add(Arguments.of(model, Scission.query().mustUse(EDGE).top(5), "bandwidth", "raspi4", "2500"));
            cases.add(Arguments.of(model, Scission.query().deadline(Duration.ofMillis(900)).top(4), "factor", "",
                    ""));
            cases.add(Arguments.of(model, Scission.query().maxComputeShare(CLOUD, 0.5, ShareOf.LATENCY).top(3),
                    "bandwidth", "raspi4", "6700k(GPU)"));
            cases.add(Arguments.of(model, Scission.query().minimize(Objective.TRANSFER)
                    .deadline(Duration.ofMillis(1500)).top(3), "bandwidth", "raspi4", "vm2Core"));
            cases.add(Arguments.of(model, Scission.query().mustUse(CLOUD).top(3), "latency", "vm2Core",
                    "6700k(GPU)"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}({3}, {4})")
    @MethodSource("referenceCases")
    void should_equal_dense_top_n_search_when_reference_data(String model, Query query, String kind, String from,
            String to) {
        // GIVEN the paper's hardware and its wired network; a device uplink from 0.1 to 100 Mbps, all uplinks
        // x0.01 to x10, or the vm2Core -> cloud latency from 0 to 0.5 s
        ProfileSet profiles = Scission.referenceProfiles(model);
        Network network = Scission.referenceNetwork(ReferenceNetwork.WIRED);
        Varied v = PlanMapTest.referenceParameter(kind, from, to, network, profiles);
        // WHEN
        PlanMap map = query.mapOver(v.parameter(), v.from(), v.to()).top(query.top()).solve(profiles, network);
        // THEN
        assertAgreesWithTopSearch(0, map, query, profiles, v.networkAt(), 1500);
    }

    static LongStream uplinkSeeds() {
        return Seeds.range(64_000, 64_080);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("uplinkSeeds")
    void should_equal_dense_search_when_every_device_uplink_bandwidth_varies(long seed) {
        // GIVEN a random small instance, its own constraints and top, and every device uplink at x Mbps
        SplittableRandom rnd = new SplittableRandom(seed);
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, false);
        double from = 0.05 + rnd.nextDouble();
        double to = 20 + rnd.nextDouble() * 500;
        // WHEN
        PlanMap map = c.query().mapOver(Parameter.uplinkBandwidth(), from, to).top(c.query().top())
                .solve(c.profiles(), c.network());
        // THEN
        assertThat(map.parameter().unit()).isEqualTo("Mbps");
        assertAgreesWithTopSearch(seed, map, c.query(), c.profiles(),
                x -> uplinksAt(c.network(), c.profiles(), x), 400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceModels")
    void should_equal_dense_search_when_the_drone_uplink_varies_on_reference_data(String model) {
        // GIVEN the paper's hardware on its wired network, the device's one uplink from 0.1 to 100 Mbps, top 3
        ProfileSet profiles = Scission.referenceProfiles(model);
        Network network = Scission.referenceNetwork(ReferenceNetwork.WIRED);
        Query query = Scission.query().top(3);
        // WHEN
        PlanMap map = query.mapOver(Parameter.uplinkBandwidth(), 0.1, 100).top(3).solve(profiles, network);
        // THEN
        assertThat(map.switchPoints()).isNotEmpty();
        assertAgreesWithTopSearch(0, map, query, profiles, x -> uplinksAt(network, profiles, x), 1500);
    }

    static Stream<String> referenceModels() {
        return Stream.of("vgg19", "resnet50", "mobilenetv2", "inception_v3");
    }

    @Test
    void should_rank_as_computed_by_hand_when_the_second_plan_changes_without_the_first() {
        // GIVEN a device that runs the model in 1 s (A), an edge in 0.1 s after a 125,000-byte input (B: 0.1 + 1/x
        // s at x Mbps), and the device's first block (0.5 s) then the edge's second (0.05 s) after 500,000 bytes
        // (C: 0.55 + 4/x s). B beats A above x = 1/0.9; C beats A above x = 4/0.45 and never beats B
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {500_000, 1000}, 125_000);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE)),
                new double[][] {{0.5, 0.5}, {0.05, 0.05}});
        Network network = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(1))).build();
        MapQuery query = Scission.query().mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100);
        // WHEN
        PlanMap top2 = query.top(2).solve(profiles, network);
        PlanMap top3 = query.top(3).solve(profiles, network);
        // THEN
        assertThat(top2.switchPoints()).hasSize(2);
        assertThat(top2.switchPoints().get(0)).isCloseTo(1 / 0.9, within(1e-12));
        assertThat(top2.switchPoints().get(1)).isCloseTo(4 / 0.45, within(1e-12));
        assertThat(top2.plansAt(0.5)).extracting(PartitionConfig::latencySeconds)
                .containsExactly(1.0, 0.1 + 1 / 0.5);
        assertThat(top2.plansAt(2)).extracting(PartitionConfig::latencySeconds).containsExactly(0.6, 1.0);
        assertThat(top2.plansAt(10)).extracting(PartitionConfig::latencySeconds)
                .containsExactly(0.1 + 1 / 10.0, 0.55 + 4 / 10.0);
        assertThat(top2.planAt(10)).contains(top2.plansAt(10).get(0));
        assertThat(top2.intervals()).allSatisfy(i -> assertThat(i.plans()).hasSize(2));
        // three plans: the order changes at the same two points, and all three exist everywhere
        assertThat(top3.switchPoints()).hasSize(2);
        assertThat(top3.intervals()).allSatisfy(i -> assertThat(i.plans()).hasSize(3));
        assertThat(top3.plansAt(10)).extracting(PartitionConfig::latencySeconds)
                .containsExactly(0.1 + 1 / 10.0, 0.55 + 4 / 10.0, 1.0);
        // and the best plan alone switches once
        assertThat(query.solve(profiles, network).switchPoints()).hasSize(1);
    }

    @Test
    void should_keep_fewer_plans_where_the_deadline_admits_fewer() {
        // GIVEN the same model and a 0.7 s deadline: A (1 s) never meets it, B from 1/0.6 Mbps, C from 4/0.15
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {500_000, 1000}, 125_000);
        ProfileSet profiles = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE)),
                new double[][] {{0.5, 0.5}, {0.05, 0.05}});
        Network network = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(1))).build();
        Query query = Scission.query().deadline(Duration.ofMillis(700)).top(3);
        // WHEN
        PlanMap map = query.mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).top(3).solve(profiles, network);
        // THEN
        assertThat(map.intervals()).extracting(i -> i.plans().size()).containsExactly(0, 1, 2);
        assertThat(map.switchPoints().get(0)).isCloseTo(1 / 0.6, within(1e-12));
        assertThat(map.switchPoints().get(1)).isCloseTo(4 / 0.15, within(1e-12));
        assertAgreesWithTopSearch(0, map, query, profiles, x -> network.toBuilder()
                .replace(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(x))).build(), 1000);
    }

    @Test
    void should_fail_naming_n_when_top_is_out_of_range() {
        // GIVEN
        MapQuery query = Scission.query().mapOver(Parameter.uplinkFactor(), 0.5, 2);
        // WHEN / THEN
        assertThatThrownBy(() -> query.top(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The n (0) of top(n)")
                .hasMessageContaining("Maybe");
        assertThatThrownBy(() -> query.top(MapQuery.MAX_TOP + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and " + MapQuery.MAX_TOP);
        assertThat(query.top()).isEqualTo(1);
        assertThat(query.top(7).top()).isEqualTo(7);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The network with every link from a device-tier resource to another tier at x Mbps, built independently. */
    static Network uplinksAt(Network network, ProfileSet profiles, double x) {
        return PlanMapTest.uplinks(network, profiles, rate -> DataRate.mbps(x));
    }

    /**
     * Samples the range evenly (logarithmically for bandwidths and factors) and around every switch point, and
     * compares the map's ranked plans with the ordinary top-n search at each value (the query's own top, which
     * must be the map's).
     */
    static void assertAgreesWithTopSearch(long seed, PlanMap map, Query query, ProfileSet profiles,
            DoubleFunction<Network> networkAt, int samples) {
        assertThat(map.top()).isEqualTo(query.top());
        for (double x : PlanMapTest.sampleValues(map, samples)) {
            List<PartitionConfig> expected = query.solve(profiles, networkAt.apply(x)).plans();
            assertThat(map.plansAt(x)).as("seed=%d query=%s %s=%s map=%s", seed, query, map.parameter(), x, map)
                    .isEqualTo(expected);
            assertThat(map.planAt(x)).as("seed=%d %s=%s", seed, map.parameter(), x)
                    .isEqualTo(expected.stream().findFirst());
        }
        for (int k = 0; k < map.intervals().size(); k++) {
            PlanMap.Interval i = map.intervals().get(k);
            double mid = i.from() + (i.to() - i.from()) / 2;
            assertThat(i.plans()).as("seed=%d interval %s", seed, i).isEqualTo(map.plansAt(mid));
            if (k > 0) {
                assertThat(i.plans().stream().map(PartitionConfig::key).toList()).as("seed=%d neighbours %s", seed, i)
                        .isNotEqualTo(map.intervals().get(k - 1).plans().stream().map(PartitionConfig::key).toList());
            }
        }
    }
}
