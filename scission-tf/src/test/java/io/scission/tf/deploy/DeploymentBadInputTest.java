package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.InvalidFileException;
import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.ElementType;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.SegmentPlan;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.profile.ProfileSet;
import io.scission.spi.ModelSource;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.zoo.KerasZoo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and nothing lost: each refusal names the input and says what to do, and leaves the user's files. */
class DeploymentBadInputTest {

    @TempDir
    static Path dir;
    static ModelRunner model;
    static Path good;

    @BeforeAll
    static void open() throws URISyntaxException {
        Path json = Path.of(DeploymentBadInputTest.class.getResource("two_heads.json").toURI());
        model = Deployments.openModel(ModelSource.of(json), TfLoadOptions.defaults(), 42L);
        good = dir.resolve("good");
        Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(1, 4), DeploymentChecks.THREE),
                good, ExportOptions.defaults().withVerify(false));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<String> siblings(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p.toAbsolutePath().getParent())) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("." + p.getFileName())).toList();
        }
    }

    @Nested
    class Plans {

        @Test
        void should_refuse_profiles_of_another_model_when_the_layer_count_differs() {
            // GIVEN profiles of MobileNet, and a plan a query made from them
            ProfileSet mobilenet = FakeProfiles.of(KerasZoo.architecture("mobilenet").toModelGraph()
                    .blocks(PartitionRule.SCISSION));
            SegmentPlan plan = SegmentPlan.of(mobilenet, FakeProfiles.threeTierPlan(mobilenet));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, plan, dir.resolve("p1"), ExportOptions.defaults()))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("The profiles (model mobilenet_1.00_224, 93 layers) were made from another model")
                    .hasMessageContaining("(10 layers)").hasMessageContaining("Maybe profile");
            assertThat(dir.resolve("p1")).doesNotExist();
        }

        @Test
        void should_refuse_profiles_of_another_model_when_only_the_fingerprint_differs() {
            // GIVEN a 10-layer model whose layers are named differently, and its profiles
            ModelGraph g = model.model().structure();
            List<Layer> renamed = new ArrayList<>();
            for (Layer l : g.layers()) {
                renamed.add(new Layer(l.index(), "x_" + l.name(), l.type(), l.inputs(), l.outputs()));
            }
            ModelGraph other = ModelGraph.of("two_heads", renamed, g.outputs());
            ProfileSet profiles = FakeProfiles.of(other.blocks(PartitionRule.SCISSION));
            SegmentPlan plan = SegmentPlan.of(profiles, FakeProfiles.threeTierPlan(profiles));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, plan, dir.resolve("p2"), ExportOptions.defaults()))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("fingerprint " + other.fingerprint().substring(0, 12))
                    .hasMessageContaining("fingerprint " + g.fingerprint().substring(0, 12))
                    .hasMessageContaining("the layer count is the same, the layers are not");
        }

        @Test
        void should_refuse_profiles_whose_blocks_differ_when_they_record_no_fingerprint() {
            // GIVEN profiles without a fingerprint (older files) whose blocks say scission but were split otherwise
            BlockLayout real = model.model().structure().blocks(PartitionRule.SCISSION);
            List<Block> merged = new ArrayList<>();
            merged.add(new Block(0, 0, 2, real.blockOf(2).outputBytes()));
            for (Block b : real.blocks().subList(2, real.size())) {
                merged.add(new Block(b.index() - 1, b.firstLayer(), b.lastLayer(), b.outputBytes()));
            }
            ProfileSet profiles = FakeProfiles.of(new BlockLayout("two_heads", 10, real.inputBytes(),
                    PartitionRule.SCISSION, merged));
            SegmentPlan plan = SegmentPlan.of(profiles, FakeProfiles.threeTierPlan(profiles));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, plan, dir.resolve("p3"), ExportOptions.defaults()))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("The profiles split model two_heads into 5 blocks under the scission rule")
                    .hasMessageContaining("splits into 6")
                    .hasMessageContaining("block 0 is 0-2 (784 bytes out) in the profiles but 0-1 (1792 bytes out) in the "
                            + "model");
        }

        @Test
        void should_name_the_layer_and_the_nearest_points_when_a_cut_is_not_a_partition_point() {
            // GIVEN a cut after add_side (layer 6), which the second input's merge makes invalid
            SegmentPlan plan = SegmentPlan.cuts(PartitionRule.SCISSION, List.of(6), DeploymentChecks.THREE.subList(0,
                    2));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, plan, dir.resolve("p4"), ExportOptions.defaults()))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("The cut after layer 6 (add_side) is not a partition point")
                    .hasMessageContaining("under the scission rule")
                    .hasMessageContaining("Maybe cut after layer 5 (side)");
        }

        @Test
        void should_refuse_cuts_past_the_model_and_miscounted_resources_when_given_by_hand() {
            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(9),
                    DeploymentChecks.THREE.subList(0, 2)), dir.resolve("p5"), ExportOptions.defaults()))
                    .hasMessageContaining("The cut after layer 9 is at or past the model's last layer (9)");
            assertThatThrownBy(() -> SegmentPlan.cuts(PartitionRule.SCISSION, List.of(1, 4),
                    DeploymentChecks.THREE.subList(0, 2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The resources (2: device,edge) must be one more than the cuts (2: [1, 4])");
            assertThatThrownBy(() -> SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4, 1), DeploymentChecks.THREE))
                    .hasMessageContaining("The cuts ([4, 1]) must be ascending");
        }
    }

    @Nested
    class Directories {

        @Test
        void should_leave_a_non_empty_directory_untouched_when_not_told_to_replace_it() throws IOException {
            // GIVEN
            Path out = Files.createDirectories(dir.resolve("mine"));
            Files.writeString(out.resolve("notes.txt"), "keep me");
            SegmentPlan plan = SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4), DeploymentChecks.THREE.subList(0,
                    2));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, plan, out, ExportOptions.defaults()))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("The output directory (" + out + ") exists and is not empty")
                    .hasMessageContaining("--force");
            assertThat(out.toFile().list()).containsExactly("notes.txt");
            assertThat(out.resolve("notes.txt")).hasContent("keep me");
            assertThat(siblings(out)).isEmpty();
        }

        @Test
        void should_replace_the_directory_whole_when_told_to() throws IOException {
            // GIVEN
            Path out = Files.createDirectories(dir.resolve("old"));
            Files.writeString(out.resolve("notes.txt"), "old");

            // WHEN
            Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4),
                    DeploymentChecks.THREE.subList(0, 2)), out, ExportOptions.defaults().withReplaceExisting(true));

            // THEN the new deployment only, and no temporary directory beside it
            assertThat(out.resolve("notes.txt")).doesNotExist();
            assertThat(Deployments.read(out).segments()).hasSize(2);
            assertThat(siblings(out)).isEmpty();
        }

        @Test
        void should_keep_the_old_deployment_when_an_export_stops_half_way() throws IOException {
            // GIVEN a complete deployment, and an export into it that is stopped after its first segment
            Path out = dir.resolve("keep");
            Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4),
                    DeploymentChecks.THREE.subList(0, 2)), out, ExportOptions.defaults().withVerify(false));
            byte[] manifest = Files.readAllBytes(out.resolve(Deployment.MANIFEST));

            // WHEN
            assertThatThrownBy(() -> Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION,
                    List.of(1, 4), DeploymentChecks.THREE), out, ExportOptions.defaults().withReplaceExisting(true),
                    (done, total, what) -> {
                        if (done == 1) {
                            throw new IllegalStateException("stopped after " + what);
                        }
                    })).hasMessageContaining("stopped after segment 0 (device, layers 0-1) written");

            // THEN the old deployment, whole, and nothing beside it
            assertThat(out.resolve(Deployment.MANIFEST)).hasBinaryContent(manifest);
            assertThat(Deployments.read(out).segments()).hasSize(2);
            assertThat(siblings(out)).isEmpty();
        }

        @Test
        void should_refuse_a_file_when_it_is_given_as_the_output_directory() throws IOException {
            // GIVEN
            Path file = Files.writeString(dir.resolve("file.txt"), "x");

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4),
                    DeploymentChecks.THREE.subList(0, 2)), file, ExportOptions.defaults()))
                    .hasMessageContaining("The output (" + file + ") is a file, not a directory");
            assertThat(file).hasContent("x");
        }
    }

    @Nested
    class Inputs {

        @Test
        void should_name_the_input_and_its_types_when_a_tensor_does_not_fit() {
            // GIVEN
            Map<String, HostTensor> uint8 = new LinkedHashMap<>(Deployments.randomInputs(model.inputs(), 1));
            uint8.put("image", HostTensor.of(ElementType.UINT8, List.of(1L, 8L, 8L, 3L), new byte[192]));
            Map<String, HostTensor> noBatch = new LinkedHashMap<>(Deployments.randomInputs(model.inputs(), 1));
            noBatch.put("image", HostTensor.ofFloats(List.of(8L, 8L, 3L), new float[192]));
            Map<String, HostTensor> small = new LinkedHashMap<>(Deployments.randomInputs(model.inputs(), 1));
            small.put("side", HostTensor.ofFloats(List.of(1L, 2L, 2L, 4L), new float[16]));
            Map<String, HostTensor> missing = new LinkedHashMap<>(Deployments.randomInputs(model.inputs(), 1));
            missing.remove("side");
            Map<String, HostTensor> unknown = new LinkedHashMap<>(Deployments.randomInputs(model.inputs(), 1));
            unknown.put("sied", unknown.get("side"));

            // WHEN / THEN
            try (ChainRunner chain = Deployments.open(good)) {
                assertThatThrownBy(() -> chain.run(uint8, 1)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("The input image (uint8[1, 8, 8, 3]) must be float32 with shape "
                                + "[-1, 8, 8, 3]").hasMessageContaining("x.astype(np.float32)");
                assertThatThrownBy(() -> chain.run(noBatch, 1)).hasMessageContaining("(float32[8, 8, 3])")
                        .hasMessageContaining("add the batch dimension");
                assertThatThrownBy(() -> model.run(small, 1)).hasMessageContaining("The input side")
                        .hasMessageContaining("[-1, 4, 4, 4]").hasMessageContaining("resize");
                assertThatThrownBy(() -> chain.run(missing, 1)).hasMessageContaining("The input side of deployment")
                        .hasMessageContaining("is missing");
                assertThatThrownBy(() -> chain.run(unknown, 1)).hasMessageContaining("The input sied is not an input")
                        .hasMessageContaining("[image, side]");
                assertThatThrownBy(() -> chain.run(Deployments.randomInputs(model.inputs(), 1), 0))
                        .hasMessageContaining("The repeats (0) must be at least 1");
            }
        }
    }

    @Nested
    class Manifests {

        Path copy(String name) throws IOException {
            Path to = dir.resolve(name);
            try (Stream<Path> s = Files.walk(good)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path t = to.resolve(good.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t);
                    }
                }
            }
            return to;
        }

        void edit(Path d, String from, String to) throws IOException {
            Path m = d.resolve(Deployment.MANIFEST);
            String s = Files.readString(m);
            assertThat(s).contains(from);
            Files.writeString(m, s.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)));
        }

        @Test
        void should_name_segment_key_and_both_shapes_when_the_manifest_disagrees_with_the_signature()
                throws IOException {
            // GIVEN the model output scores said to have 4 classes instead of 3
            Path d = copy("shape");
            edit(d, "\"shape\" : [ -1, 3 ]", "\"shape\" : [ -1, 4 ]");

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.open(d)).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining(d.resolve("deployment.json") + " and segment 2's SavedModel")
                    .hasMessageContaining("disagree: the signature's output scores is scores/Softmax:0 float32 "
                            + "[-1, 3], but the manifest says scores/Softmax:0 float32 [-1, 4]")
                    .hasMessageContaining("export the deployment again");
        }

        @Test
        void should_detect_a_segment_from_elsewhere_when_its_saved_model_pb_was_swapped() throws IOException {
            // GIVEN segment 1's saved_model.pb copied over segment 0's
            Path d = copy("swap");
            Files.copy(d.resolve("segment-1-edge/saved_model.pb"), d.resolve("segment-0-device/saved_model.pb"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.open(d)).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("segment 0's SavedModel")
                    .hasMessageMatching("(?s).*the file saved_model.pb (has \\d+ bytes, but the manifest says \\d+"
                            + "|is not the one exported).*");
        }

        @Test
        void should_name_the_missing_file_when_a_checkpoint_shard_is_gone() throws IOException {
            // GIVEN
            Path d = copy("shard");
            Files.delete(d.resolve("segment-2-cloud/variables/variables.data-00000-of-00001"));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.open(d))
                    .hasMessageContaining("the file variables/variables.data-00000-of-00001 is missing");
        }

        @Test
        void should_name_the_directory_when_a_segment_is_missing() throws IOException {
            // GIVEN
            Path d = copy("gone");
            AtomicFiles.deleteRecursively(d.resolve("segment-1-edge"));

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.open(d))
                    .hasMessageContaining("names " + d.resolve("segment-1-edge") + " as segment 1's SavedModel, "
                            + "but there is no such directory");
        }

        @Test
        void should_point_at_the_field_when_the_manifest_is_malformed() throws IOException {
            // GIVEN an unknown field, a wrong type, an inconsistent hop, an escaping path, and not JSON
            Path unknown = copy("unknown");
            edit(unknown, "\"weightBytes\"", "\"weigthBytes\"");
            Path type = copy("type");
            edit(type, "\"layers\" : 10", "\"layers\" : \"ten\"");
            Path hop = copy("hop");
            edit(hop, "\"tensors\" : [ \"image\", \"conv_a\" ]", "\"tensors\" : [ \"conv_a\" ]");
            Path escape = copy("escape");
            edit(escape, "\"savedModel\" : \"segment-0-device\"", "\"savedModel\" : \"../good/segment-0-device\"");
            Path text = copy("text");
            Files.writeString(text.resolve(Deployment.MANIFEST), "{\"format\": \"scission-deployment\",",
                    StandardCharsets.UTF_8);

            // WHEN / THEN
            assertThatThrownBy(() -> Deployments.read(unknown)).isInstanceOf(InvalidFileException.class)
                    .hasMessageContaining("at /segments/0/weigthBytes: unknown field \"weigthBytes\"");
            assertThatThrownBy(() -> Deployments.read(type)).hasMessageContaining("at /model/layers: expected a "
                    + "whole number");
            assertThatThrownBy(() -> Deployments.read(hop)).hasMessageContaining("at /: The hop at position 0")
                    .hasMessageContaining("must go from segment 0 to 1 and carry [image, conv_a]");
            assertThatThrownBy(() -> Deployments.read(escape)).hasMessageContaining("at /segments/0/savedModel")
                    .hasMessageContaining("one plain directory name inside the deployment");
            assertThatThrownBy(() -> Deployments.read(text)).hasMessageContaining("is not valid JSON");
            assertThatThrownBy(() -> Deployments.read(dir)).isInstanceOf(DeploymentException.class)
                    .hasMessageContaining(dir + " is not a deployment: it has no deployment.json");
        }
    }
}
