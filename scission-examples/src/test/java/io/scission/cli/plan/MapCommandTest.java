package io.scission.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.PartitionConfig;
import io.scission.Scission;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCommandTest {

    private static Run map(String... args) {
        List<String> all = new ArrayList<>(List.of("map"));
        all.addAll(List.of(args));
        return TestData.run(all.toArray(new String[0]));
    }

    @Test
    void should_print_intervals_whose_plans_the_search_confirms_when_json() throws IOException {
        // GIVEN the paper's ResNet50 on its wired network, the raspi4 -> vm2Core uplink from 0.1 to 100 Mbps
        Run run = map("--reference", "resnet50", "--reference-network", "wired", "--vary",
                "bandwidth:raspi4-vm2Core=0.1..100Mbps", "--must-use", "edge", "--json");
        // WHEN
        JsonNode root = new ObjectMapper().readTree(run.out());
        // THEN every interval's plan is what 'plan' would find at its midpoint, and the ends join up
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(root.get("parameter").asText()).isEqualTo("bandwidth(\"raspi4\", \"vm2Core\")");
        JsonNode intervals = root.get("intervals");
        assertThat(intervals.size()).isGreaterThanOrEqualTo(2);
        assertThat(root.get("switchPoints").size()).isEqualTo(intervals.size() - 1);
        ProfileSet profiles = Scission.referenceProfiles("resnet50");
        Network network = Scission.referenceNetwork(ReferenceNetwork.WIRED);
        Link link = network.links().stream().filter(l -> l.from().equals("raspi4") && l.to().equals("vm2Core"))
                .findFirst().orElseThrow();
        double previous = 0.1;
        for (JsonNode i : intervals) {
            assertThat(i.get("from").asDouble()).isEqualTo(previous);
            previous = i.get("to").asDouble();
            double mid = i.get("from").asDouble() + (i.get("to").asDouble() - i.get("from").asDouble()) / 2;
            Network at = network.toBuilder().replace(new Link("raspi4", "vm2Core", link.latencySeconds(),
                    DataRate.mbps(mid))).build();
            PartitionConfig best = Scission.query().mustUse(io.scission.platform.Tier.EDGE).solve(profiles, at)
                    .best().orElseThrow();
            assertThat(i.get("plan").get("key").asText()).as("at %s Mbps", mid).isEqualTo(best.key());
            assertThat(i.get("plan").get("latencySeconds").asDouble()).isEqualTo(best.latencySeconds());
        }
        assertThat(previous).isEqualTo(100.0);
    }

    @Test
    void should_draw_each_plan_the_envelope_and_the_switch_points_when_html(@TempDir Path dir) throws IOException {
        // GIVEN the drone scenario: the paper's MobileNetV2 on its 3G network, the raspi4 -> vm2Core uplink varied
        Path page = dir.resolve("map.html");
        // WHEN
        Run run = map("--reference", "mobilenetv2", "--reference-network", "3g", "--vary",
                "bandwidth:raspi4->vm2Core=0.1..100Mbps", "--json", "-o", page.toString());
        // THEN one line per distinct plan, one dashed line per switch point, and the envelope
        assertThat(run.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        Set<String> plans = new HashSet<>();
        root.get("intervals").forEach(i -> plans.add(i.get("plan").get("key").asText()));
        String html = Files.readString(page);
        assertThat(count(html, "class=\"plan\"")).isEqualTo(plans.size());
        assertThat(count(html, "class=\"switch\"")).isEqualTo(root.get("switchPoints").size());
        assertThat(root.get("switchPoints").size()).isPositive();
        assertThat(html).contains("class=\"envelope\"").contains("bandwidth(&quot;raspi4&quot;");
    }

    @Test
    void should_rank_the_top_plans_of_each_interval_as_the_search_does_when_top_and_uplink_bandwidth()
            throws IOException {
        // GIVEN the drone: the paper's ResNet50 on its wired network, every raspi4 uplink from 0.1 to 100 Mbps
        Run run = map("--reference", "resnet50", "--reference-network", "wired", "--vary",
                "uplink-bandwidth=100..100000Kbps", "--top", "3", "--json");
        // WHEN
        JsonNode root = new ObjectMapper().readTree(run.out());
        // THEN every interval's ranked plans are what 'plan --top 3' finds at its midpoint, with every uplink there
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(root.get("parameter").asText()).isEqualTo("uplinkBandwidth()");
        assertThat(root.get("top").asInt()).isEqualTo(3);
        assertThat(root.get("from").asDouble()).isCloseTo(0.1, within(1e-12));
        assertThat(root.get("to").asDouble()).isCloseTo(100.0, within(1e-12));
        ProfileSet profiles = Scission.referenceProfiles("resnet50");
        Network network = Scission.referenceNetwork(ReferenceNetwork.WIRED);
        JsonNode intervals = root.get("intervals");
        assertThat(root.get("switchPoints").size()).isEqualTo(intervals.size() - 1).isPositive();
        for (JsonNode i : intervals) {
            double mid = i.get("from").asDouble() + (i.get("to").asDouble() - i.get("from").asDouble()) / 2;
            Network.Builder at = network.toBuilder();
            for (Link l : network.links()) {
                if (l.from().equals("raspi4")) {
                    at.replace(new Link(l.from(), l.to(), l.latencySeconds(), DataRate.mbps(mid)));
                }
            }
            for (TierLink t : network.tierLinks()) {
                if (t.from().equals(Tier.DEVICE) && !t.to().equals(Tier.DEVICE)) {
                    at.replace(new TierLink(t.from(), t.to(), t.latencySeconds(), DataRate.mbps(mid)));
                }
            }
            List<PartitionConfig> expected = Scission.query().top(3).solve(profiles, at.build()).plans();
            JsonNode plans = i.get("plans");
            assertThat(plans.size()).as("at %s Mbps", mid).isEqualTo(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                assertThat(plans.get(r).get("rank").asInt()).isEqualTo(r + 1);
                assertThat(plans.get(r).get("key").asText()).as("at %s Mbps, rank %d", mid, r + 1)
                        .isEqualTo(expected.get(r).key());
                assertThat(plans.get(r).get("latencySeconds").asDouble()).isEqualTo(expected.get(r).latencySeconds());
            }
            assertThat(i.get("plan").get("key").asText()).isEqualTo(expected.get(0).key());
        }
    }

    @Test
    void should_print_a_rank_column_when_top_is_given_without_json() {
        // GIVEN / WHEN
        Run run = map("--reference", "mobilenetv2", "--reference-network", "3g", "--vary",
                "uplink-bandwidth=0.1..100", "--top", "2");
        Run tooMany = map("--reference", "mobilenetv2", "--reference-network", "3g", "--vary",
                "uplink-bandwidth=0.1..100", "--top", "101");
        // THEN
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Varying uplinkBandwidth() from 0.100000 to 100.000 Mbps:")
                .containsPattern("from +to +# +latency at from \\(s\\)")
                .containsPattern("\\n +2 +[0-9.]+ +[0-9.]+ ");
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).contains("The n (101) of top(n) of a plan map must be between 1 and 100.");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void should_print_a_table_with_the_switch_points_when_no_json() {
        // GIVEN / WHEN every device uplink of the 3G reference network times 0.1 to 10
        Run run = map("--reference", "mobilenetv2", "--reference-network", "3g", "--vary",
                "uplink-factor=0.1..10");
        // THEN
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Varying uplinkFactor() from 0.100000 to 10.0000 x:")
                .contains("latency at from (s)").contains("raspi4");
    }

    @Test
    void should_fail_as_usage_error_naming_the_value_when_vary_is_malformed() {
        // GIVEN / WHEN
        Run bad = map("--reference", "resnet50", "--reference-network", "wired", "--vary", "bandwidth=1..2");
        Run unit = map("--reference", "resnet50", "--reference-network", "wired", "--vary",
                "latency:raspi4-vm2Core=1..2Mbps");
        Run mixed = map("--reference", "resnet50", "--reference-network", "wired", "--vary",
                "bandwidth:device-vm2Core=1..2");
        Run missing = map("--reference", "resnet50", "--reference-network", "wired", "--vary",
                "bandwidth:device-edge=1..2");
        // THEN
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("The value (bandwidth=1..2) of --vary").contains("Maybe");
        assertThat(unit.code()).isEqualTo(2);
        assertThat(unit.err()).contains("The unit (Mbps) of --vary");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("joins a tier and a resource");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no tier link device -> edge");
    }
}
