package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the commands that profile with real TensorFlow from the packaged jar, in a fresh JVM started like a user
 * would start it (without {@code TF_OVERRIDE_GLOBAL_THREADPOOL}), on the zoo's smallest model and one repeat, so
 * that it stays a smoke test (seconds, not minutes).
 */
class TensorFlowCommandsIT {

    private static final Path JAR = Path.of("target", "scission.jar");

    /** The outcome of a process. */
    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void needsTheTensorFlowProviders() {
        try {
            Class.forName("io.scission.tf.TensorFlowProfiler");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("scission-tf has no TensorFlowProfiler on this branch yet");
        }
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("scission-out", ".txt");
        Path err = Files.createTempFile("scission-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("TF_OVERRIDE_GLOBAL_THREADPOOL");
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished within 300 s").isTrue();
        Charset cs = Charset.defaultCharset();
        return new Result(p.exitValue(), Files.readString(out, cs), Files.readString(err, cs));
    }

    @Test
    void should_profile_in_a_child_jvm_with_the_thread_pool_variable_when_threads_are_given(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN
        Path file = dir.resolve("pi.json");

        // WHEN
        Result r = java("profile", "MobileNet", "--resource", "pi", "--tier", "device", "--threads", "1",
                "--repeats", "1", "--warmups", "0", "-o", file.toString());

        // THEN the thread count took effect in TensorFlow (the profiler refuses otherwise)
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Profiled MobileNet on pi (device): 92 blocks, 0 warm-up and 1 timed runs each, "
                + "1 thread(s)", "additivity error", "Profile written to " + file.toAbsolutePath());
        assertThat(r.err()).contains("MobileNet on pi (1 thread): 1/1");
        Profile p = Scission.readProfile(file);
        assertThat(p.provenance().threads()).isEqualTo(1);
        assertThat(p.provenance().runtime()).startsWith("TensorFlow ");
        assertThat(p.provenance().notes()).contains("TF_OVERRIDE_GLOBAL_THREADPOOL=1");
        assertThat(p.wholeModel()).isPresent();
    }

    @Test
    void should_repeat_until_stable_under_the_given_tolerance_and_budget_in_the_child_jvm(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN a loose tolerance and a small budget, so that it stays a smoke test
        Path file = dir.resolve("pi.json");

        // WHEN
        Result r = java("profile", "MobileNet", "--resource", "pi", "--tier", "device", "--threads", "1",
                "--warmups", "0", "--tolerance", "40", "--budget", "10", "-o", file.toString());

        // THEN the child JVM's profiler followed the rule the command line gave, and the profile records it
        assertThat(r.code()).as(r.err()).isZero();
        Profile p = Scission.readProfile(file);
        Sampling s = p.provenance().sampling();
        assertThat(s.rule()).isEqualTo(SamplingRule.UNTIL_STABLE.withRelativeTolerance(0.4).withBudget(10));
        assertThat(s.stop()).isIn(Sampling.Stop.STABLE, Sampling.Stop.BUDGET);
        assertThat(s.passes()).isBetween(s.rule().minRepeats(), s.rule().maxRepeats());
        assertThat(r.out()).contains("Profiled MobileNet on pi (device): 92 blocks, 0 warm-up and " + s.passes()
                + " timed passes (" + s.rejectedPasses() + " left out as disturbed), 1 thread(s); ");
        assertThat(p.blocks()).allSatisfy(b -> assertThat(b.timing().precision().isRecorded()).isTrue());
    }

    @Test
    void should_run_the_demo_on_real_tensorflow_when_given_a_small_model(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN / WHEN
        Result r = java("demo", "--model", "MobileNet", "--repeats", "1", "--warmups", "0", "-o", dir.toString());

        // THEN
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("PART 1 - THE PAPER'S HARDWARE", "[matches the paper: device-native (Fig. 8a)]",
                "PART 2 - THIS MACHINE", "EMULATION: all three resources are this machine", "Best plan (Fig. 6-8):",
                "Top 3 plans per pipeline, wired (Table IV):", "Demo finished in ");
        ProfileSet profiles = Scission.readProfiles(dir.resolve("profiles").resolve("mobilenet"));
        assertThat(profiles.resources()).hasSize(3);
        for (Profile p : profiles.profiles()) {
            assertThat(p.resource().hardware()).startsWith("EMULATED: this machine limited to ");
            assertThat(p.provenance().runtime()).startsWith("TensorFlow ");
            // profiled what TensorFlow runs (the demo's default since stop 21), all three under the first one's rule
            assertThat(p.layout().rule().isFused()).as(p.layout().rule().id()).isTrue();
            assertThat(p.provenance().notes()).contains("fusion default");
            assertThat(p.layout().rule()).isEqualTo(profiles.profiles().get(0).layout().rule());
        }
        assertThat(Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8)).contains("EMULATION:",
                "class=\"chart plan\"", "class=\"chart blocks\"");
    }
}
