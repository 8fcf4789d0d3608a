package io.scission.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.cli.ScissionCli;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.cli.models.ModelArgument;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.RangeTiming;
import io.scission.profile.Sampling;
import io.scission.profile.Timing;
import io.scission.spi.ProfileRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code profile} with {@link TestProfiler} (zoo models, no TensorFlow): options, output, progress; and once
 * with TensorFlow in a child JVM, for a thread count.
 */
class ProfileCommandTest {

    @Test
    void should_write_the_profile_and_report_the_additivity_error_when_profiling_a_zoo_model(@TempDir Path dir) {
        // GIVEN
        Path file = dir.resolve("vgg16/laptop.json");

        // WHEN
        Run run = TestData.run("profile", "VGG16", "--resource", "laptop", "--tier", "edge", "--repeats", "3",
                "-o", file.toString());

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(
                "Profiled VGG16 on laptop (edge): 22 blocks, 1 warm-up and 3 timed runs each, default threads",
                "Whole model 22.07 ms, sum of block medians 23.23 ms: additivity error +5.3%",
                "Profile written to " + file.toAbsolutePath());
        assertThat(run.err().lines()).hasSize(4).first()
                .isEqualTo("VGG16 on laptop (default threads): loading the model and warming up");
        assertThat(run.err().lines().skip(1)).hasSize(3).allMatch(l -> l.matches("VGG16 on laptop \\(default "
                + "threads\\): \\d/3 pass \\d \\(\\d+\\.\\d s\\)"));
        Profile p = Scission.readProfile(file);
        assertThat(p.resource().name()).isEqualTo("laptop");
        assertThat(p.resource().tier()).isEqualTo(Tier.EDGE);
        assertThat(p.blocks()).hasSize(22);
    }

    @Test
    void should_write_into_profiles_model_resource_when_no_output_is_given() {
        // GIVEN / WHEN the default location is relative to the working directory (the module)
        Run run = TestData.run("profile", "mobilenet", "--resource", "cli-test-phone", "--tier", "device",
                "--repeats", "1", "--warmups", "0");

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        Path file = Path.of("profiles", "mobilenet", "cli-test-phone.json").toAbsolutePath();
        assertThat(run.lines()).last().isEqualTo("Profile written to " + file);
        assertThat(file.toFile().delete()).isTrue();
        file.getParent().toFile().delete();
        file.getParent().getParent().toFile().delete();
    }

