package io.scission.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.Parameter;
import io.scission.PartitionConfig;
import io.scission.PlanMap;
import io.scission.Query;
import io.scission.Scission;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.platform.Power;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.query.Target;
import io.scission.reference.ReferenceNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --power}, {@code --max-energy} and the energy objectives of {@code plan} and {@code map}: the
 * command answers exactly what the core query answers on the same profiles with the same power figures.
 */
class EnergyOptionsTest {

    private static final String RASPI = "raspi4=compute:6.4W,transmit:1.3W,idle:2.7W";

    private static Run plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--reference", "vgg16", "--reference-network", "3g"));
        all.addAll(List.of(args));
        return TestData.run(all.toArray(new String[0]));
    }

    private static ProfileSet profiles() {
        return Scission.referenceProfiles("vgg16").withPower("raspi4", Power.of(6.4, 1.3, 2.7));
    }

    @Test
    void should_plan_like_the_core_query_when_minimizing_the_device_energy() throws IOException {
        // GIVEN
        List<PartitionConfig> expected = Query.parse("minimize(energy(DEVICE)).maxEnergy(DEVICE, 20J).top(3)")
                .solve(profiles(), Scission.referenceNetwork(ReferenceNetwork.THREE_G)).plans();
        // WHEN the device tier gets 1 W everywhere, then raspi4 its own figures, which win
        Run run = plan("--power", "device=compute:1W,transmit:1W,idle:1W", "--power", RASPI, "--objective",
                "energy:device", "--max-energy", "device=20J", "--top", "3", "--json");
        // THEN
        assertThat(run.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("query").asText()).isEqualTo("maxEnergy(DEVICE, 20J).minimize(energy(DEVICE)).top(3)");
        assertThat(json.get("objective").get("name").asText()).isEqualTo("energy");
        assertThat(expected).hasSize(3);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode plan = json.get("plans").get(i);
            assertThat(plan.get("key").asText()).isEqualTo(expected.get(i).key());
            assertThat(plan.get("score").asDouble()).isEqualTo(expected.get(i).score());
            assertThat(plan.get("energyJoules").get("DEVICE").asDouble())
                    .isEqualTo(expected.get(i).energyJoules(Target.tier(Tier.DEVICE))).isLessThanOrEqualTo(20);
        }
        JsonNode raspi = null;
        for (JsonNode r : json.get("model").get("resources")) {
            raspi = r.get("name").asText().equals("raspi4") ? r : raspi;
        }
        assertThat(raspi.get("watts").get("compute").asDouble()).isEqualTo(6.4);
        assertThat(raspi.get("watts").get("receive").asDouble()).isEqualTo(2.7);
    }

    @Test
    void should_print_each_plans_energy_when_weighing_latency_against_energy() {
        // WHEN
        Run run = plan("--power", RASPI, "--objective", "weighted:1,0,0.5:raspi4", "--top", "1");
        // THEN
        assertThat(run.err()).isEmpty();
        assertThat(run.lines()).contains("Query: minimize(weights(1, 0, energy(\"raspi4\", 0.5))).top(1)");
        PartitionConfig best = Scission.query().minimize(io.scission.query.Objective.LATENCY.plusEnergy(0.5,
                "raspi4")).top(1).solve(profiles(), Scission.referenceNetwork(ReferenceNetwork.THREE_G)).plans()
                .get(0);
        assertThat(run.out()).contains("; energy of \"raspi4\" " + PlanTable.num(best.energyJoules(
                Target.resource("raspi4"))) + " J");
    }

    @Test
    void should_fail_with_one_clear_error_when_a_targeted_resource_has_no_power_figures() {
        // WHEN
        Run run = plan("--objective", "energy:device");
        // THEN
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).startsWith("error: ").hasLineCount(1).contains("needs the power figures of raspi4")
                .contains("Maybe give it its compute, transmit and idle watts")
                .contains("--power raspi4=compute:4.5W,transmit:1.2W,idle:0.9W");
    }

    @Test
    void should_name_the_option_when_power_figures_are_malformed() {
        // WHEN
        Run missing = plan("--power", "device=compute:4.5W,idle:1W", "--max-energy", "device=1J");
        Run unit = plan("--power", "device=compute:4.5kW,transmit:1W,idle:1W");
        Run energy = plan("--power", RASPI, "--max-energy", "device=2Wh");
        // THEN
        assertThat(missing.err()).contains("--power").contains("lack the transmit watts").contains("Maybe");
        assertThat(unit.err()).contains("--power").contains("Maybe write e.g.");
        assertThat(energy.err()).contains("The energy (2Wh) of --max-energy").contains("Maybe write e.g. 2.5J");
        assertThat(List.of(missing.code(), unit.code(), energy.code())).doesNotContain(0);
    }

    @Test
    void should_map_like_the_core_map_when_minimizing_the_capped_device_energy() throws IOException {
        // GIVEN the core map of the same query over the same range (raspi4's one uplink; it offloads above 0.12 Mbps)
        PlanMap expected = Query.parse("minimize(energy(DEVICE)).maxEnergy(DEVICE, 20J).top(2)")
                .mapOver(Parameter.uplinkBandwidth(), 0.1, 100).top(2)
                .solve(profiles(), Scission.referenceNetwork(ReferenceNetwork.WIRED));
        // WHEN
        Run run = TestData.run("map", "--reference", "vgg16", "--reference-network", "wired", "--vary",
                "uplink-bandwidth=0.1..100Mbps", "--power", RASPI, "--objective", "energy:device", "--max-energy",
                "device=20J", "--top", "2", "--json");
        // THEN the same switch points and ranked plans, each with its energy
        assertThat(run.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("query").asText()).isEqualTo("maxEnergy(DEVICE, 20J).minimize(energy(DEVICE)).top(2)");
        assertThat(expected.switchPoints()).isNotEmpty();
        List<Double> points = new ArrayList<>();
        json.get("switchPoints").forEach(p -> points.add(p.asDouble()));
        assertThat(points).isEqualTo(expected.switchPoints());
        for (int i = 0; i < expected.intervals().size(); i++) {
            List<PartitionConfig> plans = expected.intervals().get(i).plans();
            JsonNode got = json.get("intervals").get(i).get("plans");
            assertThat(got).hasSize(plans.size());
            for (int r = 0; r < plans.size(); r++) {
                assertThat(got.get(r).get("key").asText()).isEqualTo(plans.get(r).key());
                assertThat(got.get(r).get("energyJoules").get("DEVICE").asDouble())
                        .isEqualTo(plans.get(r).energyJoules(Target.tier(Tier.DEVICE))).isLessThanOrEqualTo(20);
            }
        }
    }
}
