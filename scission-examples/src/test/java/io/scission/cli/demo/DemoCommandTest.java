package io.scission.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Parameter;
import io.scission.PlanMap;
import io.scission.Scission;
import io.scission.cli.ScissionCli;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.cli.profile.TestProfiler;
import io.scission.platform.DataSize;
import io.scission.platform.DataUnit;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo end to end, fast: the test class path's TestProfiler profiles zoo models in this JVM, whatever the
 * thread count, so no TensorFlow runs. TensorFlowCommandsIT runs it with TensorFlow.
 */
class DemoCommandTest {

    @Test
    void should_profile_three_emulated_resources_and_answer_the_papers_questions_when_run(@TempDir Path dir)
            throws IOException {
        // GIVEN / WHEN
        Run run = TestData.run("demo", "--model", "vgg16", "-o", dir.toString(), "--repeats", "1", "--warmups", "0");

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(run.out()).contains("PART 1 - THE PAPER'S HARDWARE (built-in reference data, no profiling)",
                "The reference data reproduce 19 of the paper's 21 answers checked here.",
                "PART 2 - THIS MACHINE, PROFILED LIVE AS EMULATED RESOURCES",
                "Scission demo: VGG16, 23 layers, input 150 KB (the paper's image).",
                "EMULATION: all three resources are this machine (" + cpus + " logical CPUs)",
                "device-1t = device tier, 1 thread",
                "Profiled VGG16 on device-1t (device): 22 blocks, 0 warm-up and 1 timed runs each, 1 thread(s)",
                "Best plan (Fig. 6-8):", "  3G     ", "  4G     ", "  wired  ",
                "Best plan that must use device, edge and cloud (Fig. 10/11):",
                "Top 3 plans per pipeline, wired (Table IV):", "  Device-Edge", "  Device-Edge-Cloud",
                "Drone: ResNet50 on the paper's hardware, the device's uplink from 0.1 to 100 Mbps",
                "Drone: VGG16, the device's uplink from 0.1 to 100 Mbps (4G otherwise): exact map,",
                "Profiles written to " + dir.resolve("profiles/vgg16").toAbsolutePath(),
                "Report written to   " + dir.resolve("report.html").toAbsolutePath(), "Demo finished in ");
        ProfileSet profiles = Scission.readProfiles(dir.resolve("profiles/vgg16"));
        assertThat(profiles.resources()).hasSize(3);
        assertThat(profiles.profile("device-1t").orElseThrow().provenance().notes())
                .isEqualTo("TestProfiler; threads 1");
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("EMULATION: all three resources are this machine", "Table IV",
                "Part 1 - the paper's hardware: ResNet50", "Part 2 - this machine, profiled live: VGG16");
        // part 1: 14 best plans (VGG19 5, ResNet50 6, MobileNetV2 3); part 2: 6 (3 networks, 3 must-use-all)
        assertThat(html.split("class=\"chart plan\"", -1)).hasSize(14 + 6 + 1);
        // the drone's map twice: on the paper's hardware (part 1, ResNet50) and on this machine's profiles
        assertThat(html.split("class=\"chart map\"", -1)).hasSize(2 + 1);
        PlanMap live = Scission.query().inputSize(DataSize.of(150, DataUnit.KB))
                .mapOver(Parameter.uplinkBandwidth(), 0.1, 100).solve(profiles, Scission.network(NetworkPreset.FOUR_G));
        for (PlanMap.Interval i : live.intervals()) {
            assertThat(run.out()).contains(DemoCommand.placement(i.best().orElseThrow()));
        }
    }

    @Test
    void should_turn_fusion_off_only_when_asked_with_no_fusion() {
        // GIVEN / WHEN the demo's options parsed as picocli parses them (negatable, true by default)
        // THEN --no-fusion is the way back; --fusion still means on, as before it became the default
        assertThat(fusion()).isTrue();
        assertThat(fusion("--fusion")).isTrue();
        assertThat(fusion("--no-fusion")).isFalse();
    }

    private static boolean fusion(String... args) {
        CommandLine cl = new CommandLine(new DemoCommand());
        cl.parseArgs(args);
        return cl.getCommandSpec().findOption("--fusion").getValue();
    }

    @Test
    void should_fail_with_a_suggestion_when_the_model_is_mistyped(@TempDir Path dir) {
        // GIVEN / WHEN
        Run run = TestData.run("demo", "--model", "resnet", "-o", dir.toString());

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: The model (resnet) is neither a file nor a zoo model. Maybe you meant "
                + "ResNet50 ('scission models' lists the zoo).\n");
    }

    @Test
    void should_warn_when_the_emulated_device_is_no_slower_than_the_edge() {
        // GIVEN the 1-thread profile measured as fast as the 2-thread one
        Profile edge = TestProfiler.run("vgg16", "edge-2t", Tier.EDGE, 2);
        Profile device = withThreads(TestProfiler.run("vgg16", "device-1t", Tier.DEVICE, 2), 1);
        Profile slowDevice = TestProfiler.run("vgg16", "device-1t", Tier.DEVICE, 1);

        // WHEN
        List<String> caveats = DemoCommand.caveats(List.of(device, edge), 3.25);

        // THEN
        assertThat(caveats).singleElement().asString().startsWith("device-1t (1 thread) measured no slower than "
                + "edge-2t (2 threads): 22.1 ms against 22.1 ms for the whole model. The thread limit did not "
                + "emulate a weaker machine here (load average 3.25 on ");
        assertThat(DemoCommand.caveats(List.of(slowDevice, edge), 3.25)).isEmpty();
    }

    private static Profile withThreads(Profile p, int threads) {
        Provenance v = p.provenance();
        return new Profile(p.resource(), p.layout(), new Provenance(v.host(), v.cpu(), v.os(), v.jvm(), v.runtime(),
                threads, v.warmups(), v.repeats(), v.date(), v.runOverheadSeconds(), v.weights(), v.notes()),
                p.blocks(), p.ranges());
    }

    @Test
    void should_name_one_two_and_all_threads_when_emulating() {
        // GIVEN / WHEN / THEN
        assertThat(DemoCommand.emulations(2)).extracting(DemoCommand.Emulation::name)
                .containsExactly("device-1t", "edge-2t", "cloud-2t");
        assertThat(DemoCommand.emulations(8)).extracting(DemoCommand.Emulation::threads).containsExactly(1, 2, 8);
        assertThat(DemoCommand.notes(2, DemoCommand.emulations(2))).anyMatch(n -> n.startsWith("Edge and cloud get "
                + "the same threads on this machine"));
        assertThat(DemoCommand.notes(8, DemoCommand.emulations(8))).noneMatch(n -> n.startsWith("Edge and cloud"));
    }

    @Test
    void should_fail_as_a_usage_error_in_this_jvm_when_the_repeats_are_negative() {
        // GIVEN / WHEN
        Run run = TestData.run("demo", "--model", "resnet", "--repeats", "-1");

        // THEN usage errors come before any child JVM is started
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: The repeats (-1) and the warm-ups (2) must not be negative (repeats 0: "
                + "until stable). Maybe write --repeats 5 --warmups 2. (see 'scission demo --help')\n");
    }
}
