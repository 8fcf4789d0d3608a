package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.query.EnergyWeight;
import io.scission.query.MaxEnergy;
import io.scission.query.Objective;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The energy model (README "Energy") worked by hand on a platform whose numbers are exact in binary, the two cases
 * where pricing energy optimistically would make dominance pruning wrong, and the errors.
 *
 * <pre>
 * blocks        0 (layer 0)   1 (layer 1)   2 (layer 2)    input 4096 B
 * output bytes  1024          256           16
 * d (device)    2 s           2 s           2 s
 * e1, e2 (edge) 0.125 s       0.125 s       0.125 s
 * c (cloud)     0.0625 s      0.0625 s      0.0625 s
 * links (no latency): device-edge and device-device 1024 B/s, device-cloud 512 B/s, edge-cloud 2048 B/s, and back
 * </pre>
 */
class EnergyTest {

    static final BlockLayout LAYOUT = Fixtures.layout("three", new int[] {1, 1, 1}, new long[] {1024, 256, 16}, 4096);
    static final Network NETWORK = Network.builder()
            .tierLink(new TierLink(DEVICE, EDGE, 0, new DataRate(1024)))
            .tierLink(new TierLink(EDGE, DEVICE, 0, new DataRate(1024)))
            .tierLink(new TierLink(DEVICE, DEVICE, 0, new DataRate(1024)))
            .tierLink(new TierLink(DEVICE, CLOUD, 0, new DataRate(512)))
            .tierLink(new TierLink(CLOUD, DEVICE, 0, new DataRate(512)))
            .tierLink(new TierLink(EDGE, CLOUD, 0, new DataRate(2048)))
            .tierLink(new TierLink(CLOUD, EDGE, 0, new DataRate(2048)))
            .build();

    static ProfileSet profiles(Power d, Power e1, Power e2, Power c) {
        return Fixtures.profiles(LAYOUT, List.of(Resource.of("d", DEVICE).withPower(d),
                Resource.of("e1", EDGE).withPower(e1), Resource.of("e2", EDGE).withPower(e2),
                Resource.of("c", CLOUD).withPower(c)), new double[][] {{2, 2, 2}, {0.125, 0.125, 0.125},
                    {0.125, 0.125, 0.125}, {0.0625, 0.0625, 0.0625}});
    }

    private static void assertSameAsExhaustiveAndReference(Query query, ProfileSet profiles, List<PartitionConfig> got) {
        assertThat(query.strategy(SearchStrategy.EXHAUSTIVE).solve(profiles, NETWORK).plans()).isEqualTo(got);
        assertThat(ReferenceEvaluator.solve(query, profiles, NETWORK)).isEqualTo(got);
    }

    @Test
    void should_find_the_least_edge_energy_when_an_edge_that_computes_cheaply_idles_dearly() {
        // GIVEN e1 computes at 1 W but idles at 10 W, e2 computes at 2 W and idles at 0 W; d and c have no figures
        // (their energy is not asked for). A prefix through e1 looks cheaper than one through e2 until the plan
        // ends, so dominance pruning, which would drop the e2 prefix, must be off.
        ProfileSet profiles = profiles(Power.UNKNOWN, new Power(1, 0, 0, 10), new Power(2, 0, 0, 0), Power.UNKNOWN);
        Query query = Query.parse("mustUse(EDGE).mustUse(CLOUD).minimize(energy(EDGE)).top(3)");
        // WHEN
        List<PartitionConfig> plans = query.solve(profiles, NETWORK).plans();
        // THEN e2 runs one block: 2 W * 0.125 s; the tie with d>e2:0-0|c:1-2 goes to the lower latency
        // (2 + 1 + 0.125 + 0.125 + 0.0625 = 3.3125 s against 4 + 0.125 + 0.5 + 0.125 = 4.75 s)
        assertThat(plans.get(0).key()).isEqualTo("d>d:0-0|e2:1-1|c:2-2");
        assertThat(plans.get(0).score()).isEqualTo(0.25);
        assertThat(plans.get(0).latencySeconds()).isEqualTo(3.3125);
        assertThat(plans.get(1).key()).isEqualTo("d>e2:0-0|c:1-2");
        assertSameAsExhaustiveAndReference(query, profiles, plans);
    }

