package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.PartitionConfig;
import io.scission.Scission;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.cli.profile.TestProfiler;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scission validate} on MobileNet with the test profiler's profiles (1-2 ms per layer, not real times): it
 * exports the query's plans, runs each through real worker processes and stops them all; the predictions it prints
 * are the query's. (How close real profiles' predictions come is measured, not tested: see docs/deployment.md.)
 */
class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_print_the_querys_predictions_beside_measured_times_and_leave_no_process_when_validating()
            throws Exception {
        // GIVEN profiles of MobileNet on device (1 thread), edge and cloud (2 threads each)
        Path profiles = dir.resolve("profiles");
        Files.createDirectories(profiles);
        Scission.writeProfile(TestProfiler.run("MobileNet", "device", Tier.DEVICE, 1), profiles.resolve("d.json"));
        Scission.writeProfile(TestProfiler.run("MobileNet", "edge", Tier.EDGE, 2), profiles.resolve("e.json"));
        Scission.writeProfile(TestProfiler.run("MobileNet", "cloud", Tier.CLOUD, 2), profiles.resolve("c.json"));
        ProfileSet set = Scission.readProfiles(profiles);
        List<PartitionConfig> expected = Scission.query().top(2).solve(set, Network.preset(NetworkPreset.FOUR_G))
                .plans();

        // WHEN
        Run r = TestData.run("validate", profiles.toString(), "MobileNet", "--preset", "4g", "--top", "2",
                "--repeats", "4", "--rounds", "2", "--warmups", "1", "--json", "--work-dir",
                dir.resolve("work").toString());

        // THEN one row per plan, with the query's prediction and a measured time
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("plans")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode row = json.get("plans").get(i);
            assertThat(row.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(row.get("plan").asText()).isEqualTo(expected.get(i).describe());
            assertThat(row.get("predictedSeconds").asDouble()).isEqualTo(expected.get(i).latencySeconds());
            assertThat(row.get("measuredSeconds").asDouble()).isPositive();
            assertThat(row.get("error").asDouble()).isEqualTo((row.get("measuredSeconds").asDouble()
                    - row.get("predictedSeconds").asDouble()) / row.get("measuredSeconds").asDouble());
        }
        assertThat(json.get("rankingAgrees").isBoolean()).isTrue();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        // AND each row splits the prediction (the query's compute and transfer) and the measured medians
        assertThat(json.get("format").asText()).isEqualTo("scission-validation");
        for (int i = 0; i < 2; i++) {
            JsonNode row = json.get("plans").get(i);
            assertThat(row.at("/predicted/compute").asDouble()).isEqualTo(expected.get(i).computeSeconds());
            assertThat(row.at("/predicted/transfer").asDouble()).isEqualTo(expected.get(i).transferSeconds());
            assertThat(row.at("/measured/compute").asDouble()).isPositive();
            assertThat(row.at("/measured/link").asDouble()).as("the emulated links' delays are the links' times")
                    .isGreaterThanOrEqualTo(expected.get(i).transferSeconds() - row.at("/predicted/hopCost").asDouble()
                            - 1e-3);
        }

        // AND the plans took turns: round 0 plan 1 twice then plan 2 twice, round 1 plan 2 first (as the inferences'
        // start times, each taken before its inference, order them)
        assertThat(json.get("rounds").asInt()).isEqualTo(2);
        List<double[]> all = new java.util.ArrayList<>(); // {start, plan, round}
        for (int i = 0; i < 2; i++) {
            JsonNode inferences = json.get("plans").get(i).get("inferences");
            assertThat(inferences).hasSize(4);
            for (JsonNode x : inferences) {
                all.add(new double[] {x.get("atSeconds").asDouble(), i, x.get("round").asInt()});
            }
        }
        all.sort(java.util.Comparator.comparingDouble(x -> x[0]));
        assertThat(all.stream().mapToInt(x -> (int) x[1]).toArray()).containsExactly(0, 0, 1, 1, 1, 1, 0, 0);
        assertThat(all.stream().mapToInt(x -> (int) x[2]).toArray()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        // AND each plan's spread is the range of its rounds' medians (of 2: their mean), from its own inferences
        for (int i = 0; i < 2; i++) {
            JsonNode row = json.get("plans").get(i);
            double[] medians = new double[2];
            double[] latencies = new double[4];
            for (int k = 0; k < 4; k++) {
                JsonNode x = row.get("inferences").get(k);
                latencies[k] = x.get("latencySeconds").asDouble();
                medians[x.get("round").asInt()] += x.get("latencySeconds").asDouble() / 2;
                assertThat(x.get("computeSeconds").asDouble()).isPositive().isLessThan(latencies[k]);
            }
            assertThat(row.get("roundMedianSeconds").get(0).asDouble()).isCloseTo(medians[0], within(1e-12));
            assertThat(row.get("roundMedianSeconds").get(1).asDouble()).isCloseTo(medians[1], within(1e-12));
            assertThat(row.get("spreadLowSeconds").asDouble()).isCloseTo(Math.min(medians[0], medians[1]),
                    within(1e-12));
            assertThat(row.get("spreadHighSeconds").asDouble()).isCloseTo(Math.max(medians[0], medians[1]),
                    within(1e-12));
            double pred = row.get("predictedSeconds").asDouble();
            assertThat(row.get("withinSpread").asBoolean()).isEqualTo(pred >= row.get("spreadLowSeconds").asDouble()
                    && pred <= row.get("spreadHighSeconds").asDouble());
            java.util.Arrays.sort(latencies);
            assertThat(row.get("measuredSeconds").asDouble()).isCloseTo((latencies[1] + latencies[2]) / 2,
                    within(1e-12));
            assertThat(row.get("minSeconds").asDouble()).isEqualTo(latencies[0]);
            assertThat(row.get("maxSeconds").asDouble()).isEqualTo(latencies[3]);
        }

        // AND WHEN the JSON goes into a report
        Path file = dir.resolve("validation.json");
        Files.writeString(file, r.out());
        Path html = dir.resolve("report.html");
        Run report = TestData.run("report", profiles.toString(), "--preset", "4g", "--validation", file.toString(),
                "-o", html.toString());

        // THEN the report has the section: a point per plan in the chart and the table's rows, numbers as measured
        assertThat(report.code()).as(report.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<h2 id=\"validation\">Predicted against measured latency</h2>");
        assertThat(page.split("<circle cx=", -1)).hasSize(1 + 2 + countCircles(page.substring(0,
                page.indexOf("<h2 id=\"validation\">"))));
        for (int i = 0; i < 2; i++) {
            JsonNode row = json.get("plans").get(i);
            assertThat(page).contains(String.format(java.util.Locale.ROOT, "<tr><td>%d</td><td>%.1f</td><td>%.1f</td>",
                    i + 1, row.get("predictedSeconds").asDouble() * 1e3, row.get("measuredSeconds").asDouble() * 1e3))
                    .contains(String.format(java.util.Locale.ROOT, "<td>%.1f-%.1f</td>",
                            row.get("spreadLowSeconds").asDouble() * 1e3, row.get("spreadHighSeconds").asDouble() * 1e3));
        }
    }

    private static int countCircles(String html) {
        return html.split("<circle cx=", -1).length - 1;
    }

    @Test
    void should_refuse_in_one_message_a_validation_file_that_validate_did_not_write() throws Exception {
        // GIVEN a profile's JSON where validate's is expected
        Path profiles = dir.resolve("profiles");
        Files.createDirectories(profiles);
        Scission.writeProfile(TestProfiler.run("MobileNet", "device", Tier.DEVICE, 1), profiles.resolve("d.json"));
        // WHEN
        Run r = TestData.run("report", profiles.toString(), "--preset", "4g", "--validation",
                profiles.resolve("d.json").toString(), "-o", dir.resolve("r.html").toString());
        // THEN
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not the JSON of 'scission validate --json'").contains("Maybe write it with");
        assertThat(Files.exists(dir.resolve("r.html"))).isFalse();
    }

    @Test
    void should_refuse_more_rounds_than_repeats_before_starting_anything_when_validating() {
        // WHEN
        Run r = TestData.run("validate", dir.toString(), "MobileNet", "--preset", "4g", "--repeats", "3", "--rounds",
                "4");

        // THEN
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("The rounds (4) must be between 1 and the repeats (3)").contains("Maybe");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void should_refuse_bad_repeats_when_validating() {
        // WHEN
        Run r = TestData.run("validate", dir.toString(), "MobileNet", "--preset", "4g", "--repeats", "0");

        // THEN
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("The repeats (0) must be at least 1");
    }

    @Test
    void should_report_the_failed_hop_first_and_stop_every_worker_when_closing_fails_too() throws Exception {
        // GIVEN profiles of MobileNet on device, edge and cloud; once every plan's workers listen, the first plan's
        // last worker is killed; and closing each plan's pipeline fails (after closing it) — ValidateCommand's seams
        Path profiles = dir.resolve("profiles");
        Files.createDirectories(profiles);
        Scission.writeProfile(TestProfiler.run("MobileNet", "device", Tier.DEVICE, 1), profiles.resolve("d.json"));
        Scission.writeProfile(TestProfiler.run("MobileNet", "edge", Tier.EDGE, 2), profiles.resolve("e.json"));
        Scission.writeProfile(TestProfiler.run("MobileNet", "cloud", Tier.CLOUD, 2), profiles.resolve("c.json"));
        List<Process> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
        String[] killed = new String[2]; // its resource and address
        ValidateCommand.started = plans -> {
            plans.forEach(w -> workers.addAll(w.processes().values()));
            Map.Entry<String, Process> last = null;
            for (Map.Entry<String, Process> e : plans.get(0).processes().entrySet()) {
                last = e;
            }
            killed[0] = last.getKey();
            killed[1] = plans.get(0).addresses().get(last.getKey());
            last.getValue().destroyForcibly();
            try {
                last.getValue().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ValidateCommand.closing = p -> {
            p.close();
            throw new IllegalStateException("Closing the pipeline failed (forced by the test).");
        };
        Run r;
        try {
            // WHEN
            r = TestData.run("validate", profiles.toString(), "MobileNet", "--preset", "4g", "--top", "2",
                    "--repeats", "2", "--rounds", "1", "--warmups", "1", "--work-dir", dir.resolve("work").toString());
        } finally {
            ValidateCommand.started = w -> {
            };
            ValidateCommand.closing = io.scission.grpc.Pipeline::close;
        }

        // THEN the error the user sees is the failed hop, naming the killed worker, and the close failure comes after
        // it; no worker of either plan is left
        assertThat(r.code()).isEqualTo(io.scission.cli.ScissionCli.EXIT_FAILURE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("error: The inference failed at hop ")
                .contains("worker " + killed[0] + " at " + killed[1] + ": ");
        assertThat(lines.get(1)).isEqualTo("also: Closing the pipeline failed (forced by the test).");
        assertThat(workers).hasSizeGreaterThan(1).noneMatch(Process::isAlive);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }
}
