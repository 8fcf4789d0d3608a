package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.cli.ScissionCli;
import io.scission.cli.TestData.Run;
import io.scission.cli.TestData;
import io.scission.deploy.Deployment;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import io.scission.tf.zoo.KerasZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scission export} on the zoo's MobileNet: plans by hand and from profiles, and every refusal. */
class ExportCommandTest {

    @TempDir
    static Path dir;
    static Path profiles;

    /**
     * Writes profiles of MobileNet with made-up times: the device is slow on late blocks and the cloud far away,
     * so that the best plan that must use device, edge and cloud is some three-segment plan.
     */
    @BeforeAll
    static void profiles() {
        profiles = dir.resolve("profiles");
        write(profiles, KerasZoo.architecture("mobilenet").toModelGraph().blocks(PartitionRule.SCISSION));
    }

    static void write(Path to, BlockLayout layout) {
        write(to, layout, List.of(Resource.of("phone", Tier.DEVICE), Resource.of("edge1", Tier.EDGE),
                Resource.of("cloud1", Tier.CLOUD)));
    }

    static void write(Path to, BlockLayout layout, List<Resource> resources) {
        for (Resource r : resources) {
            List<BlockTiming> timings = new ArrayList<>();
            for (Block b : layout.blocks()) {
                timings.add(new BlockTiming(b, Timing.of(List.of(0.001 * (1 + r.tier().rank() / 100.0)))));
            }
            Scission.writeProfile(new Profile(r, layout, Provenance.unknown("made up for a test", 1, ""), timings,
                    List.of()), to.resolve(r.name() + ".json"));
        }
    }