    @Test
    void should_keep_the_plan_within_the_energy_limit_when_a_cheaper_prefix_idles_the_target_longer() {
        // GIVEN the cloud idles at 10 W and draws nothing else; the cloud may not run block 1. Under the transfer
        // objective d:0-1 reaches the cloud with 256 B, d:0-0|e1:1-1 with 1280 B, and both have spent nothing of
        // the cloud's energy yet, but the first has kept the cloud waiting 4 s, the second 3.125 s
        ProfileSet profiles = profiles(Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN, new Power(0, 0, 0, 10));
        Query query = Query.parse("mustUse(CLOUD).blockNotOn(1, CLOUD).minimize(TRANSFER).maxEnergy(\"c\", 35J)"
                + ".top(2)");
        // WHEN
        List<PartitionConfig> plans = query.solve(profiles, NETWORK).plans();
        // THEN d:0-1|c:2-2 costs the cloud 10 * 4 = 40 J, too much; d:0-0|e1:1-1|c:2-2 10 * 3.125 = 31.25 J
        assertThat(plans).extracting(PartitionConfig::key).containsExactly("d>d:0-0|e1:1-1|c:2-2",
                "d>d:0-0|e2:1-1|c:2-2");
        assertThat(plans.get(0).energyJoules(Target.resource("c"))).isEqualTo(31.25);
        assertSameAsExhaustiveAndReference(query, profiles, plans);
        assertThat(Query.parse("mustUse(CLOUD).blockNotOn(1, CLOUD).minimize(TRANSFER).top(1)")
                .solve(profiles, NETWORK).plans().get(0).energyJoules(Target.tier(CLOUD))).isEqualTo(40.0);
    }

    @Test
    void should_price_an_unprofiled_camera_that_sends_the_input_and_then_waits() {
        // GIVEN a camera that transmits at 3 W and waits at 1 W
        ProfileSet profiles = profiles(Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN);
        Resource cam = Resource.of("cam", DEVICE).withPower(new Power(0, 3, 0, 1));
        Query query = Scission.query().source(cam).exclude(DEVICE).minimize(Objective.energy("cam")).top(3);
        // WHEN
        List<PartitionConfig> plans = query.solve(profiles, NETWORK).plans();
        // THEN 3 W * 4096/1024 s + 1 W * 0.375 s; e1 before e2 by key; then 12 + 0.25 + 0.125 + 0.0625
        assertThat(plans).extracting(PartitionConfig::key, PartitionConfig::score).containsExactly(
                org.assertj.core.api.Assertions.tuple("cam>e1:0-2", 12.375),
                org.assertj.core.api.Assertions.tuple("cam>e2:0-2", 12.375),
                org.assertj.core.api.Assertions.tuple("cam>e1:0-1|c:2-2", 12.4375));
        assertThat(plans.get(0).energyJoules(Target.tier(DEVICE))).isEqualTo(12.375);
        assertThat(plans.get(0).energyJoules(Target.tier(CLOUD))).isZero();
        assertSameAsExhaustiveAndReference(query, profiles, plans);
    }

