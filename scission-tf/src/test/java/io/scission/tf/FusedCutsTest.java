package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.Block;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Tensor;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The cuts TensorFlow's op fusion crosses come from the graph TensorFlow executes, not from a list of op patterns:
 * on a Keras model built here, conv (no bias) → batch norm → ReLU is fused into one kernel named after the ReLU, and
 * the cuts after the padding, the pooling and the global average stay.
 */
class FusedCutsTest {

    /** input 16×16×3 → conv_a → bn_a → relu_a → pad → pool → gap → probs (Dense, softmax): layers 0-7. */
    static final String MODEL = """
            {"class_name": "Model", "config": {"name": "fusion_tiny", "layers": [
             {"class_name": "InputLayer", "name": "input", "config": {"batch_input_shape": [null, 16, 16, 3],
              "dtype": "float32", "name": "input"}, "inbound_nodes": []},
             {"class_name": "Conv2D", "name": "conv_a", "config": {"name": "conv_a", "filters": 8,
              "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last",
              "dilation_rate": [1, 1], "activation": "linear", "use_bias": false},
              "inbound_nodes": [[["input", 0, 0, {}]]]},
             {"class_name": "BatchNormalization", "name": "bn_a", "config": {"name": "bn_a", "axis": [3],
              "epsilon": 0.001, "center": true, "scale": true}, "inbound_nodes": [[["conv_a", 0, 0, {}]]]},
             {"class_name": "Activation", "name": "relu_a", "config": {"name": "relu_a", "activation": "relu"},
              "inbound_nodes": [[["bn_a", 0, 0, {}]]]},
             {"class_name": "ZeroPadding2D", "name": "pad", "config": {"name": "pad", "padding": [[1, 1], [1, 1]],
              "data_format": "channels_last"}, "inbound_nodes": [[["relu_a", 0, 0, {}]]]},
             {"class_name": "MaxPooling2D", "name": "pool", "config": {"name": "pool", "pool_size": [2, 2],
              "padding": "valid", "strides": [2, 2], "data_format": "channels_last"},
              "inbound_nodes": [[["pad", 0, 0, {}]]]},
             {"class_name": "GlobalAveragePooling2D", "name": "gap", "config": {"name": "gap",
              "data_format": "channels_last"}, "inbound_nodes": [[["pool", 0, 0, {}]]]},
             {"class_name": "Dense", "name": "probs", "config": {"name": "probs", "units": 4,
              "activation": "softmax", "use_bias": true}, "inbound_nodes": [[["gap", 0, 0, {}]]]}
             ], "input_layers": [["input", 0, 0]], "output_layers": [["probs", 0, 0]]},
             "keras_version": "2.2.4", "backend": "tensorflow"}
            """;

