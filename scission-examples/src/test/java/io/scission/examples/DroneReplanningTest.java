package io.scission.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.cli.TestData;
import io.scission.platform.Tier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DroneReplanningTest {

    @Test
    void should_switch_between_device_native_and_cloud_when_the_uplink_changes() {
        // GIVEN MobileNetV2 on the paper's hardware, and a drone leaving and re-entering 4G coverage
        DroneReplanning drone = new DroneReplanning(Scission.referenceProfiles("mobilenetv2"));
        // WHEN
        List<DroneReplanning.Decision> decisions = drone.fly(new double[] {1.6, 12.4, 12.4, 1.6});
        // THEN under 3G the model stays on the device (paper Fig. 8a); under 4G it runs in the cloud (Fig. 8b)
        assertThat(decisions.get(0).plan().isNative()).isTrue();
        assertThat(decisions.get(0).plan().segments().get(0).resource().tier()).isEqualTo(Tier.DEVICE);
        assertThat(decisions.get(1).plan().segmentsOn(Tier.CLOUD)).hasSize(1);
        assertThat(decisions.get(1).plan().segmentsOn(Tier.DEVICE)).isEmpty();
        assertThat(decisions).extracting(DroneReplanning.Decision::changed).containsExactly(true, true, false, true);
        assertThat(decisions.get(3).plan()).isEqualTo(decisions.get(0).plan());
    }

    @Test
    void should_print_one_line_per_second_when_run_as_a_program() {
        // GIVEN / WHEN run on the built-in reference data
        List<String> lines = run();

        // THEN
        assertLines(lines);
    }

    @Test
    void should_plan_alike_when_run_on_the_original_files() {
        // GIVEN the original tool's .dat files (skipped without them), read by scission-core alone
        String folder = TestData.originalData().toString();

        // WHEN / THEN
        assertThat(run(folder)).isEqualTo(run("mobilenetv2"));
        assertLines(run(folder));
    }

    private static List<String> run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            DroneReplanning.main(args);
        } finally {
            System.setOut(old);
        }
        // the search time differs from run to run
        return out.toString(StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("\\(search \\d+ us\\)", ""))
                .toList();
    }

    private static void assertLines(List<String> lines) {
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).startsWith("t= 0s uplink   1.6 Mbps  RE-PLAN -> ").contains("raspi4 (device) 0-156");
        assertThat(lines.get(4)).startsWith("t= 4s uplink  12.4 Mbps").contains("6700k(GPU) (cloud) 0-156");
        assertThat(lines.stream().filter(l -> l.contains("RE-PLAN")).count()).isGreaterThanOrEqualTo(3);
    }
}