    @Test
    void should_profile_a_tensorflow_model_in_a_child_jvm_when_threads_are_given(@TempDir Path dir)
            throws Exception {
        // GIVEN this JVM was started without TF_OVERRIDE_GLOBAL_THREADPOOL=1, and a Keras file whose input size is
        // free (TensorFlow's profiler takes it: the test profiler takes zoo models only)
        assertThat(System.getenv("TF_OVERRIDE_GLOBAL_THREADPOOL")).isNotEqualTo("1");
        String model = Path.of(getClass().getResource("tiny_fcn.json").toURI()).toString();
        Path file = dir.resolve("p.json");

        // WHEN
        Run run = TestData.run("profile", model, "--input-shape", "24x24x3", "--resource", "pi", "--tier", "device",
                "--threads", "1", "--repeats", "2", "--warmups", "0", "-o", file.toString());

        // THEN the child profiled with the variable set, at the given size, and its progress came through
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Profiled tiny_fcn on pi (device): ", "1 thread(s)",
                "Profile written to " + file.toAbsolutePath());
        assertThat(run.err()).contains("tiny_fcn on pi (1 thread): 1/2 pass 1 of 2",
                "tiny_fcn on pi (1 thread): 2/2 pass 2 of 2");
        Profile p = Scission.readProfile(file);
        assertThat(p.provenance().threads()).isEqualTo(1);
        assertThat(p.provenance().runtime()).startsWith("TensorFlow ");
        assertThat(p.provenance().notes()).contains("TF_OVERRIDE_GLOBAL_THREADPOOL=1");
        assertThat(p.layout().inputBytes()).isEqualTo(24 * 24 * 3 * 4);
    }

    @Test
    void should_profile_under_the_fused_rule_with_fusion_on_when_asked_for_fusion(@TempDir Path dir) throws Exception {
        // GIVEN a Keras file TensorFlow's profiler takes
        String model = Path.of(getClass().getResource("tiny_fcn.json").toURI()).toString();
        Path file = dir.resolve("p.json");

        // WHEN
        Run run = TestData.run("profile", model, "--input-shape", "24x24x3", "--resource", "pi", "--tier", "device",
                "--repeats", "2", "--warmups", "0", "--fusion", "-o", file.toString());

        // THEN the profile records that its blocks were found and timed with TensorFlow's fusion on
        assertThat(run.code()).as(run.err()).isZero();
        Profile p = Scission.readProfile(file);
        assertThat(p.layout().rule().isFused()).isTrue();
        assertThat(p.layout().rule().base()).isEqualTo(io.scission.model.PartitionRule.SCISSION);
        assertThat(p.provenance().notes()).contains("fusion default");
    }

    @Test
    void should_pass_the_thread_count_to_the_profiler_when_it_runs_in_this_jvm(@TempDir Path dir) {
        // GIVEN / WHEN the test profiler (zoo models) needs no child JVM
        Path file = dir.resolve("p.json");
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "device", "--threads", "1",
                "--repeats", "2", "-o", file.toString());

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Scission.readProfile(file).provenance().notes()).isEqualTo("TestProfiler; threads 1");
    }

    @Test
    void should_fail_before_profiling_when_the_output_cannot_be_written(@TempDir Path dir) throws Exception {
        // GIVEN an output path whose "directory" is a file
        Path notADir = Files.writeString(dir.resolve("notes.txt"), "x");

        // WHEN
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "-o",
                notADir.resolve("p.json").toString());

        // THEN one line in words, before any profiling (no progress line)
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: Cannot write the profile to " + notADir.resolve("p.json") + " (-o): "
                + notADir + " is a file, so nothing can be created under it. Maybe choose another path with -o.\n");
    }

    @Test
    void should_advise_more_repeats_or_fewer_threads_only_when_block_times_add_up_poorly() {
        // GIVEN the test profiler's VGG16 (its whole model takes 0.95 x the sum of its block medians: +5.3 %), and
        // the same profile with a whole model of 1.25 x the sum (-20 %)
        Profile close = TestProfiler.run("vgg16", "laptop", Tier.EDGE, 0);
        RangeTiming whole = close.wholeModel().orElseThrow();
        double slower = whole.timing().summary().median() / 0.95 * 1.25;
        Profile poor = new Profile(close.resource(), close.layout(), close.provenance(), close.blocks(),
                List.of(new RangeTiming(whole.firstBlock(), whole.lastBlock(), Timing.of(List.of(slower)))));
        ModelArgument vgg16 = ModelArgument.resolve("vgg16");

        // WHEN
        StringWriter closeText = new StringWriter();
        ProfileCommand.summary(new PrintWriter(closeText, true), vgg16, close);
        StringWriter poorText = new StringWriter();
        ProfileCommand.summary(new PrintWriter(poorText, true), vgg16, poor);

        // THEN only the poor one gets the advice, after its error line: a fixed count can leave --repeats out
        assertThat(closeText.toString()).contains("additivity error +5.3%").doesNotContain("add up poorly");
        assertThat(poorText.toString().lines()).hasSize(3).last().asString()
                .startsWith("Block times add up poorly (over 10% off).")
                .contains("as many threads as CPUs (" + Runtime.getRuntime().availableProcessors() + " here)",
                        "Leave out --repeats (the profiler then repeats until the medians are stable), give more "
                                + "(e.g. 30), or use fewer --threads.");
        assertThat(poorText.toString()).contains("additivity error -20.0%");
    }

    @Test
    void should_say_how_many_passes_and_why_they_stopped_when_the_profile_repeated_until_stable() {
        // GIVEN the test profiler's VGG16, repeated until stable (6 passes, every block within the rule)
        Profile stable = TestProfiler.run("vgg16", "laptop", Tier.EDGE, 0, ProfileRequest.UNTIL_STABLE);
        StringWriter text = new StringWriter();

        // WHEN
        ProfileCommand.summary(new PrintWriter(text, true), ModelArgument.resolve("vgg16"), stable);

        // THEN
        assertThat(text.toString().lines().findFirst().orElseThrow()).isEqualTo("Profiled VGG16 on laptop (edge): 22 "
                + "blocks, 0 warm-up and 6 timed passes (0 left out as disturbed), default threads; stable: the "
                + "split-inference total within +-5% (90% interval), 22 of 22 block medians");
    }

    @Test
    void should_advise_by_why_the_profiler_stopped_when_block_times_add_up_poorly() {
        // GIVEN / WHEN / THEN stable medians point away from noise; a budget or cap that ran out points at it
        assertThat(ProfileCommand.advice(Sampling.Stop.STABLE)).startsWith("The medians were stable, so noise is "
                + "not the cause");
        assertThat(ProfileCommand.advice(Sampling.Stop.BUDGET)).startsWith("The medians were not all stable when the "
                + "profiler stopped").contains("fewer --threads", "a fixed --repeats 30");
        assertThat(ProfileCommand.advice(Sampling.Stop.MAX_REPEATS)).isEqualTo(ProfileCommand.advice(
                Sampling.Stop.BUDGET));
    }

    @Test
    void should_draw_a_bar_in_place_when_on_a_terminal() {
        // GIVEN
        StringWriter text = new StringWriter();
        Progress bar = new Progress(new PrintWriter(text), true, "VGG16 on pi");

        // WHEN
        bar.progress(1, 4, "pass 1");
        bar.progress(4, 4, "pass 4");
        bar.finish();

        // THEN
        assertThat(text.toString()).startsWith("\rVGG16 on pi [########----------------------] 1/4 pass 1, 0 s")
                .contains("\rVGG16 on pi [##############################] 4/4 pass 4, 0 s").endsWith("\n");
    }

    @Test
    void should_erase_the_bar_when_profiling_fails() {
        // GIVEN
        StringWriter text = new StringWriter();
        Progress bar = new Progress(new PrintWriter(text), true, "VGG16 on pi");

        // WHEN
        bar.start();
        bar.progress(1, 5, "pass 1 of 5");
        bar.abort();

        // THEN the error that follows starts on a clean line
        assertThat(text.toString()).startsWith("VGG16 on pi: loading the model and warming up\n\rVGG16 on pi [######")
                .endsWith("\u001b[K\r\u001b[K");
    }

    @Test
    void should_fail_as_a_usage_error_when_the_tier_is_unknown() {
        // GIVEN / WHEN
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "fog");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: The tier (fog) of --tier is not device, edge, cloud or NAME:RANK. "
                + "Maybe write edge, or e.g. gateway:50 for a tier of your own between device (0) and edge (100). "
                + "(see 'scission profile --help')\n");
    }

    @Test
    void should_accept_a_tier_of_ones_own_when_given_a_rank(@TempDir Path dir) {
        // GIVEN / WHEN
        Run run = TestData.run("profile", "vgg16", "--resource", "gw", "--tier", "gateway:50", "--repeats", "1",
                "-o", dir.resolve("gw.json").toString());

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Scission.readProfile(dir.resolve("gw.json")).resource().tier()).isEqualTo(Tier.of("gateway", 50));
    }

    @Test
    void should_fail_as_a_usage_error_when_the_tolerance_or_budget_is_out_of_range_or_given_with_fixed_repeats() {
        // GIVEN / WHEN
        Run zero = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--tolerance", "0");
        Run whole = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--tolerance", "100");
        Run negative = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--budget", "-1");
        Run fixed = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--repeats", "10",
                "--tolerance", "2");

        // THEN one line each, naming the option and the value
        assertThat(List.of(zero, whole, negative, fixed)).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(ScissionCli.EXIT_USAGE);
            assertThat(r.err()).hasLineCount(1);
        });
        assertThat(zero.err()).startsWith("error: The --tolerance (0.0) must be a percentage above 0 and below 100. "
                + "Maybe write --tolerance 5.");
        assertThat(whole.err()).startsWith("error: The --tolerance (100.0) must be");
        assertThat(negative.err()).startsWith("error: The --budget (-1.0) must be a number of whole-model times, 0 "
                + "or more. Maybe write --budget 60, or 0 for none.");
        assertThat(fixed.err()).startsWith("error: --tolerance and --budget apply when the profiler repeats until "
                + "stable, but --repeats (10) asks for a fixed count. Maybe leave out --repeats, or the other two.");
    }

    @Test
    void should_profile_when_the_tolerance_and_budget_are_given_without_repeats(@TempDir Path dir) {
        // GIVEN / WHEN
        Path file = dir.resolve("pi.json");
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--tolerance", "2.5",
                "--budget", "0", "-o", file.toString());

        // THEN the test profiler, which ignores the rule, repeated until stable
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("6 timed passes (0 left out as disturbed)");
    }

    @Test
    void should_fail_as_a_usage_error_when_the_repeats_are_negative() {
        // GIVEN / WHEN
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--repeats", "-1");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("error: The threads (0), warm-ups (1) and repeats (-1) must not be negative "
                + "(repeats 0: until stable).").hasLineCount(1);
    }

    @Test
    void should_fail_with_a_suggestion_when_the_model_is_mistyped() {
        // GIVEN / WHEN
        Run run = TestData.run("profile", "vgg61", "--resource", "pi", "--tier", "edge");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: The model (vgg61) is neither a file nor a zoo model. Maybe you meant "
                + "VGG16 ('scission models' lists the zoo).\n");
    }

    @Test
    void should_fail_as_a_usage_error_when_the_resource_is_missing() {
        // GIVEN / WHEN
        Run run = TestData.run("profile", "vgg16", "--tier", "edge");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: Missing required option: '--resource NAME' (see 'scission profile "
                + "--help')\n");
    }

    @Test
    void should_add_a_real_loopback_call_to_the_hop_cost_when_the_profiler_measured_one(@TempDir Path dir) {
        // GIVEN a profile of the test profiler (no hop cost), and the same with a measured one
        Path file = dir.resolve("p.json");
        Run run = TestData.run("profile", "VGG16", "--resource", "laptop", "--tier", "edge", "--repeats", "1",
                "-o", file.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Profile none = Scission.readProfile(file);
        io.scission.profile.CopyCost copies = new io.scission.profile.CopyCost(2e-5, 5e-10, 1e-5, 4e-10);
        Profile measured = none.withHopCost(new io.scission.profile.HopCost(1e-4, 3e-10)).withCopyCost(copies);

        // WHEN
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Profile a = ProfileCommand.withGrpcHop(none, warnings::add);
        Profile b = ProfileCommand.withGrpcHop(measured, warnings::add);

        // THEN the first is untouched; the second costs more per hop end, says why, and keeps everything else
        assertThat(a).isSameAs(none);
        assertThat(b.hopCost().fixedSeconds()).isGreaterThan(1e-4);
        assertThat(b.hopCost().secondsPerByte()).isGreaterThan(3e-10);
        assertThat(b.provenance().notes()).startsWith(none.provenance().notes())
                .contains("Plus a hop to another JVM");
        assertThat(warnings).as("the probe's child JVM started").isEmpty();
        assertThat(ProcessHandle.current().descendants()).as("the probe's child JVM is gone").isEmpty();
        assertThat(b.blocks()).isEqualTo(none.blocks());
        assertThat(b.ranges()).isEqualTo(none.ranges());
        assertThat(b.memory()).isEqualTo(measured.memory());
        assertThat(b.copyCost()).isEqualTo(copies);
    }
}
