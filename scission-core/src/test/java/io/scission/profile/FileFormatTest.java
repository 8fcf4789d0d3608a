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
        return new Profile(Resource.of("6700k(GPU)", Tier.of("regional", 150), "GTX 1070"), layout, p,
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
    void should_round_trip_the_k_tensor_rule_when_a_profile_was_made_under_it(@TempDir Path dir) throws IOException {
        // GIVEN the sample's blocks under tensors(3) (the file does not check the cuts against a model)
        Profile s = sample();
        BlockLayout layout = new BlockLayout("vgg19", 4, 602_112, PartitionRule.tensors(3), s.layout().blocks());
        Profile profile = new Profile(s.resource(), layout, s.provenance(), s.blocks(), s.ranges());
        Path file = dir.resolve("t3.json");
        // WHEN
        ProfileFiles.write(profile, file);
        Profile back = ProfileFiles.read(file);
        // THEN the rule is written as its id and read back equal; the version stays what the other fields need
        assertThat(Files.readString(file)).contains("\"partitionRule\" : \"tensors:3\"").contains("\"version\" : 1");
        assertThat(back).isEqualTo(profile);
        assertThat(back.layout().rule()).isEqualTo(PartitionRule.tensors(3));
        // AND tensors:1 is read as the single-tensor rule, and a bad k names the field and the value
        String json = profileJson(profile);
        Path single = dir.resolve("t1.json");
        Files.writeString(single, json.replace("tensors:3", "tensors:1"));
        assertThat(ProfileFiles.read(single).layout().rule()).isSameAs(PartitionRule.SINGLE_TENSOR);
        InvalidFileException e = readProfileText(dir, json.replace("tensors:3", "tensors:0"));
        assertThat(e.getMessage()).contains("at /model/partitionRule").contains("(tensors:0)");
    }

    @Test
    void should_write_version_1_when_the_profile_records_neither_sampling_nor_precision() {
        // GIVEN a fixed count and no precision, as imported data and the reference data have
        Profile fixed = sample();
        // WHEN
        String json = ProfileFiles.toJson(fixed);
        // THEN older readers can read it
        assertThat(json).contains("\"version\" : 1,").doesNotContain("sampling").doesNotContain("precision");
        // AND one precision makes it version 2, with the fixed sampling spelt out
        Timing whole = fixed.ranges().get(0).timing();
        Profile precise = new Profile(fixed.resource(), fixed.layout(), fixed.provenance(), fixed.blocks(),
                List.of(new RangeTiming(0, 1, whole.withPrecision(Precision.ofMedian(whole.samples(), 0.95, 0.1)))));
        String json2 = ProfileFiles.toJson(precise);
        assertThat(json2).contains("\"version\" : 2,").contains("\"stop\" : \"fixed\"").contains("\"passes\" : 4,");
        assertThat(ProfileFiles.read("p.json", new ByteArrayInputStream(json2.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(precise);
    }

    @Test
    void should_write_version_3_with_memory_figures_and_a_capacity_and_read_them_back(@TempDir Path dir)
            throws IOException {
        // GIVEN the sample with memory figures (block 1 without a measured peak) and a 4 GB capacity
        Profile plain = sample();
        Profile profile = plain.withMemory(List.of(new BlockMemory(7_000, 12_845_056 + 602_112, 14_000_000),
                BlockMemory.estimate(80_000, 12_845_056 + 4_000)))
                .withResource(plain.resource().withMemory(io.scission.platform.DataSize.ofBytes(4_000_000_000L)));
        Path file = dir.resolve("p.json");
        // WHEN
        ProfileFiles.write(profile, file);
        Profile back = ProfileFiles.read(file);
        // THEN
        assertThat(back).isEqualTo(profile);
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 3,").contains("\"memoryBytes\" : 4000000000")
                .contains("\"weightBytes\" : 7000").contains("\"measuredPeakBytes\" : 14000000");
        assertThat(json.split("measuredPeakBytes", -1)).as("block 0 only").hasSize(2);
        assertThat(back.segmentMemoryBytes(0, 1)).hasValue(87_000 + 13_447_168);
        // AND without them the same profile stays version 1, byte for byte as before
        assertThat(ProfileFiles.toJson(plain)).contains("\"version\" : 1,").doesNotContain("memory");
    }

    @Test
    void should_refuse_memory_fields_in_an_older_version_and_partial_memory(@TempDir Path dir) throws IOException {
        // GIVEN a version 3 file
        Profile profile = sample().withMemory(List.of(BlockMemory.estimate(1, 2), BlockMemory.estimate(3, 4)));
        String good = ProfileFiles.toJson(profile);
        // WHEN / THEN the memory fields are unknown in version 2
        InvalidFileException e = readProfileText(dir, good.replace("\"version\" : 3", "\"version\" : 2"));
        assertThat(e.getMessage()).contains("memory");
        // AND one block without memory is refused, naming the blocks
        String partial = good.replaceFirst(",\\s*\"memory\" : \\{[^}]*\\}", "");
        assertThat(partial).isNotEqualTo(good);
        e = readProfileText(dir, partial);
        assertThat(e.getMessage()).contains("at /blocks").contains("only 1 of the 2 blocks have \"memory\"");
        // AND a negative measured peak is refused, naming the field
        e = readProfileText(dir, good.replace("\"activationBytes\" : 2", "\"activationBytes\" : 2, "
                + "\"measuredPeakBytes\" : -5"));
        assertThat(e.getMessage()).contains("measuredPeakBytes").contains("must not be negative");
        // AND a negative capacity
        e = readProfileText(dir, good.replace("\"hardware\" : \"GTX 1070\"", "\"hardware\" : \"GTX 1070\", "
                + "\"memoryBytes\" : -1"));
        assertThat(e.getMessage()).contains("memoryBytes");
    }

    @Test
    void should_write_version_3_with_the_hop_cost_only_when_the_profile_records_one(@TempDir Path dir)
            throws IOException {
        // GIVEN a version-1 profile and the same with a hop cost
        Profile old = sample();
        Profile withCost = old.withHopCost(new HopCost(1.25e-4, 3.5e-10));
        Path file = dir.resolve("p.json");
        // WHEN
        ProfileFiles.write(withCost, file);
        Profile back = ProfileFiles.read(file);
        // THEN the cost round-trips exactly in a version 3 file
        assertThat(back).isEqualTo(withCost);
        assertThat(back.hopCost()).isEqualTo(new HopCost(1.25e-4, 3.5e-10));
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 3,").contains("\"hopCost\" : {")
                .contains("\"fixedSeconds\" : 1.25E-4").contains("\"secondsPerByte\" : 3.5E-10");
        // AND without it the file keeps its old version, byte for byte the same as before
        assertThat(ProfileFiles.toJson(old)).contains("\"version\" : 1,").doesNotContain("hopCost");
        assertThat(ProfileFiles.read("p.json", new ByteArrayInputStream(ProfileFiles.toJson(old)
                .getBytes(StandardCharsets.UTF_8))).hopCost()).isEqualTo(HopCost.NONE);
        // AND a version 2 file must not carry the version 3 field
        String v2 = json.replace("\"version\" : 3,", "\"version\" : 2,");
        Files.writeString(file, v2);
        assertThatThrownBy(() -> ProfileFiles.read(file)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("at /hopCost").hasMessageContaining("field of format version 3");
        // AND a negative cost is refused, naming the field
        Files.writeString(file, json.replace("\"fixedSeconds\" : 1.25E-4", "\"fixedSeconds\" : -1.0"));
        assertThatThrownBy(() -> ProfileFiles.read(file)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("hopCost").hasMessageContaining("must be finite and 0 or more");
    }

    @Test
    void should_write_version_3_with_the_copy_cost_only_when_the_profile_records_one(@TempDir Path dir)
            throws IOException {
        // GIVEN a version-1 profile and the same with a copy cost
        Profile old = sample();
        CopyCost cost = new CopyCost(1.5e-4, 2.5e-9, 2.5e-5, 1.25e-9);
        Profile withCost = old.withCopyCost(cost);
        Path file = dir.resolve("p.json");
        // WHEN
        ProfileFiles.write(withCost, file);
        Profile back = ProfileFiles.read(file);
        // THEN the cost round-trips exactly in a version 3 file
        assertThat(back).isEqualTo(withCost);
        assertThat(back.copyCost()).isEqualTo(cost);
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 3,").contains("\"copyCost\" : {")
                .contains("\"inFixedSeconds\" : 1.5E-4").contains("\"outSecondsPerByte\" : 1.25E-9");
        // AND without it the file keeps its old version and bytes, and reads back without a copy cost
        assertThat(ProfileFiles.toJson(old)).contains("\"version\" : 1,").doesNotContain("copyCost");
        assertThat(ProfileFiles.read("p.json", new ByteArrayInputStream(ProfileFiles.toJson(old)
                .getBytes(StandardCharsets.UTF_8))).copyCost()).isEqualTo(CopyCost.NONE);
        // AND a version 2 file must not carry the version 3 field
        Files.writeString(file, json.replace("\"version\" : 3,", "\"version\" : 2,"));
        assertThatThrownBy(() -> ProfileFiles.read(file)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("at /copyCost").hasMessageContaining("field of format version 3");
        // AND a negative cost or an unknown field is refused, naming the field
        Files.writeString(file, json.replace("\"inFixedSeconds\" : 1.5E-4", "\"inFixedSeconds\" : -1.0"));
        assertThatThrownBy(() -> ProfileFiles.read(file)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("copyCost").hasMessageContaining("must be finite and 0 or more");
        Files.writeString(file, json.replace("\"inFixedSeconds\"", "\"inFixed\""));
        assertThatThrownBy(() -> ProfileFiles.read(file)).isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("copyCost");
    }

    /** The until-stable rule of format version 2: every block stable, 6 passes at least, 95 %, a budget of 60. */
    static final SamplingRule V2_RULE = new SamplingRule(6, 100, 0.95, 0.05, 5e-6, 60);

    /** A profile as a version 2 until-stable profiler wrote it: 7 passes, one rejected, a precision per timing. */
    static Profile untilStable() {
        Profile p = sample();
        Sampling sampling = new Sampling(V2_RULE.withRepeats(6, 40), 7, 1, 16.5, Sampling.Stop.STABLE);
        Provenance v = p.provenance();
        Provenance provenance = new Provenance(v.host(), v.cpu(), v.os(), v.jvm(), v.runtime(), v.threads(),
                v.warmups(), 6, v.date(), v.runOverheadSeconds(), v.weights(), v.notes(), sampling);
        List<Double> block0 = List.of(0.1, 0.11, 0.1, 0.12, 0.1, 0.1);
        List<Double> block1 = List.of(0.001, 0.001, 0.0012, 0.001, 0.0011, 0.001);
        List<Double> whole = List.of(0.2, 0.21, 0.2, 0.22, 0.2, 0.2);
        return new Profile(p.resource(), p.layout(), provenance,
                List.of(new BlockTiming(p.layout().blocks().get(0),
                                Timing.of(block0).withPrecision(Precision.ofMedian(block0, 0.95, 0.02))),
                        new BlockTiming(p.layout().blocks().get(1), Timing.of(block1))),
                List.of(new RangeTiming(0, 1, Timing.of(whole).withPrecision(Precision.ofMedian(whole, 0.95, 0.01)))));
    }

    @Test
    void should_round_trip_the_sampling_and_the_precision_when_the_profile_repeated_until_stable(
            @TempDir Path dir) throws IOException {
        // GIVEN
        Profile profile = untilStable();
        Path file = dir.resolve("p.json");
        // WHEN
        ProfileFiles.write(profile, file);
        Profile back = ProfileFiles.read(file);
        // THEN
        assertThat(back).isEqualTo(profile);
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 2").contains("\"stop\" : \"stable\"")
                .contains("\"rejectedPasses\" : 1").contains("\"budgetWholeModels\" : 60.0");
        Precision p = back.blocks().get(0).timing().precision();
        assertThat(p.confidence()).isEqualTo(0.96875);
        assertThat(p.low()).isEqualTo(0.1);
        assertThat(p.high()).isEqualTo(0.12);
        assertThat(p.stable()).isTrue();
        assertThat(back.blocks().get(1).timing().precision().isRecorded()).isFalse();
        assertThat(json.split("\"precision\"", -1)).as("block 0 and the whole model only").hasSize(3);
    }

    /** {@link #untilStable()} as the default rule writes it: scope sums and the split-inference total (version 3). */
    static Profile untilStableV3() {
        Profile p = untilStable();
        List<Double> totals = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            totals.add(p.blocks().get(0).timing().samples().get(i) + p.blocks().get(1).timing().samples().get(i));
        }
        double median = Timing.of(totals).summary().median();
        Sampling sampling = new Sampling(SamplingRule.UNTIL_STABLE.withRepeats(6, 40), 7, 1, 1.5,
                Sampling.Stop.STABLE, new Sampling.SplitTotal(median, Precision.ofMedian(totals, 0.9, 0.05 * median)));
        Provenance v = p.provenance();
        Provenance provenance = new Provenance(v.host(), v.cpu(), v.os(), v.jvm(), v.runtime(), v.threads(),
                v.warmups(), 6, v.date(), v.runOverheadSeconds(), v.weights(), v.notes(), sampling);
        return new Profile(p.resource(), p.layout(), provenance, p.blocks(), p.ranges());
    }

    @Test
    void should_write_version_3_with_the_scope_and_the_split_total_when_the_rule_stops_on_the_sums(
            @TempDir Path dir) throws IOException {
        // GIVEN a profile of the default rule
        Profile profile = untilStableV3();
        Path file = dir.resolve("p.json");
        // WHEN
        ProfileFiles.write(profile, file);
        Profile back = ProfileFiles.read(file);
        // THEN it round-trips, as version 3, with the new fields spelt out
        assertThat(back).isEqualTo(profile);
        String json = Files.readString(file);
        assertThat(json).contains("\"version\" : 3").contains("\"scope\" : \"sums\"").contains("\"splitTotal\"")
                .contains("\"budgetWholeModels\" : 15.0");
        Sampling.SplitTotal t = back.provenance().sampling().splitTotal();
        // totals 0.101, 0.111, 0.1012, 0.121, 0.1011, 0.101: median 0.10115, [x(1), x(6)] at 96.875 %
        assertThat(t.median()).isCloseTo(0.10115, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.precision().low()).isEqualTo(0.101);
        assertThat(t.precision().high()).isCloseTo(0.121, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.precision().confidence()).isEqualTo(0.96875);
        assertThat(t.precision().stable()).isFalse();
        // AND the version 2 profile, whose rule is every block's, is still written as version 2, without them
        assertThat(ProfileFiles.toJson(untilStable())).contains("\"version\" : 2").doesNotContain("scope")
                .doesNotContain("splitTotal");
    }

    @Test
    void should_round_trip_every_version_3_field_together_and_keep_them_when_power_is_given(@TempDir Path dir)
            throws IOException {
        // GIVEN a profile of the default rule (scope, split total) with a hop cost, memory figures and a capacity
        Profile sums = untilStableV3();
        Profile profile = sums.withHopCost(new HopCost(1.25e-4, 3.5e-10))
                .withMemory(List.of(BlockMemory.estimate(7_000, 13_447_168), new BlockMemory(80_000, 12_849_056,
                        13_000_000)))
                .withResource(sums.resource().withMemory(io.scission.platform.DataSize.ofBytes(4_000_000_000L)));
        Path file = dir.resolve("p.json");
        // WHEN
        ProfileFiles.write(profile, file);
        Profile back = ProfileFiles.read(file);
        // THEN one version 3 file holds them all, and they read back equal
        assertThat(back).isEqualTo(profile);
        assertThat(Files.readString(file)).contains("\"version\" : 3,").contains("\"scope\" : \"sums\"")
                .contains("\"splitTotal\"").contains("\"hopCost\" : {").contains("\"memoryBytes\" : 4000000000")
                .contains("\"weightBytes\" : 80000").contains("\"measuredPeakBytes\" : 13000000");
        // AND giving the resource power figures keeps the hop cost, the memory figures and the capacity
        Profile powered = ProfileSet.of(List.of(back)).withPower(back.resource().name(),
                io.scission.platform.Power.of(4.5, 1.2, 0.9)).profiles().get(0);
        assertThat(powered.hopCost()).isEqualTo(profile.hopCost());
        assertThat(powered.memory()).isEqualTo(profile.memory());
        assertThat(powered.resource().memory()).isEqualTo(profile.resource().memory());
        assertThat(powered.resource().power()).isEqualTo(io.scission.platform.Power.of(4.5, 1.2, 0.9));
    }

    @Test
    void should_refuse_the_version_3_fields_in_a_version_2_file_and_an_unknown_scope(@TempDir Path dir)
            throws IOException {
        // GIVEN a version 3 file
        String good = profileJson(untilStableV3());
        // WHEN / THEN labelled version 2, its new fields are unknown; an unknown scope is named
        InvalidFileException e = readProfileText(dir, good.replace("\"version\" : 3", "\"version\" : 2"));
        assertThat(e.getMessage()).contains("at /provenance/sampling").contains("unknown field");
        e = readProfileText(dir, good.replace("\"scope\" : \"sums\"", "\"scope\" : \"some\""));
        assertThat(e.getMessage()).contains("at /provenance/sampling/rule/scope")
                .contains("\"some\" is not a scope of the stopping rule (every-block, sums)");
        e = readProfileText(dir, good.replaceFirst("(\"splitTotal\" : \\{\\s*\"median\" : )[0-9.eE-]+", "$10.2"));
        assertThat(e.getMessage()).contains("at /provenance/sampling/splitTotal")
                .contains("inside its interval");
    }

    @Test
    void should_read_the_profile_example_of_the_file_format_documentation() throws IOException {
        // GIVEN the profile example of docs/file-formats.md, as written there
        String doc = Files.readString(Path.of("..", "docs", "file-formats.md"));
        String section = doc.substring(doc.indexOf("## Profile: `scission-profile`, version 3"));
        String json = section.substring(section.indexOf("```json") + 7, section.indexOf("```", section.indexOf("```json") + 7));
        // WHEN
        Profile p = ProfileFiles.read("file-formats.md", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        // THEN
        Sampling s = p.provenance().sampling();
        assertThat(s.rule()).isEqualTo(SamplingRule.UNTIL_STABLE);
        assertThat(s.passes() - s.rejectedPasses()).isEqualTo(p.provenance().repeats()).isEqualTo(6);
        assertThat(s.stop()).isEqualTo(Sampling.Stop.STABLE);
        Timing t = p.blocks().get(0).timing();
        assertThat(t.precision()).isEqualTo(Precision.ofMedian(t.samples(), 0.9,
                SamplingRule.UNTIL_STABLE.tolerance(t.summary().median(), 0.071, 2)));
        List<Double> totals = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            totals.add(t.samples().get(i) + p.blocks().get(1).timing().samples().get(i));
        }
        assertThat(s.splitTotal().median()).isCloseTo(Timing.of(totals).summary().median(),
                org.assertj.core.data.Offset.offset(1e-12));
        Precision expected = Precision.ofMedian(totals, 0.9, 0.05 * s.splitTotal().median());
        Precision written = s.splitTotal().precision();
        assertThat(written.low()).isCloseTo(expected.low(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(written.high()).isCloseTo(expected.high(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(written.confidence()).isEqualTo(expected.confidence()).isEqualTo(0.96875);
        assertThat(written.stable()).isEqualTo(expected.stable()).isTrue();
        assertThat(s.budgetSeconds()).isCloseTo(15 * 0.071, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void should_read_a_version_1_file_as_a_fixed_count_without_precision() throws IOException {
        // GIVEN the version 1 example of docs/file-formats.md
        String v1 = """
                {
                  "format": "scission-profile",
                  "version": 1,
                  "resource": { "name": "raspi4", "tier": "device", "hardware": "ARMv8 1.5 GHz, 4 cores" },
                  "model": { "name": "vgg19", "layers": 26, "inputBytes": 602112, "partitionRule": "scission" },
                  "provenance": {
                    "host": "pi", "cpu": "Cortex-A72", "os": "Linux 5.10", "jvm": "OpenJDK 17.0.15",
                    "runtime": "TensorFlow 2.18.0 (TF Java 1.1.0)", "threads": 4, "warmups": 3, "repeats": 3,
                    "date": "2026-11-26T12:00:00Z", "runOverheadSeconds": 8.1e-5,
                    "weights": "seeded-random(seed=42)", "notes": ""
                  },
                  "blocks": [
                    { "index": 0, "firstLayer": 0, "lastLayer": 25, "outputBytes": 4000,
                      "samples": [0.061, 0.060, 0.062] }
                  ],
                  "ranges": [ { "firstBlock": 0, "lastBlock": 0, "samples": [0.71, 0.70, 0.72] } ]
                }
                """;
        // WHEN
        Profile p = ProfileFiles.read("v1.json", new ByteArrayInputStream(v1.getBytes(StandardCharsets.UTF_8)));
        // THEN
        assertThat(p.provenance().sampling()).isEqualTo(Sampling.fixed(3));
        assertThat(p.provenance().sampling().stop()).isEqualTo(Sampling.Stop.FIXED);
        assertThat(p.blocks().get(0).timing().precision()).isEqualTo(Precision.NOT_RECORDED);
        assertThat(p.blocks().get(0).timing().summary().median()).isEqualTo(0.061);
        // AND version 2's fields are unknown in a version 1 file
        String withSampling = v1.replace("\"notes\": \"\"", "\"notes\": \"\", \"sampling\": {}");
        assertThatThrownBy(() -> ProfileFiles.read("v1.json",
                new ByteArrayInputStream(withSampling.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("at /provenance/sampling")
                .hasMessageContaining("unknown field \"sampling\"");
    }

    @Test
    void should_name_the_field_when_the_sampling_or_a_precision_is_malformed(@TempDir Path dir) throws IOException {
        String good = profileJson(untilStable());
        InvalidFileException e;

        e = readProfileText(dir, good.replace("\"stop\" : \"stable\"", "\"stop\" : \"tired\""));
        assertThat(e.getMessage()).contains("at /provenance/sampling/stop").contains("\"tired\" is not a reason");

        e = readProfileText(dir, good.replace("\"rejectedPasses\" : 1", "\"rejectedPasses\" : 2"));
        assertThat(e.getMessage()).contains("at /provenance").contains("The repeats (6) of a profile must be its "
                + "timed passes (7) minus its rejected passes (2)");

        e = readProfileText(dir, good.replace("\"minRepeats\" : 6", "\"minRepeats\" : 60"));
        assertThat(e.getMessage()).contains("at /provenance/sampling/rule").contains("The repeats (60 to 40)");

        e = readProfileText(dir, good.replace("\"stable\" : true", "\"stable\" : \"yes\""));
        assertThat(e.getMessage()).contains("at /blocks/0/precision/stable").contains("expected true or false");

        e = readProfileText(dir, good.replace("\"low\" : 0.1,", "\"low\" : 0.105,"));
        assertThat(e.getMessage()).contains("at /blocks/0").contains("does not hold the median (0.1 s)");
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