    @Test
    void should_write_three_saved_models_and_a_manifest_when_cuts_are_given_by_hand() {
        // GIVEN
        Path out = dir.resolve("by-hand");

        // WHEN
        Run run = TestData.run("export", "MobileNet", "--cut", "30,60", "--resources", "pi:device,edge,cloud",
                "-o", out.toString());

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.lines()).first().asString().startsWith("Exported mobilenet_1.00_224 (93 layers, 92 blocks, "
                + "scission rule; weights: seeded-random(seed=42, variables)) as 3 segments:");
        assertThat(run.lines()).anySatisfy(l -> assertThat(l).matches("segment-0-pi +pi \\(device\\) +0-30 +0-29 "
                + "+\\d+\\.\\d{3} +input_1 +conv_pw_4_relu"));
        assertThat(run.lines()).contains("Hop pi -> edge: 802816 B (conv_pw_4_relu)")
                .anySatisfy(l -> assertThat(l).startsWith("Checked output act_softmax: chain vs whole model max "
                        + "|diff| 0.00 (tolerance 1.00e-05)"));
        assertThat(run.lines()).last().asString().isEqualTo("Written to " + out.toAbsolutePath() + "; run it with "
                + "'scission run " + out + "'.");
        assertThat(run.err()).contains("3/4 segment 2 (cloud, layers 61-92) written");
        Deployment d = Scission.readDeployment(out);
        assertThat(d.plan().origin()).isEqualTo("cuts");
        assertThat(d.segments()).extracting(s -> s.resource().name()).containsExactly("pi", "edge", "cloud");
    }

    @Test
    void should_export_the_query_s_plan_when_given_profiles_and_query_options() {
        // GIVEN
        Path out = dir.resolve("query");

        // WHEN
        Run run = TestData.run("export", "mobilenet", "--profiles", profiles.toString(), "--preset", "wired",
                "--must-use", "device", "--must-use", "edge", "--must-use", "cloud", "--no-verify", "-o",
                out.toString());

        // THEN the plan the same query prints with 'scission plan' is the one exported
        assertThat(run.code()).as(run.err()).isZero();
        Run plan = TestData.run("plan", profiles.toString(), "--preset", "wired", "--must-use", "device",
                "--must-use", "edge", "--must-use", "cloud", "--json");
        Deployment d = Scission.readDeployment(out);
        assertThat(d.plan().origin()).isEqualTo("query");
        assertThat(plan.out()).contains("\"key\" : \"" + d.plan().key() + "\"");
        assertThat(run.lines()).first().asString().startsWith("Plan 1 of ");
        assertThat(run.lines()).contains("Not checked (--no-verify).");
        assertThat(d.verification().done()).isFalse();
        assertThat(d.segments()).hasSize(3);
    }

    @Test
    void should_refuse_profiles_of_another_model_when_exporting_from_a_query() {
        // GIVEN profiles of MobileNet, and another model
        Path out = dir.resolve("other");

        // WHEN
        Run run = TestData.run("export", "VGG16", "--profiles", profiles.toString(), "--preset", "4g", "-o",
                out.toString());

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: The profiles (model mobilenet_1.00_224, 93 layers) were made from "
                + "another model than zoo:vgg16 (23 layers).").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void should_keep_a_non_empty_directory_unless_forced() throws IOException {
        // GIVEN
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("mine.txt"), "mine");

        // WHEN
        Run refused = TestData.run("export", "MobileNet", "--cut", "30", "--resources", "device,cloud", "-o",
                out.toString());

        // THEN refused before the model is loaded, nothing touched
        assertThat(refused.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(refused.err()).isEqualTo("error: The output directory (" + out + ") exists and is not empty; a "
                + "deployment is not written over other files. Maybe choose a new directory, or let the export "
                + "replace it (--force).\n");
        assertThat(out.resolve("mine.txt")).hasContent("mine");

        // WHEN forced
        Run forced = TestData.run("export", "MobileNet", "--cut", "30", "--resources", "device,cloud", "-o",
                out.toString(), "--force", "--no-verify");

        // THEN replaced whole
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(out.resolve("mine.txt")).doesNotExist();
        assertThat(Scission.readDeployment(out).segments()).hasSize(2);
    }

    @Test
    void should_explain_each_usage_error_when_the_plan_options_are_wrong() {
        // WHEN / THEN
        assertUsage(TestData.run("export", "MobileNet", "-o", dir.resolve("u1").toString()),
                "error: Give a plan: cuts by hand (--cut 38,140 --resources device,edge,cloud) or profiles to query "
                        + "(--profiles DIR with a network, e.g. --preset 4g). Maybe run 'scission inspect MobileNet' "
                        + "to see where the model can be cut.");
        assertUsage(TestData.run("export", "MobileNet", "--cut", "30", "-o", dir.resolve("u2").toString()),
                "error: The cuts [30] need --resources, one more than the cuts. Maybe write --resources "
                        + "device,cloud.");
        assertUsage(TestData.run("export", "MobileNet", "--cut", "30", "--resources", "pi,cloud", "-o",
                dir.resolve("u3").toString()), "error: The resource (pi) of --resources needs a tier. Maybe write "
                        + "pi:device (or :edge, :cloud).");
        assertUsage(TestData.run("export", "MobileNet", "--cut", "30", "--resources", "device,edge,cloud", "-o",
                dir.resolve("u4").toString()), "error: The resources (3: device,edge,cloud) must be one more than the "
                        + "cuts (1: [30]): one per segment. Maybe give 2 resources.");
        assertUsage(TestData.run("export", "MobileNet", "--cut", "30", "--resources", "device,cloud", "--profiles",
                profiles.toString(), "-o", dir.resolve("u5").toString()), "error: Give either a plan by hand (--cut "
                        + "and --resources) or profiles to query (--profiles), not both.");
        assertUsage(TestData.run("export", "MobileNet", "--profiles", profiles.toString(), "--preset", "4g",
                "--partition-rule", "single-tensor", "-o", dir.resolve("u6").toString()), "error: The partition rule "
                        + "(single-tensor) differs from the profiles' (scission)");
        assertUsage(TestData.run("export", "MobileNet", "--profiles", profiles.toString(), "--preset", "4g",
                "--rank", "999", "-o", dir.resolve("u7").toString()), "error: The rank (999) is beyond the 5 plans "
                        + "the query found. Maybe write --rank 5, or ask for more plans with --top.");
        assertUsage(TestData.run("export", "MobileNet", "--profiles", profiles.toString(), "-o",
                dir.resolve("u8").toString()), "error: Give the network: --network FILE, --network-csv FILE, "
                        + "--preset 3g|4g|wired or --reference-network 3g|wired.");
        assertUsage(TestData.run("export", "MobileNt", "--cut", "30", "--resources", "device,cloud", "-o",
                dir.resolve("u9").toString()), "error: The model (MobileNt) is neither a file nor a zoo model. Maybe "
                        + "you meant MobileNet");
    }

    @Test
    void should_fail_with_the_nearest_partition_points_when_a_cut_is_not_one() {
        // WHEN
        Run run = TestData.run("export", "ResNet50", "--cut", "38", "--resources", "device,cloud", "-o",
                dir.resolve("bad-cut").toString());

        // THEN (checked on the architecture, before TensorFlow builds the model)
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: The cut after layer 38 (conv2_block3_out) is not a partition point "
                + "of zoo:resnet50 under the scission rule. Maybe cut after layer 37 (conv2_block3_add) or layer 49 "
                + "(conv3_block1_add); 'scission inspect' lists the blocks, and the single-tensor rule "
                + "(--partition-rule single-tensor) has more points.\n");
    }

    @Test
    void should_say_why_nothing_is_exported_when_no_plan_satisfies_the_query() {
        // WHEN
        Run run = TestData.run("export", "MobileNet", "--profiles", profiles.toString(), "--preset", "4g",
                "--deadline", "1us", "-o", dir.resolve("none").toString());

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: No plan satisfies the query, so there is nothing to export: ")
                .contains("Maybe relax the query");
    }

    private static void assertUsage(Run run, String start) {
        assertThat(run.code()).as(run.err()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).startsWith(start).contains("(see 'scission export --help')").hasLineCount(1);
    }
}
