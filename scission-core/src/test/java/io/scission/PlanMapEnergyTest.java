package io.scission;

import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scission.PlanMapTest.Varied;
import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.query.MaxEnergy;
import io.scission.query.Objective;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan maps of energy objectives and {@code maxEnergy} constraints (README "Energy") against their outside truth, the
 * ordinary top-n search: at every sampled value (evenly spread, and exactly at, one double beside, and just beside
 * every switch point) the map's ranked plans must equal the search's on the network with that value, in the same
 * order, costs included, bit for bit. The instances are those of the energy suites ({@link EnergyCases}): random
 * power figures, idle watts of none, the device only, any, or above the compute watts.
 */
class PlanMapEnergyTest {

    static LongStream smallSeeds() {
        return Seeds.range(71_000, 71_150);
    }

    static LongStream paperSeeds() {
        return Seeds.range(72_000, 72_015);
    }

    static LongStream prefixSeeds() {
        return Seeds.range(73_000, 73_100);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("smallSeeds")
    void should_equal_dense_top_n_search_when_random_small_energy_instance(long seed) {
        // GIVEN an energy objective, a latency/energy objective and/or a maxEnergy constraint, any other
        // constraints, and 1 to 10 plans per interval
        assertMapAgrees(seed, EnergyCases::small);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("paperSeeds")
    void should_equal_dense_top_n_search_when_paper_sized_energy_instance(long seed) {
        // GIVEN 1 device, 2 edges, 2 clouds, 20-40 blocks with power figures
        assertMapAgrees(seed, EnergyCases::paper);
    }

    private static void assertMapAgrees(long seed, Function<SplittableRandom, EnergyCases.Case> cases) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EnergyCases.Case c = cases.apply(rnd);
        Varied v = PlanMapTest.randomParameter(rnd, c.network(), c.profiles());
        // WHEN
        PlanMap map = c.query().mapOver(v.parameter(), v.from(), v.to()).top(c.query().top())
                .solve(c.profiles(), c.network());
        // THEN
        PlanMapTopTest.assertAgreesWithTopSearch(seed, map, c.query(), c.profiles(), v.networkAt(), 300);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("prefixSeeds")
    void should_equal_dense_top_n_search_when_minimizing_the_energy_that_is_capped(long seed) {
        // GIVEN minimum energy of a target under maxEnergy of the same target, near the best plan's energy (the
        // probes leave the cap out and the final sweep honours it), 1 to 5 plans per interval
        SplittableRandom rnd = new SplittableRandom(seed);
        EnergyCases.Case c = EnergyCases.small(rnd);
        Varied v = PlanMapTest.randomParameter(rnd, c.network(), c.profiles());
        List<Target> targets = targets(c.profiles());
        Target t = targets.get(rnd.nextInt(targets.size()));
        Query free = Scission.query().minimize(Objective.energy(t)).top(1 + rnd.nextInt(5));
        List<PartitionConfig> best = free.strategy(SearchStrategy.EXHAUSTIVE)
                .solve(c.profiles(), v.networkAt().apply(Math.sqrt(v.from() * Math.max(v.to(), 1e-9)))).plans();
        double limit = best.isEmpty() ? 1 : best.get(0).energyJoules(t) * (0.8 + 0.6 * rnd.nextDouble());
        Query query = free.constraint(new MaxEnergy(t, limit));
        // WHEN
        PlanMap map = query.mapOver(v.parameter(), v.from(), v.to()).top(query.top()).solve(c.profiles(),
                c.network());
        // THEN
        PlanMapTopTest.assertAgreesWithTopSearch(seed, map, query, c.profiles(), v.networkAt(), 300);
    }

    @Test
    void should_switch_where_computed_by_hand_when_idle_watts_exceed_compute_watts() {
        // GIVEN a device that runs the model in 1 s at 2 W computing, 0.5 W sending and 3 W idle, and an edge in
        // 0.1 s after a 125,000-byte input (1 Mbit): at B Mbps the device spends 2 J running it, or
        // 0.5/B + 3 x 0.1 J offloading it; offloading is cheaper above B = 0.5/1.7 Mbps, although the device
        // idles dearer than it computes
        ProfileSet profiles = idleDearDevice();
        Network network = deviceEdgeAt(1);
        Query query = Scission.query().minimize(Objective.energy(DEVICE)).top(1);
        // WHEN
        PlanMap map = query.mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).solve(profiles, network);
        // THEN
        assertThat(map.switchPoints()).hasSize(1);
        assertThat(map.switchPoints().get(0)).isCloseTo(0.5 / 1.7, within(1e-12));
        assertThat(map.intervals()).extracting(i -> i.best().orElseThrow().key())
                .containsExactly("d>d:0-1", "d>e:0-1");
        assertThat(map.planAt(10).orElseThrow().score()).isCloseTo(0.5 / 10 + 0.3, within(1e-12));
        PlanMapTopTest.assertAgreesWithTopSearch(0, map, query, profiles, PlanMapEnergyTest::deviceEdgeAt, 1000);
    }

    @Test
    void should_leave_no_plan_where_the_energy_cap_cannot_be_met_when_latency_is_minimized() {
        // GIVEN the same model, minimum latency under maxEnergy(DEVICE, 0.5 J): running on the device costs 2 J,
        // offloading 0.5/B + 0.3 J, within the cap from B = 2.5 Mbps; the plans are enumerated, not probed
        ProfileSet profiles = idleDearDevice();
        Network network = deviceEdgeAt(1);
        Query query = Scission.query().maxEnergy(DEVICE, 0.5).top(2);
        // WHEN
        PlanMap map = query.mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).top(2).solve(profiles, network);
        // THEN
        assertThat(map.intervals()).extracting(i -> i.plans().size()).containsExactly(0, 1);
        assertThat(map.switchPoints().get(0)).isCloseTo(2.5, within(1e-12));
        PlanMapTopTest.assertAgreesWithTopSearch(0, map, query, profiles, PlanMapEnergyTest::deviceEdgeAt, 1000);
    }

    /**
     * The hand-computed model of the two tests above: two 1-layer blocks (a 125,000-byte input, 500,000 and 1,000
     * bytes out), a device that runs both in 1 s at 2 W computing, 0.5 W sending and receiving and 3 W idle, an edge
     * in 0.1 s.
     */
    private static ProfileSet idleDearDevice() {
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {500_000, 1000}, 125_000);
        return Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE)),
                new double[][] {{0.5, 0.5}, {0.05, 0.05}})
                .withPower("d", new Power(2, 0.5, 0.5, 3))
                .withPower("e", new Power(10, 1, 1, 1));
    }

    /** A device-edge link of {@code mbps} and no latency. */
    private static Network deviceEdgeAt(double mbps) {
        return Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(mbps))).build();
    }

    /** The tiers and resources of the profiles, every one with power figures. */
    private static List<Target> targets(ProfileSet profiles) {
        Set<Tier> tiers = new LinkedHashSet<>();
        List<Target> targets = new ArrayList<>();
        for (Resource r : profiles.resources()) {
            tiers.add(r.tier());
            targets.add(Target.resource(r.name()));
        }
        tiers.forEach(t -> targets.add(Target.tier(t)));
        return targets;
    }
}