    @Test
    void should_name_the_resource_and_the_fix_when_a_targeted_resource_has_no_power_figures() {
        // GIVEN e2 has no figures
        ProfileSet profiles = profiles(Power.UNKNOWN, Power.of(1, 1, 1), Power.UNKNOWN, Power.UNKNOWN);
        // WHEN / THEN
        assertThatThrownBy(() -> Query.parse("minimize(energy(EDGE))").solve(profiles, NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimize(energy(EDGE)) needs the power figures of e2")
                .hasMessageContaining("which has none")
                .hasMessageContaining("Maybe give it its compute, transmit and idle watts")
                .hasMessageContaining("--power e2=compute:4.5W,transmit:1.2W,idle:0.9W");
        assertThatThrownBy(() -> Query.parse("maxEnergy(DEVICE, 1J)").solve(profiles, NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEnergy(DEVICE, 1J) needs the power figures of d");
        // an excluded resource takes part in no plan, so it needs none
        assertThat(Query.parse("exclude(\"e2\").minimize(energy(EDGE)).top(1)").solve(profiles, NETWORK).plans())
                .hasSize(1);
    }

    @Test
    void should_map_energy_as_the_search_prices_it_when_weighted_or_capped() {
        // GIVEN (plan maps used to refuse energy; PlanMapEnergyTest checks them densely on seeded instances)
        ProfileSet profiles = profiles(Power.of(4, 2, 1), Power.of(1, 1, 1), Power.of(1, 1, 1), Power.of(1, 1, 1));
        for (Query query : List.of(Scission.query().minimize(Objective.LATENCY.plusEnergy(0.5, DEVICE)).top(1),
                Scission.query().maxEnergy(DEVICE, 3).top(2))) {
            // WHEN
            PlanMap map = query.mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.001, 1).top(query.top())
                    .solve(profiles, NETWORK);
            // THEN at each switch point and across the range the map is the search on that network
            List<Double> values = new ArrayList<>(map.switchPoints());
            for (int i = 0; i <= 50; i++) {
                values.add(0.001 * Math.pow(1000, i / 50.0));
            }
            for (double x : values) {
                double v = Math.min(1, x);
                Network at = NETWORK.toBuilder().replace(new TierLink(DEVICE, EDGE, 0, DataRate.mbps(v))).build();
                assertThat(map.plansAt(v)).as("%s at %s Mbps", query, v).isEqualTo(query.solve(profiles, at).plans());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxEnergy(DEVICE, 2.5J).minimize(energy(EDGE))",
        "maxEnergy(\"e1\", 0.001J).minimize(weights(1, 1.0E-6, energy(DEVICE, 0.5), energy(\"c\", 2)))",
        "minimize(weights(0, 0, energy(tier(\"fog\", 50), 1.5)))"})
    void should_read_back_the_text_form_when_energy(String text) {
        // WHEN
        Query query = Query.parse(text);
        // THEN
        assertThat(query.toParsableString()).isEqualTo(text);
        assertThat(Query.parse(query.toParsableString())).isEqualTo(query);
    }

    @Test
    void should_read_energy_units_and_the_weighted_form() {
        assertThat(Query.parse("maxEnergy(DEVICE, 800mJ)").constraints()).containsExactly(
                new MaxEnergy(Target.tier(DEVICE), 0.8));
        assertThat(Query.parse("maxEnergy(DEVICE, 2kJ)").constraints()).containsExactly(
                new MaxEnergy(Target.tier(DEVICE), 2000));
        assertThat(Query.parse("minimize(weighted(1, 2, energy(EDGE, 3)))").objective()).isEqualTo(
                new Objective(1, 2 / 1e6, List.of(new EnergyWeight(Target.tier(EDGE), 3))));
        assertThat(Scission.query().maxEnergy("e1", 1.5).constraints()).containsExactly(
                new MaxEnergy(Target.resource("e1"), 1.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxEnergy(DEVICE, 2.5)", "maxEnergy(DEVICE, 2W)", "maxEnergy(DEVICE, -1J)",
        "minimize(energy(EDGE, 1))", "minimize(weights(1, 0, energy(EDGE, 0)))",
        "minimize(weights(1, 0, energy(EDGE, 1), energy(EDGE, 2)))", "minimize(weights(1, 0, 3))"})
    void should_refuse_a_malformed_energy_part(String text) {
        assertThatThrownBy(() -> Query.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Maybe");
    }

    @Test
    void should_validate_power_figures() {
        assertThat(Power.of(4.5, 1.2, 0.9)).isEqualTo(new Power(4.5, 1.2, 0.9, 0.9));
        assertThat(Power.UNKNOWN.isKnown()).isFalse();
        assertThat(Power.of(0, 0, 0).isKnown()).isTrue();
        Resource pi = Resource.of("pi", DEVICE, "ARM").withPower(Power.of(1, 2, 3));
        assertThat(pi).extracting(Resource::name, Resource::tier, Resource::hardware, Resource::power)
                .containsExactly("pi", DEVICE, "ARM", new Power(1, 2, 3, 3));
        assertThat(Resource.of("pi", DEVICE).power()).isEqualTo(Power.UNKNOWN);
        assertThatThrownBy(() -> new Power(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The compute power (-1.0 W) must be a finite number of watts, not negative.%n"
                        + "Maybe write e.g. 4.5 for 4.5 W.", new Object[0]);
        assertThatThrownBy(() -> new Power(1, Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The transmit power (NaN W)");
        assertThatThrownBy(() -> Power.of(1, 1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The receive power (Infinity W)");
        assertThatThrownBy(() -> profiles(Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN)
                .withPower("pi", Power.of(1, 1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(known: d, e1, e2, c)");
        assertThatThrownBy(() -> Objective.energy(EDGE).score(1.0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Maybe call score(plan)");
    }

    @Test
    void should_refuse_a_plan_energy_when_a_resource_that_counts_has_no_figures() {
        // GIVEN a plan priced without an energy objective
        ProfileSet profiles = profiles(Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN, Power.UNKNOWN);
        PartitionConfig plan = Scission.query().top(1).solve(profiles, NETWORK).plans().get(0);
        // WHEN / THEN
        assertThatThrownBy(() -> plan.energyJoules(Target.tier(DEVICE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the power figures of d (");
        assertThat(plan.energyJoules(Target.tier(CLOUD))).isZero();
    }
}
