package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
                "--repeats", "2", "--warmups", "1", "--json", "--work-dir", dir.resolve("work").toString());

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
    }

    @Test
    void should_refuse_bad_repeats_when_validating() {
        // WHEN
        Run r = TestData.run("validate", dir.toString(), "MobileNet", "--preset", "4g", "--repeats", "0");

        // THEN
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("The repeats (0) must be at least 1");
    }
}
