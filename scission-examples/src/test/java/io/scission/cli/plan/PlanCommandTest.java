package io.scission.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.original.OriginalBenchmarks;
import io.scission.original.OriginalNetworkCsv;
import io.scission.platform.DataSize;
import io.scission.platform.NetworkFiles;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceNetwork;
import io.scission.query.Constraint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    /** The original tool's benchmark folder; tests that read it directly are skipped without it. */
    private static Path data() {
        return TestData.originalData();
    }

    private static String csv() {
        return data().resolve("network_stats.csv").toString();
    }

    private static Run plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        return TestData.run(all.toArray(new String[0]));
    }

    /**
     * Plans on the original tool's published data: the built-in reference profiles and its 3G network, which are
     * its .dat files and network_stats.csv converted (ReferenceParityTest checks they plan alike).
     */
    private static Run original(String model, String... args) {
        List<String> all = new ArrayList<>(List.of("--reference", model, "--reference-network", "3g"));
        all.addAll(List.of(args));
        return plan(all.toArray(new String[0]));
    }

    /** The table's rows, stripped: rank, latency, MB, compute, transfer, [score,] plan. */
    private static List<String> rows(Run run) {
        return run.lines().stream().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\.\\d{4}\\s.*")).map(String::strip)
                .toList();
    }

    @Nested
    class Table {

        @Test
        void should_find_the_readme_plans_when_given_the_readme_constraints_as_flags() {
            // GIVEN / WHEN the original README's -d "!-1" -e 10 -c 16, as core constraints
            Run run = original("vgg19", "--must-use", "device", "--layer-on", "10=edge", "--layer-on", "16=cloud",
                    "--top", "3");

            // THEN the same plans and numbers as the original's lines 1-3
            assertThat(run.err()).isEmpty();
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("Query: mustUse(DEVICE).layerOn(10, EDGE).layerOn(16, CLOUD).top(3)");
            assertThat(rows(run)).containsExactly(
                    "1       9.0106     2.4087       0.7666        8.2440  raspi4 0-6 > vm2Core 7-11 > 6700k(GPU) 12-25",
                    "2       9.0594     2.4087       0.8154        8.2440  raspi4 0-6 > 2500 7-11 > 6700k(GPU) 12-25",
                    "3       9.0721     2.4087       0.8281        8.2440  raspi4 0-6 > vm2Core 7-11 > 6700k(NoGPU) "
                            + "12-25");
        }

        @Test
        void should_break_each_plan_down_when_printing_the_table() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--must-use", "device", "--layer-on", "10=edge", "--layer-on", "16=cloud",
                    "--top", "1");

            // THEN compute per segment, and each hop's bytes and time (66.7 ms + 1605760 B / 200000 B/s)
            assertThat(run.lines()).containsSubsequence(
                    "[1] 9.0106 s = compute 0.7666 s + transfer 8.2440 s; 2.4087 MB sent",
                    "    compute  raspi4 (device)        layers 0-6    blocks 0-5    0.6808 s",
                    "    send     raspi4 -> vm2Core      1.6058 MB     1605760 B     8.0955 s",
                    "    compute  vm2Core (edge)         layers 7-11   blocks 6-10   0.0813 s",
                    "    send     vm2Core -> 6700k(GPU)  0.8029 MB     802944 B      0.1485 s",
                    "    compute  6700k(GPU) (cloud)     layers 12-25  blocks 11-24  0.0045 s");
            assertThat(run.lines().get(run.lines().size() - 1)).startsWith("Search: branch-and-bound, ");
        }

        @Test
        void should_show_the_input_hop_and_the_source_when_the_source_runs_nothing() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--top", "1");

            // THEN 100 ms + 150000 B / 200000 B/s
            assertThat(rows(run)).containsExactly(
                    "1       0.8586     0.1500       0.0086        0.8500  (raspi4) > 6700k(GPU) 0-25");
            assertThat(run.lines()).containsSubsequence(
                    "    send input  raspi4 -> 6700k(GPU)  0.1500 MB    150000 B     0.8500 s",
                    "    compute     6700k(GPU) (cloud)    layers 0-25  blocks 0-24  0.0086 s");
        }

        @Test
        void should_print_the_explanation_when_no_plan_satisfies_the_query() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--deadline", "1ms");

            // THEN
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("No plan satisfies the query.",
                    "without deadline(0.001s) the best plan would be 0.8586 s");
        }

        @Test
        void should_add_a_score_column_when_the_objective_is_not_latency() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--objective", "transfer", "--top", "1");

            // THEN the device-only plan sends nothing
            assertThat(run.lines()).contains("rank  latency (s)  sent (MB)  compute (s)  transfer (s)  score  plan");
            assertThat(rows(run)).containsExactly(
                    "1       2.7347     0.0000       2.7347        0.0000      0  raspi4 0-25");
        }
    }

    @Nested
    class Flags {

        @Test
        void should_map_every_flag_to_its_core_constraint() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--query", "exclude(\"2500\")", "--must-use", "edge",
                    "--must-use-resource", "vm2Core", "--exclude", "6700k(NoGPU)", "--exclude-resource", "raspi4",
                    "--include", "cloud=6700k(GPU)", "--distributed-only", "--layer-on", "20=cloud",
                    "--layer-not-on", "2=device", "--block-on", "0=edge", "--block-not-on", "3=cloud",
                    "--max-transfer", "edge:cloud=1MB", "--max-transfer-out", "edge=2MB", "--max-total-transfer",
                    "3MB", "--max-compute-time", "edge=0.5s", "--max-compute-share", "edge=90%:latency",
                    "--min-compute-share", "cloud=0.001", "--deadline", "2s", "--min-layers", "edge=1",
                    "--max-layers", "cloud=25", "--min-layer-share", "edge=10%", "--max-layer-share", "cloud=90%",
                    "--objective", "weighted:1,0.5", "--input-size", "150KB", "--source", "raspi4", "--statistic",
                    "mean", "--per-tier", "1", "--strategy", "exhaustive", "--top", "2");

            // THEN
            assertThat(run.err()).isEmpty();
            assertThat(run.code()).isZero();
            assertThat(run.lines()).contains("Query: exclude(\"2500\").mustUse(EDGE).mustUse(\"vm2Core\")"
                    + ".exclude(\"6700k(NoGPU)\").exclude(\"raspi4\").include(CLOUD, \"6700k(GPU)\")"
                    + ".distributedOnly().layerOn(20, CLOUD).layerNotOn(2, DEVICE).blockOn(0, EDGE)"
                    + ".blockNotOn(3, CLOUD).maxTransfer(EDGE, CLOUD, 1000000B).maxTransferOut(EDGE, 2000000B)"
                    + ".maxTotalTransfer(3000000B).maxComputeTime(EDGE, 0.5s)"
                    + ".maxComputeShare(EDGE, 0.9, LATENCY).minComputeShare(CLOUD, 0.001, COMPUTE)"
                    + ".deadline(2s).minLayers(EDGE, 1).maxLayers(CLOUD, 25).minLayerShare(EDGE, 0.1)"
                    + ".maxLayerShare(CLOUD, 0.9).minimize(weights(1, 5.0E-7)).inputSize(150000B)"
                    + ".source(\"raspi4\").statistic(MEAN).maxResourcesPerTier(1).strategy(EXHAUSTIVE).top(2)");
            assertThat(rows(run)).hasSize(2).allSatisfy(r -> assertThat(r).contains("vm2Core 0-", "6700k(GPU)"));
        }

        @Test
        void should_return_the_same_plans_as_the_core_api_when_given_the_same_query() {
            // GIVEN
            ProfileSet profiles = Scission.referenceProfiles("resnet50");
            QueryResult direct = Scission.query().mustUse(Tier.EDGE)
                    .maxTransfer(Tier.EDGE, Tier.CLOUD, DataSize.parse("1MB")).top(4)
                    .solve(profiles, Scission.referenceNetwork(ReferenceNetwork.THREE_G));

            // WHEN
            Run run = original("resnet50", "--must-use", "edge", "--max-transfer", "edge:cloud=1MB", "--top", "4");

            // THEN
            assertThat(rows(run)).hasSize(4);
            for (int i = 0; i < 4; i++) {
                PartitionConfig p = direct.plans().get(i);
                assertThat(rows(run).get(i)).contains(PlanTable.num(p.latencySeconds()), PlanTable.mb(p.bytesSent()));
            }
        }
    }

    @Nested
    class Inputs {

        @Test
        void should_plan_the_same_when_the_profiles_are_core_json_files(@TempDir Path dir) {
            // GIVEN the imported profiles written in core's format
            for (Profile p : OriginalBenchmarks.read(data()).profiles("vgg16").profiles()) {
                Scission.writeProfile(p, dir.resolve(p.resource().name() + ".json"));
            }

            // WHEN
            Run fromJson = plan(dir.toString(), "--preset", "3g", "--top", "3");
            Run fromOriginal = plan("--original", data().toString(), "vgg16", "--preset", "3g", "--top", "3");

            // THEN
            assertThat(fromJson.code()).isZero();
            assertThat(rows(fromJson)).hasSize(3).isEqualTo(rows(fromOriginal));
        }

        @Test
        void should_plan_the_same_when_the_network_is_core_json(@TempDir Path dir) {
            // GIVEN the original's CSV written as a core network file
            Path network = dir.resolve("network.json");
            NetworkFiles.write(OriginalNetworkCsv.read(Path.of(csv())), network);

            // WHEN
            Run fromJson = plan("--original", data().toString(), "vgg19", "--network", network.toString());
            Run fromCsv = original("vgg19");

            // THEN
            assertThat(rows(fromJson)).hasSize(5).isEqualTo(rows(fromCsv));
        }

        @Test
        void should_send_the_result_back_when_return_result_is_given(@TempDir Path dir) {
            // GIVEN the 4G preset, whose downlinks mirror its uplinks
            // WHEN
            Run run = plan("--reference", "vgg19", "--preset", "4g",
                    "--return-result", "--exclude", "device", "--top", "1");

            // THEN the 4,128-byte output goes back from the cloud: 55 ms + 4128 B / 1550000 B/s
            assertThat(run.err()).isEmpty();
            assertThat(run.lines()).anySatisfy(l -> assertThat(l)
                    .matches("    return +6700k\\(GPU\\) -> raspi4 +0\\.0041 MB +4128 B +0\\.0577 s"));
        }

        @Test
        void should_plan_without_a_tier_when_the_profiles_lack_it(@TempDir Path dir) {
            // GIVEN no cloud profiles (predict refuses this; the original crashed)
            for (Profile p : OriginalBenchmarks.read(data()).profiles("vgg19").profiles()) {
                if (!p.resource().tier().equals(Tier.CLOUD)) {
                    Scission.writeProfile(p, dir.resolve(p.resource().name() + ".json"));
                }
            }

            // WHEN
            Run run = plan(dir.toString(), "--network-csv", csv(), "--top", "1");

            // THEN the edge-only plan of the original's third line: 66.7 ms + 150000 B / 200000 B/s
            assertThat(rows(run)).containsExactly(
                    "1       1.1214     0.1500       0.3047        0.8167  (raspi4) > vm2Core 0-25");
        }
    }

    @Nested
    class Json {

        @Test
        void should_write_segments_hops_totals_and_stats_when_json_is_asked() throws IOException {
            // GIVEN / WHEN
            Run run = original("vgg19", "--must-use", "device", "--layer-on", "10=edge", "--layer-on", "16=cloud",
                    "--top", "2", "--json");

            // THEN
            assertThat(run.code()).isZero();
            JsonNode root = new ObjectMapper().readTree(run.out());
            assertThat(root.at("/format").asText()).isEqualTo("scission-plan");
            assertThat(root.at("/version").asInt()).isEqualTo(1);
            assertThat(root.at("/model/name").asText()).isEqualTo("vgg19");
            assertThat(root.at("/model/blocks").asInt()).isEqualTo(25);
            assertThat(root.at("/query").asText())
                    .isEqualTo("mustUse(DEVICE).layerOn(10, EDGE).layerOn(16, CLOUD).top(2)");
            assertThat(root.at("/plans")).hasSize(2);
            JsonNode best = root.at("/plans/0");
            assertThat(best.at("/latencySeconds").asDouble()).isBetween(9.01055, 9.01065);
            assertThat(best.at("/bytesSent").asLong()).isEqualTo(1_605_760L + 802_944L);
            assertThat(best.at("/segments")).hasSize(3);
            assertThat(best.at("/segments/1/resource").asText()).isEqualTo("vm2Core");
            assertThat(best.at("/segments/1/firstLayer").asInt()).isEqualTo(7);
            assertThat(best.at("/hops/0/kind").asText()).isEqualTo("intermediate");
            assertThat(best.at("/segments/1/tier").asText()).isEqualTo("edge");
            assertThat(root.at("/objective/name").asText()).isEqualTo("latency");
            assertThat(root.at("/objective/perSecond").asDouble()).isEqualTo(1.0);
            assertThat(root.at("/objective/perByte").asDouble()).isZero();
            assertThat(best.at("/hops/0/bytes").asLong()).isEqualTo(1_605_760L);
            assertThat(best.at("/computeSeconds").asDouble() + best.at("/transferSeconds").asDouble())
                    .isCloseTo(best.at("/latencySeconds").asDouble(), offset(1e-12));
            assertThat(root.at("/search/strategy").asText()).isEqualTo("branch-and-bound");
            assertThat(root.at("/search/plansEvaluated").asLong()).isPositive();
            assertThat(root.at("/explanation").asText()).isEmpty();
        }

        @Test
        void should_write_the_explanation_and_blockers_when_no_plan_exists() throws IOException {
            // GIVEN / WHEN
            Run run = original("vgg19", "--deadline", "1ms", "--json");

            // THEN
            JsonNode root = new ObjectMapper().readTree(run.out());
            assertThat(root.at("/plans")).isEmpty();
            assertThat(root.at("/explanation").asText()).contains("deadline(0.001s)");
            assertThat(root.at("/blockers/0").asText()).isEqualTo("deadline(0.001s)");
        }
    }

    @Nested
    class Errors {

        private void assertFails(Run run, int code, String... fragments) {
            assertThat(run.code()).isEqualTo(code);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("error: ");
            assertThat(run.err().strip()).doesNotContain("\n").contains(fragments);
        }

        @Test
        void should_fail_as_a_usage_error_when_profiles_are_given_twice_or_not_at_all() {
            // GIVEN / WHEN
            Run neither = plan("--preset", "3g");
            Run both = plan("profiles", "--reference", "vgg19", "--preset", "3g");
            Run twice = plan("--original", "benchmark_data", "vgg19", "--original", "benchmark_data", "vgg16",
                    "--preset", "3g");
            Run unknown = plan("--reference", "alexnet", "--preset", "3g");

            // THEN
            assertFails(neither, 2, "Give the profiles as one of a directory (PROFILES), --original BENCHMARK_FOLDER "
                    + "MODEL or --reference MODEL, not none.");
            assertFails(both, 2, "not 2");
            assertFails(twice, 2, "Give --original once");
            assertFails(unknown, 2, "The model (alexnet) is not in the reference data.");
        }

        @Test
        void should_fail_as_a_usage_error_when_no_or_two_networks_are_given() {
            // GIVEN / WHEN
            Run none = plan("--reference", "vgg19");
            Run two = plan("--reference", "vgg19", "--preset", "3g", "--reference-network", "wired");
            Run unknown = plan("--reference", "vgg19", "--preset", "5g");

            // THEN
            assertFails(none, 2, "--network", "--preset");
            assertFails(two, 2, "Give only one of --network, --network-csv, --preset or --reference-network, once.");
            assertFails(unknown, 2, "The network preset (5g) is not one of 3g, 4g, wired.");
        }

        @Test
        void should_list_tiers_and_resources_when_a_target_is_unknown() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--must-use", "fog");

            // THEN
            assertFails(run, 2, "The target (fog) of --must-use is neither a tier (device, edge, cloud) nor a "
                    + "profiled resource (raspi4, 2500, vm2Core, 6700k(GPU), 6700k(NoGPU)).");
        }

        @Test
        void should_fail_as_a_usage_error_when_a_value_is_malformed() {
            // GIVEN / WHEN
            Run size = original("vgg19", "--max-total-transfer", "lots");
            Run pair = original("vgg19", "--layer-on", "edge");
            Run duration = original("vgg19", "--deadline", "soon");
            Run share = original("vgg19", "--max-compute-share", "edge=30%:memory");
            Run objective = original("vgg19", "--objective", "cheap");

            // THEN
            assertFails(size, 2, "The size (lots) of --max-total-transfer is not a number with a unit");
            assertFails(pair, 2, "The value (edge) of --layer-on must have the form LAYER=TARGET.");
            assertFails(duration, 2, "The duration (soon) of --deadline is not a number");
            assertFails(share, 2, "The share basis (memory) of --max-compute-share is not compute or latency.");
            assertFails(objective, 2, "The objective (cheap) of --objective is not latency, transfer or weighted");
        }

        @Test
        void should_fail_as_a_usage_error_when_flags_contradict_or_repeat_the_query() {
            // GIVEN / WHEN
            Run contradiction = original("vgg19", "--must-use", "edge", "--exclude", "edge");
            Run repeated = original("vgg19", "--query", "top(3)", "--top", "4");
            Run malformed = original("vgg19", "--query", "mustUse(EDGE");

            // THEN
            assertFails(contradiction, 2, "exclude(EDGE) contradicts mustUse(EDGE)", "Maybe remove one of them.");
            assertFails(repeated, 2, "top is already set (3)");
            assertFails(malformed, 2, "The query (\"mustUse(EDGE\") is malformed at position");
        }

        @Test
        void should_fail_naming_the_statistic_when_the_profiles_record_only_means() {
            // GIVEN / WHEN
            Run run = original("vgg19", "--statistic", "median");

            // THEN
            assertFails(run, 1, "The profile of", "records no median", "Maybe use statistic(MEAN).");
        }

        @Test
        void should_fail_naming_the_file_when_the_profiles_directory_is_missing() {
            // GIVEN / WHEN
            Run run = plan("no-such-profiles", "--preset", "3g");

            // THEN
            assertFails(run, 1, "no-such-profiles: is not a directory.");
        }
    }

    /** Issue 10: a flag per constraint kind; sizes and counts a user types never crash or exhaust memory. */
    @Nested
    class Limits {

        private Path profiles(Path dir) {
            java.util.List<io.scission.model.Block> blocks = List.of(new io.scission.model.Block(0, 0, 1, 4000),
                    new io.scission.model.Block(1, 2, 2, 400), new io.scission.model.Block(2, 3, 3, 40));
            io.scission.model.BlockLayout layout = new io.scission.model.BlockLayout("tiny", 4, 150_000,
                    io.scission.model.PartitionRule.SCISSION, blocks);
            String[][] machines = {{"pi", "device", "0.5"}, {"edge1", "edge", "0.1"}, {"gpu", "cloud", "0.01"}};
            for (String[] m : machines) {
                List<io.scission.profile.BlockTiming> timings = new ArrayList<>();
                for (io.scission.model.Block b : blocks) {
                    timings.add(new io.scission.profile.BlockTiming(b, io.scission.profile.Timing.meanOnly(5,
                            Double.parseDouble(m[2]))));
                }
                Profile p = new Profile(io.scission.platform.Resource.of(m[0], Tier.named(m[1])), layout,
                        io.scission.profile.Provenance.unknown("test", 5, ""), timings, List.of())
                        .withMemory(List.of(io.scission.profile.BlockMemory.estimate(1000, 5000),
                                io.scission.profile.BlockMemory.estimate(2000, 500),
                                io.scission.profile.BlockMemory.estimate(3000, 50)));
                io.scission.profile.ProfileFiles.write(p, dir.resolve(m[0] + ".json"));
            }
            return dir;
        }

        @Test
        void should_apply_memory_capacities_and_limits_when_given_on_the_command_line(@TempDir Path dir)
                throws Exception {
            // GIVEN profiles whose block 0 needs 1000 + 5000 = 6000 bytes, blocks 0-1 8000, blocks 0-2 11000
            String profiles = profiles(dir).toString();
            // WHEN the device tier gets 8000 bytes, pi 5999 bytes, or a cloud limit of 3050 bytes (block 2 alone)
            Run fits = plan(profiles, "--preset", "4g", "--memory", "device=8000B", "--must-use", "device",
                    "--top", "50", "--json");
            Run small = plan(profiles, "--preset", "4g", "--memory", "pi=5999B", "--native-only", "--exclude",
                    "edge", "--exclude", "cloud", "--json");
            Run limit = plan(profiles, "--preset", "4g", "--max-memory", "cloud=3050B", "--must-use", "cloud",
                    "--top", "50", "--json");
            Run twice = plan(profiles, "--preset", "4g", "--memory", "device=1MB", "--memory", "pi=2MB");
            Run unknown = plan(profiles, "--preset", "4g", "--memory", "raspi9=1MB");
            // THEN
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertThat(fits.code()).as(fits.err()).isZero();
            List<Long> piMemory = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode plan : json.readTree(fits.out()).get("plans")) {
                for (com.fasterxml.jackson.databind.JsonNode seg : plan.get("segments")) {
                    if (seg.get("resource").asText().equals("pi")) {
                        piMemory.add(seg.get("memoryBytes").asLong());
                    }
                }
            }
            assertThat(piMemory).isNotEmpty().allMatch(m -> m <= 8000).contains(6000L, 8000L);
            assertThat(small.code()).as(small.err()).isZero();
            com.fasterxml.jackson.databind.JsonNode none = json.readTree(small.out());
            assertThat(none.get("plans")).isEmpty();
            assertThat(none.get("explanation").asText()).contains("maxMemory(\"pi\", 5999B)");
            assertThat(limit.code()).as(limit.err()).isZero();
            for (com.fasterxml.jackson.databind.JsonNode plan : json.readTree(limit.out()).get("plans")) {
                for (com.fasterxml.jackson.databind.JsonNode seg : plan.get("segments")) {
                    if (seg.get("resource").asText().equals("gpu")) {
                        assertThat(seg.get("firstBlock").asInt()).isEqualTo(2);
                    }
                }
            }
            assertThat(twice.code()).isEqualTo(2);
            assertThat(twice.err()).contains("The resource pi gets two memory capacities");
            assertThat(unknown.code()).isEqualTo(2);
            assertThat(unknown.err()).contains("raspi9").contains("--memory");
        }

        @Test
        void should_say_the_profiles_record_no_memory_when_a_capacity_is_given_for_the_reference_data() {
            // WHEN the built-in reference profiles (the original tool's data: no memory figures) get a capacity
            Run run = original("vgg19", "--memory", "device=512MB");
            // THEN one error naming the capacity and what is missing, rather than the capacity left out unsaid
            assertThat(run.code()).isNotZero();
            assertThat(run.err()).contains("maxMemory(").contains("512000000B").contains("records no memory figures")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        void should_have_a_flag_for_every_constraint_kind(@TempDir Path dir) {
            // GIVEN / WHEN a flag of every kind (native-only in a run of its own: it contradicts distributed-only)
            String profiles = profiles(dir).toString();
            Run all = plan(profiles, "--preset", "4g", "--must-use", "edge", "--exclude", "pi", "--include",
                    "cloud=gpu", "--distributed-only", "--layer-on", "3=cloud", "--layer-not-on", "2=device",
                    "--block-on", "1=edge", "--block-not-on", "0=cloud", "--max-transfer", "edge:cloud=1MB",
                    "--max-transfer-out", "edge=2MB", "--max-total-transfer", "3MB", "--max-compute-time",
                    "edge=5s", "--max-compute-share", "edge=90%:latency", "--min-compute-share", "cloud=0.001",
                    "--deadline", "20s", "--min-layers", "edge=1", "--max-layers", "cloud=3", "--min-layer-share",
                    "edge=10%", "--max-layer-share", "cloud=90%", "--max-memory", "cloud=1MB", "--power",
                    "pi=compute:4W,transmit:1W,idle:0.5W", "--max-energy", "device=1kJ");
            Run nativeOnly = plan(profiles, "--preset", "4g", "--native-only");
            // THEN a new constraint kind fails here until it has a flag
            List<Object> kinds = new ArrayList<>();
            for (Run run : List.of(all, nativeOnly)) {
                assertThat(run.code()).as(run.err()).isZero();
                String text = run.lines().stream().filter(l -> l.startsWith("Query: ")).findFirst().orElseThrow();
                Query.parse(text.substring("Query: ".length())).constraints().forEach(c -> kinds.add(c.getClass()));
            }
            assertThat(kinds).containsAll(List.of(Constraint.class.getPermittedSubclasses()));
        }

        @Test
        void should_list_every_plan_without_running_out_of_memory_when_top_is_two_billion(@TempDir Path dir)
                throws IOException {
            // WHEN
            Run run = plan(profiles(dir).toString(), "--preset", "4g", "--top", "2000000000", "--json");
            // THEN every plan of the 3-block model over 3 tiers, one resource each: 3 + 3*2 + 1 = 10
            assertThat(run.err()).isEmpty();
            assertThat(run.code()).isZero();
            assertThat(new ObjectMapper().readTree(run.out()).at("/plans")).hasSize(10);
        }

        @Test
        void should_fail_as_a_usage_error_when_a_size_overflows(@TempDir Path dir) {
            // WHEN
            Run huge = plan(profiles(dir).toString(), "--preset", "4g", "--max-total-transfer", "1e30B");
            Run largest = plan(profiles(dir).toString(), "--preset", "4g", "--max-total-transfer",
                    "9223372036854775807B");
            Run hugeInQuery = plan(profiles(dir).toString(), "--preset", "4g", "--query", "maxTotalTransfer(1e30B)");
            // THEN
            assertThat(huge.code()).isEqualTo(2);
            assertThat(huge.err()).contains("The size (1e30B) of --max-total-transfer is too large: more than "
                    + "9223372036854775807 bytes.");
            assertThat(largest.err()).isEmpty();
            assertThat(largest.code()).isZero();
            assertThat(hugeInQuery.code()).isEqualTo(2);
            assertThat(hugeInQuery.err()).contains("The data size (1e30 B) is too large");
        }
    }
}