    static Path model(Path dir) throws IOException {
        Path f = dir.resolve("fusion_tiny.json");
        Files.writeString(f, MODEL, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void should_find_the_cuts_inside_the_fused_conv_bn_relu_when_tensorflow_optimises() throws IOException {
        // GIVEN the model, and TensorFlow's optimising session against the profiler's default one
        try (TfModel m = new TensorFlowModelParser().open(ModelSource.of(model(dir)), 1L)) {
            assertThat(PartitionRule.SCISSION.cuts(m.structure())).containsExactly(1, 2, 3, 4, 5, 6);
            Map<String, Tensor> inputs = TfProfiler.inputs(m, 1L);
            try {
                // WHEN
                GraphDef fused = FusedCuts.executedGraph(m,
                        TfTimingOptions.defaults().withFusion(TfTimingOptions.Fusion.DEFAULT).sessionConfig(0),
                        inputs);
                GraphDef plain = FusedCuts.executedGraph(m, TfTimingOptions.defaults().sessionConfig(0), inputs);

                // THEN TensorFlow ran conv, batch norm and ReLU as one node named after the ReLU, so the cuts after
                // the conv (1) and the batch norm (2) lie inside a fused group; the others stay
                Map<String, String> ops = fused.getNodeList().stream()
                        .collect(Collectors.toMap(NodeDef::getName, FusedCuts::op));
                assertThat(ops).doesNotContainKeys("conv_a/Conv2d", "bn_a/FusedBatchNorm");
                assertThat(ops.get("relu_a/Relu")).isEqualTo("FusedConv2D");
                assertThat(ops).containsKeys("pad/Pad", "pool/MaxPool", "gap/Mean");
                assertThat(FusedCuts.crossed(m, PartitionRule.SCISSION, fused)).containsExactly(1, 2);
                assertThat(FusedCuts.crossed(m, PartitionRule.SINGLE_TENSOR, fused)).containsExactly(1, 2);
                // and the profiler's default session (Grappler's rewrites off) fuses nothing
                Set<String> plainNodes = plain.getNodeList().stream().map(NodeDef::getName)
                        .collect(Collectors.toSet());
                assertThat(plainNodes).contains("conv_a/Conv2d", "bn_a/FusedBatchNorm", "relu_a/Relu");
                assertThat(FusedCuts.crossed(m, PartitionRule.SCISSION, plain)).isEmpty();
            } finally {
                inputs.values().forEach(Tensor::close);
            }
        }
    }

    @Test
    void should_profile_merged_blocks_with_fusion_on_and_record_it_in_the_rule_when_fusion_default()
            throws IOException {
        // GIVEN a request under the paper's rule, timed with TensorFlow's rewrites on
        ProfileRequest request = new ProfileRequest(Resource.of("here", Tier.EDGE), PartitionRule.SCISSION, 0, 1, 3,
                42L);
        TensorFlowProfiler fused = new TensorFlowProfiler(TfLoadOptions.defaults(),
                TfTimingOptions.defaults().withFusion(TfTimingOptions.Fusion.DEFAULT));
        TensorFlowProfiler plain = new TensorFlowProfiler();

        // WHEN
        Profile p = fused.profile(ModelSource.of(model(dir)), request, ProgressListener.NONE);
        Profile q = plain.profile(ModelSource.of(model(dir)), request, ProgressListener.NONE);

        // THEN the blocks never split the fused group, the rule says so, and the file keeps it
        assertThat(p.layout().rule()).isEqualTo(PartitionRule.fused(PartitionRule.SCISSION, List.of(1, 2)));
        assertThat(p.layout().blocks()).extracting(Block::label).containsExactly("0-3", "4", "5", "6", "7");
        assertThat(p.provenance().notes()).contains("fusion default").contains("partition rule scission-fused:1,2");
        String json = ProfileFiles.toJson(p);
        assertThat(json).contains("\"partitionRule\" : \"scission-fused:1,2\"");
        Path file = dir.resolve("fused.json");
        ProfileFiles.write(p, file);
        Profile back = ProfileFiles.read(file);
        assertThat(back.layout()).isEqualTo(p.layout());
        assertThat(ProfileFiles.toJson(back)).isEqualTo(json);
        // and without fusion nothing changes: the paper's blocks and rule, a file that reads back byte for byte
        assertThat(q.layout().rule()).isSameAs(PartitionRule.SCISSION);
        assertThat(q.layout().blocks()).extracting(Block::label)
                .containsExactly("0-1", "2", "3", "4", "5", "6", "7");
        assertThat(q.provenance().notes()).contains("fusion none").contains("partition rule scission;");
        Path old = dir.resolve("plain.json");
        ProfileFiles.write(q, old);
        byte[] bytes = Files.readAllBytes(old);
        ProfileFiles.write(ProfileFiles.read(old), dir.resolve("again.json"));
        assertThat(Files.readAllBytes(dir.resolve("again.json"))).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"partitionRule\" : \"scission\"");
    }

    @Test
    void should_time_with_fusion_on_when_the_request_is_already_fused() throws IOException {
        // GIVEN a second resource profiled under the fused rule the first one found, with default timing options
        PartitionRule rule = PartitionRule.fused(PartitionRule.SCISSION, List.of(1, 2));
        ProfileRequest request = new ProfileRequest(Resource.of("other", Tier.CLOUD), rule, 0, 1, 3, 42L);

        // WHEN
        Profile p = new TensorFlowProfiler().profile(ModelSource.of(model(dir)), request, ProgressListener.NONE);

        // THEN the same blocks, timed with the fusion the rule was made for
        assertThat(p.layout().rule()).isEqualTo(rule);
        assertThat(p.provenance().notes()).contains("fusion default");
    }

    @TempDir
    Path dir;
}
