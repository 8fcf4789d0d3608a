package io.scission.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.InvalidFileException;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.DataRate;
import io.scission.platform.Network;
import io.scission.platform.NetworkFiles;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatTest {

    static Profile sample() {
        BlockLayout layout = new BlockLayout("vgg19", 4, 602_112, PartitionRule.SCISSION,
                List.of(new Block(0, 0, 1, 12_845_056), new Block(1, 2, 3, 4_000)));
        Provenance p = new Provenance("host1", "AMD EPYC", "Linux 6.1", "OpenJDK 17.0.15", "TensorFlow 2.18.0", 2, 3,
                4, Instant.parse("2026-11-26T12:00:00Z"), 8.1e-5, "seeded-random(seed=42)", "edge emulated: 2 threads");
        return new Profile(new Resource("6700k(GPU)", Tier.of("regional", 150), "GTX 1070"), layout, p,
                List.of(new BlockTiming(layout.blocks().get(0), Timing.of(List.of(0.1, 0.2, 0.3, 0.1 + 0.2))),
                        new BlockTiming(layout.blocks().get(1), Timing.meanOnly(10, 0.001))),
                List.of(new RangeTiming(0, 1, Timing.of(List.of(0.25, 0.3)))));
    }

    @Test
    void should_round_trip_a_profile_exactly(@TempDir Path dir) {
        // GIVEN
        Profile profile = sample();
        Path file = dir.resolve("sub/p.json");
        // WHEN
        ProfileFiles.write(profile, file);
        Profile back = ProfileFiles.read(file);
        // THEN
        assertThat(back).isEqualTo(profile);
        assertThat(back.additivityError(TimingStatistic.MEDIAN)).as("block 1 records no median").isEmpty();
        assertThat(back.additivityError(TimingStatistic.MEAN).orElseThrow())
                .isCloseTo((0.225 + 0.001 - 0.275) / 0.275, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ProfileFiles.toJson(back)).isEqualTo(ProfileFiles.toJson(profile));
    }

    @Test
    void should_round_trip_a_network_exactly(@TempDir Path dir) {
        // GIVEN
        Network net = Network.builder().preset(NetworkPreset.FOUR_G)
                .tierLink(new TierLink(Tier.of("gateway", 50), Tier.EDGE, 0.0667, DataRate.mbps(1.6)))
                .link("raspi4", "6700k(GPU)", Duration.ofMillis(45), DataRate.mbps(20)).build();
        Path file = dir.resolve("n.json");
        // WHEN
        NetworkFiles.write(net, file);
        // THEN
        assertThat(NetworkFiles.read(file)).isEqualTo(net);
    }

    @Test
    void should_read_user_friendly_units_in_a_network_file() throws IOException {
        String json = """
                {"format": "scission-network", "version": 1, "preset": "3g",
                 "tiers": [{"name": "gateway", "rank": 50}],
                 "tierLinks": [{"from": "gateway", "to": "edge", "latencyMs": 5, "bandwidthMbps": 100}],
                 "links": [{"from": "raspi4", "to": "vm2Core", "latencySeconds": 0.0667, "bytesPerSecond": 200000}]}
                """;
        Network net = NetworkFiles.read("net.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        Resource gw = Resource.of("gw", Tier.of("gateway", 50));
        Resource e = Resource.of("vm2Core", Tier.EDGE);
        assertThat(net.link(gw, e).orElseThrow().latencySeconds()).isEqualTo(0.005);
        assertThat(net.link(gw, e).orElseThrow().bandwidth().bytesPerSecond()).isEqualTo(12_500_000.0);
        assertThat(net.link(Resource.of("raspi4", Tier.DEVICE), e).orElseThrow().latencySeconds()).isEqualTo(0.0667);
        assertThat(net.link(Resource.of("x", Tier.DEVICE), e).orElseThrow().latencySeconds()).isEqualTo(0.067);
    }

    @Test
    void should_round_trip_the_model_fingerprint_when_the_layout_has_one(@TempDir Path dir) {
        // GIVEN
        Profile p = sample();
        BlockLayout l = p.layout();
        String fingerprint = "0123456789abcdef".repeat(4);
        Profile withFingerprint = new Profile(p.resource(), new BlockLayout(l.model(), l.layerCount(), l.inputBytes(),
                l.rule(), l.blocks(), fingerprint), p.provenance(), p.blocks(), p.ranges());
        Path file = dir.resolve("f.json");

        // WHEN
        ProfileFiles.write(withFingerprint, file);

        // THEN written only when known, read back exactly
        assertThat(ProfileFiles.read(file)).isEqualTo(withFingerprint);
        assertThat(ProfileFiles.toJson(withFingerprint)).contains("\"fingerprint\" : \"" + fingerprint + "\"");
        assertThat(ProfileFiles.toJson(p)).doesNotContain("fingerprint");
    }

    private static String profileJson(Profile p) {
        return ProfileFiles.toJson(p);
    }

    private static InvalidFileException readProfileText(Path dir, String text) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, text);
        try {
            ProfileFiles.read(file);
        } catch (InvalidFileException e) {
            return e;
        }
        throw new AssertionError("no error for: " + text);
    }

    @Test
    void should_name_file_field_and_problem_when_a_profile_is_malformed(@TempDir Path dir) throws IOException {
        String good = profileJson(sample());
        InvalidFileException e;

        e = readProfileText(dir, good.substring(0, good.length() / 2));
        assertThat(e.getMessage()).contains("bad.json").contains("is not valid JSON (line").contains("truncated");

        e = readProfileText(dir, good.replace("\"outputBytes\" : 4000", "\"outputBytes\" : -4000"));
        assertThat(e.field()).isEqualTo("/blocks/1");
        assertThat(e.getMessage()).contains("bad.json at /blocks/1").contains("-4000");

        e = readProfileText(dir, good.replace("\"format\" : \"scission-profile\"", "\"format\" : \"scission-network\""));
        assertThat(e.getMessage()).contains("at /format").contains("Maybe this is a network file");

        e = readProfileText(dir, good.replace("\"version\" : 1", "\"version\" : 7"));
        assertThat(e.getMessage()).contains("at /version").contains("version 7 is not supported");

        e = readProfileText(dir, good.replace("\"host\" : \"host1\"", "\"hots\" : \"host1\""));
        assertThat(e.getMessage()).contains("at /provenance/hots").contains("unknown field \"hots\"");

        e = readProfileText(dir, good.replace("\"repeats\" : 4", "\"repeats\" : \"four\""));
        assertThat(e.getMessage()).contains("at /provenance/repeats").contains("expected a whole number");

        e = readProfileText(dir, good.replace("\"firstLayer\" : 2", "\"firstLayer\" : 3"));
        assertThat(e.getMessage()).contains("at /blocks").contains("expected block 1 starting at layer 2");

        e = readProfileText(dir, good.replace("[ 0.1, 0.2, 0.3, 0.30000000000000004 ]", "[ 0.1, 0.2, 0.3, -1 ]"));
        assertThat(e.getMessage()).contains("at /blocks/0").contains("must be a finite number, not negative");

        e = readProfileText(dir, good.replace("\"mean\" : 0.225", "\"mean\" : 0.5"));
        assertThat(e.getMessage()).contains("at /blocks/0").contains("does not match its 4 samples");

        e = readProfileText(dir, good.replace("\"date\" : \"2026-11-26T12:00:00Z\"", "\"date\" : \"yesterday\""));
        assertThat(e.getMessage()).contains("at /provenance/date").contains("not an ISO-8601 instant");

        e = readProfileText(dir, good.replace("\"version\" : 1,", "\"version\" : 1, \"version\" : 1,"));
        assertThat(e.getMessage()).contains("a field appears twice ('version')");

        e = readProfileText(dir, good.replace("\"partitionRule\" : \"scission\"",
                "\"partitionRule\" : \"scission\", \"fingerprint\" : \"ABC\""));
        assertThat(e.getMessage()).contains("at /model/fingerprint").contains("the fingerprint (ABC) is not 64 "
                + "lower-case hex digits");

        e = readProfileText(dir, good.replace("\"tier\" : {", "\"tier\" : \"fog\", \"x\" : {"));
        assertThat(e.getMessage()).contains("bad.json");
    }

    @Test
    void should_name_the_problem_when_a_network_is_malformed() {
        String bad = """
                {"format": "scission-network", "version": 1,
                 "links": [{"from": "a", "to": "b", "latencyMs": 5, "bandwidthMbps": -3}]}
                """;
        assertThatThrownBy(() -> NetworkFiles.read("net.json", new ByteArrayInputStream(bad.getBytes(
                StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("net.json at /links/0/bandwidthMbps")
                .hasMessageContaining("(-3.0 Mbps) must be a finite number greater than zero");
        String unknownTier = """
                {"format": "scission-network", "version": 1,
                 "tierLinks": [{"from": "fog", "to": "edge", "latencyMs": 5, "bandwidthMbps": 3}]}
                """;
        assertThatThrownBy(() -> NetworkFiles.read("net.json", new ByteArrayInputStream(unknownTier.getBytes(
                StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("at /tierLinks/0/from")
                .hasMessageContaining("\"fog\" is neither device, edge, cloud nor declared");
        String both = """
                {"format": "scission-network", "version": 1,
                 "links": [{"from": "a", "to": "b", "latencyMs": 5, "latencySeconds": 0.005, "bandwidthMbps": 3}]}
                """;
        assertThatThrownBy(() -> NetworkFiles.read("net.json", new ByteArrayInputStream(both.getBytes(
                StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("exactly one of latencyMs and latencySeconds");
    }

    @Test
    void should_say_the_file_is_missing() {
        assertThatThrownBy(() -> ProfileFiles.read(Path.of("/no/such/profile.json")))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("/no/such/profile.json: the file does not exist");
    }
}
