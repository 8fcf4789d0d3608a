package io.scission.tf.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scission.InvalidFileException;
import io.scission.ScissionException;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.tf.Models;
import io.scission.tf.TfModel;
import io.scission.tf.zoo.KerasZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keras import of the real third-party files in shared/models/. */
class KerasRealFilesTest {

    @TempDir
    Path dir;

    /** File, format, Keras model name, layers, total params, partition points (Scission rule). */
    static Stream<Arguments> files() {
        return Stream.of(
                // tf.keras 2.2.4-tf to_json() dumps of Keras Applications: same counts as the zoo's models
                Arguments.of("kotlindl-keras-applications-json/mobilenet.json", "keras-json", "mobilenet_1.00_224",
                        93, 4_253_864L, 91),
                Arguments.of("kotlindl-keras-applications-json/densenet121.json", "keras-json", "densenet121", 429,
                        8_062_504L, 21),
                Arguments.of("kotlindl-keras-applications-json/xception.json", "keras-json", "xception", 134,
                        22_910_480L, 13),
                Arguments.of("kotlindl-keras-applications-json/inception.json", "keras-json", "inception_v3", 313,
                        23_851_784L, 18),
                // Keras 2.5 Functional: Rescaling, Normalization (mean, variance, count), swish, SE Multiply;
                // 5,330,571 is EfficientNetB0's published total
                Arguments.of("kotlindl-keras-applications-json/efficientb0.json", "keras-json", "efficientnetb0",
                        240, 5_330_571L, 68),
                // the Keras guide's toy ResNet (223,242 params with 3 input channels) on 1-channel input: -576
                Arguments.of("kotlindl-toyresnet-json-h5/modelConfig.json", "keras-json", "toy_resnet", 14,
                        222_666L, 6),
                Arguments.of("dl4j-keras-json-agz-resnet-yolo9000/dual_res.json", "keras-json", "model_1", 155,
                        23_881_170L, 22),
                Arguments.of("dl4j-keras-h5-small-cnns/wgan_discriminator.h5", "keras-h5", "sequential", 17,
                        97_536L, 15),
                // uint8-quantized: one byte per parameter, and the shard has 2,619,461 bytes
                Arguments.of("nsfwjs-mobilenetv2-tfjs-layers", "tfjs-layers", "model_1", 162, 2_619_461L, 70),
                Arguments.of("nsfwjs-inceptionv3-tfjs-layers-json/model.json", "tfjs-layers", "model_1", 318,
                        22_360_869L, 23),
                // float32: the shard has 2,176,804 bytes = 4 x 544,201
                Arguments.of("ml5-doodlenet-tfjs-layers/model.json", "tfjs-layers", "sequential", 14, 544_201L, 12),
                Arguments.of("ml5-darknet-tiny-tfjs-layers", "tfjs-layers", "model_1", 52, 1_046_488L, 50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void should_parse_layers_params_and_partition_points_when_reading_real_files(String file, String format,
            String name, int layers, long params, int points) {
        // WHEN
        KerasArchitecture a = KerasReader.read(Models.file(file));
        BlockLayout blocks = a.toModelGraph().blocks(PartitionRule.SCISSION);

        // THEN
        assertThat(a.format()).isEqualTo(format);
        assertThat(a.name()).isEqualTo(name);
        assertThat(a.layers()).hasSize(layers);
        assertThat(a.params()).isEqualTo(params);
        assertThat(blocks.partitionPoints()).isEqualTo(points);
    }

    @Test
    void should_match_the_zoo_when_reading_the_tf_keras_dumps_of_the_same_models() {
        for (String[] pair : new String[][] {{"mobilenet.json", "mobilenet"}, {"xception.json", "xception"}}) {
            ModelGraph file = KerasReader.read(Models.file("kotlindl-keras-applications-json/" + pair[0]))
                    .toModelGraph();
            ModelGraph zoo = KerasZoo.architecture(pair[1]).toModelGraph();
            assertThat(file.layers()).as(pair[0]).isEqualTo(zoo.layers());
            assertThat(file.blocks(PartitionRule.SCISSION).sameStructure(zoo.blocks(PartitionRule.SCISSION)))
                    .isTrue();
        }
    }

    @Test
    void should_keep_both_outputs_when_a_model_has_two_heads() {
        // WHEN
        KerasArchitecture a = KerasReader.read(Models.file("dl4j-keras-json-agz-resnet-yolo9000/dual_res.json"));

        // THEN
        assertThat(a.outputs()).extracting(ref -> a.layers().get(ref.layer()).name())
                .containsExactly("policy_head_dense", "value_head_output");
        assertThat(a.layers().get(0).outputShape()).containsExactly(10L, 19L, 19L);
    }

    @Test
    void should_name_the_lambda_layer_when_it_holds_python_bytecode() {
        assertThatThrownBy(() -> KerasReader.read(
                Models.file("dl4j-keras-json-agz-resnet-yolo9000/yolo9000_tf_keras_2.json")))
                .isInstanceOf(ScissionException.class)
                .hasMessageContaining("yolo9000_tf_keras_2.json")
                .hasMessageContaining("layer space_to_depth_x2 (Lambda)")
                .hasMessageContaining("bytecode")
                .hasMessageContaining("Maybe replace the Lambda");
    }

    @Test
    void should_say_the_file_holds_weights_only_when_an_h5_file_has_no_model_config() {
        assertThatThrownBy(() -> KerasReader.read(Models.file("kotlindl-toyresnet-json-h5/weights.h5")))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("weights.h5")
                .hasMessageContaining("no root attribute model_config")
                .hasMessageContaining("save_weights");
    }

    @Test
    void should_load_the_weights_of_a_sequential_h5_model_when_it_was_saved_whole() {
        // WHEN the WGAN discriminator: model_config with a Keras 2.1 layer list, weights in /model_weights
        KerasArchitecture a = KerasReader.read(Models.file("dl4j-keras-h5-small-cnns/wgan_discriminator.h5"));
        Map<String, WeightSource.Tensor> weights = a.weights().orElseThrow().load();

        // THEN every parameter is there
        long params = 0;
        for (WeightSource.Tensor t : weights.values()) {
            params += t.values().length;
        }
        assertThat(params).isEqualTo(a.params()).isEqualTo(97_536L);
        try (TfModel model = KerasGraphBuilder.build(a, 1)) {
            assertThat(model.weights()).startsWith("file:keras-h5(");
            // the file ends in Flatten (its SOURCE.md mentions a Dense that the config does not have): 4x4x128
            assertThat(Fixtures.run(model, Fixtures.filled(28 * 28, 0.5f), new long[] {28, 28, 1}, 16))
                    .hasSize(2048);
        }
    }

    @Test
    void should_read_the_model_config_and_version_when_an_h5_file_holds_a_full_model() {
        // WHEN the P-Net of MTCNN: input (None, None, None, 3), PReLU, two heads
        KerasArchitecture free = KerasReader.read(Models.file("dl4j-keras-h5-small-cnns/12net.h5"));

        // THEN 6,632 is the published P-Net parameter count
        assertThat(free.kerasVersion()).isEqualTo("2.2.0");
        assertThat(free.params()).isEqualTo(6_632L);
        assertThatThrownBy(free::toModelGraph)
                .isInstanceOf(ScissionException.class)
                .hasMessageContaining("layer input_2 (InputLayer)")
                .hasMessageContaining("(None, None, None, 3)")
                .hasMessageContaining("give the model's input a fixed size")
                .hasMessageContaining("TfLoadOptions.withInputShape(\"input_2\", -1, 224, 224, 3)");

        // WHEN given a 12x12 input
        KerasArchitecture fixed = KerasReader.read(Models.file("dl4j-keras-h5-small-cnns/12net.h5"),
                Map.of("input_2", List.of(12L, 12L, 3L)));

        // THEN
        assertThat(fixed.outputs()).extracting(ref -> fixed.layers().get(ref.layer()).outputShape())
                .containsExactly(List.of(1L, 1L, 2L), List.of(1L, 1L, 4L));
    }

    @Test
    void should_compute_what_numpy_computes_when_running_an_h5_model_with_its_own_weights() {
        // GIVEN the P-Net with its weights (model_weights/conv1/conv1_1/kernel:0, ...) and input sin(0.1 i)
        KerasArchitecture a = KerasReader.read(Models.file("dl4j-keras-h5-small-cnns/12net.h5"),
                Map.of("input_2", List.of(12L, 12L, 3L)));
        float[] x = new float[12 * 12 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.1 * i);
        }

        // WHEN
        try (TfModel model = KerasGraphBuilder.build(a, 7)) {
            float[] probs = Fixtures.run(model, x, new long[] {12, 12, 3}, a.outputs().get(0).layer());
            float[] boxes = Fixtures.run(model, x, new long[] {12, 12, 3}, a.outputs().get(1).layer());

            // THEN the values of a float64 numpy forward pass over the same h5 weights (read with h5py)
            assertThat(model.weights()).isEqualTo("file:keras-h5(10 layers)");
            assertThat(probs).containsExactly(new float[] {0.42898403f, 0.57101597f}, within(2e-5f));
            assertThat(boxes).containsExactly(new float[] {-0.27273809f, 0.27700982f, 0.1682521f, 0.20820138f},
                    within(2e-5f));
        }
    }

    @Test
    void should_pair_an_architecture_with_its_weights_when_they_are_in_separate_files() {
        // GIVEN to_json() plus save_weights() (KotlinDL's toy ResNet)
        Path folder = Models.file("kotlindl-toyresnet-json-h5");

        // WHEN
        KerasArchitecture a = KerasReader.read(folder.resolve("modelConfig.json"), folder.resolve("weights.h5"));
        Map<String, WeightSource.Tensor> weights = a.weights().orElseThrow().load();

        // THEN values as h5py reads them
        assertThat(weights.get("conv2d_34/kernel").shape()).containsExactly(3L, 3L, 1L, 32L);
        assertThat(weights.get("conv2d_34/kernel").values()[1]).isEqualTo(-0.41716608f);
        assertThat(weights.get("dense_7/bias").values()[0]).isCloseTo(0.03848857f, within(1e-8f));
        long params = 0;
        for (WeightSource.Tensor t : weights.values()) {
            params += t.values().length;
        }
        assertThat(params).isEqualTo(a.params());
        try (TfModel model = KerasGraphBuilder.build(a, 1)) {
            float[] out = Fixtures.run(model, Fixtures.filled(28 * 28, 0.5f), new long[] {28, 28, 1}, 13);
            assertThat(model.weights()).isEqualTo("file:keras-h5(14 layers)");
            assertThat(out).hasSize(10);
        }
        assertThatThrownBy(() -> KerasReader.read(folder.resolve("modelConfig.json"), folder.resolve("modelConfig"
                + ".json"))).isInstanceOf(InvalidFileException.class).hasMessageContaining("is not an HDF5 file");
    }

    @Test
    void should_load_float32_shards_when_a_tfjs_model_has_its_weights() throws IOException {
        // GIVEN
        Path folder = Models.file("ml5-doodlenet-tfjs-layers");
        KerasArchitecture a = KerasReader.read(folder.resolve("model.json"));
        Map<String, TfjsWeights.Tensor> weights = a.weights().orElseThrow().load();
        byte[] shard = Files.readAllBytes(folder.resolve("group1-shard1of1.bin"));

        // THEN the first kernel value is the shard's first little-endian float
        float first = java.nio.ByteBuffer.wrap(shard, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(weights.get("conv2d/kernel").values()[0]).isEqualTo(first);
        assertThat(weights.get("conv2d/kernel").shape()).containsExactly(3L, 3L, 1L, 16L);

        // WHEN the graph runs with the real weights
        try (TfModel model = KerasGraphBuilder.build(a, 1)) {
            float[] probs = Fixtures.run(model, Fixtures.filled(28 * 28, 0f), new long[] {28, 28, 1}, 13);

            // THEN
            assertThat(model.weights()).isEqualTo("file:tfjs-shards(1 groups)");
            assertThat(probs).hasSize(345);
            double sum = 0;
            for (float p : probs) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void should_dequantize_uint8_weights_when_a_tfjs_model_is_quantized() throws IOException {
        // GIVEN
        Path folder = Models.file("nsfwjs-mobilenetv2-tfjs-layers");
        KerasArchitecture a = KerasReader.read(folder);
        byte[] shard = Files.readAllBytes(folder.resolve("group1-shard1of1"));

        // WHEN
        Map<String, TfjsWeights.Tensor> weights = a.weights().orElseThrow().load();

        // THEN Conv1/kernel comes first: value = byte * scale + min
        float expected = (float) ((shard[0] & 0xff) * 0.006666756611244351 + -0.87334511607301);
        assertThat(weights.get("Conv1/kernel").values()[0]).isEqualTo(expected);
        try (TfModel model = KerasGraphBuilder.build(a, 1)) {
            float[] probs = Fixtures.run(model, Fixtures.filled(224 * 224 * 3, 0.5f), new long[] {224, 224, 3}, 161);
            assertThat(model.weights()).contains("quantized {uint8=266}");
            assertThat(probs).hasSize(5);
            assertThat(probs[0] + probs[1] + probs[2] + probs[3] + probs[4]).isCloseTo(1f, within(1e-4f));
        }
    }

    @Test
    void should_run_with_its_31_weight_groups_when_loading_the_old_tfjs_layout() {
        // GIVEN Darknet-Tiny, written by a 0.x converter (one group per layer), Keras 2.1.6
        KerasArchitecture a = KerasReader.read(Models.file("ml5-darknet-tiny-tfjs-layers"));

        // WHEN
        try (TfModel model = KerasGraphBuilder.build(a, 1)) {
            float[] out = Fixtures.run(model, Fixtures.filled(224 * 224 * 3, 0.5f), new long[] {224, 224, 3}, 51);

            // THEN
            assertThat(model.weights()).isEqualTo("file:tfjs-shards(31 groups)");
            assertThat(out).hasSize(1000);
            for (float v : out) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }

    @Test
    void should_build_and_run_with_seeded_weights_when_a_file_has_only_its_architecture() {
        for (String file : new String[] {"kotlindl-keras-applications-json/efficientb0.json",
            "kotlindl-toyresnet-json-h5/modelConfig.json", "dl4j-keras-json-agz-resnet-yolo9000/dual_res.json",
            "dl4j-keras-h5-small-cnns/wgan_discriminator.h5"}) {
            KerasArchitecture a = KerasReader.read(Models.file(file));
            try (TfModel model = KerasGraphBuilder.build(a, 3, KerasGraphBuilder.WeightMode.VARIABLES, false)) {
                assertThat(model.weights()).isEqualTo("seeded-random(seed=3, variables)");
                List<Long> in = a.layers().get(0).outputShape();
                int n = 1;
                long[] shape = new long[in.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.get(i);
                    n *= (int) shape[i];
                }
                for (io.scission.model.TensorRef out : a.outputs()) {
                    float[] y = Fixtures.run(model, Fixtures.filled(n, 0.5f), shape, out.layer());
                    assertThat(y).as(file).hasSize((int) a.toModelGraph().spec(out).elements());
                    for (float v : y) {
                        assertThat(Float.isFinite(v)).as(file).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void should_name_layer_and_class_when_a_layer_type_is_unsupported() {
        // GIVEN
        String json = new Fixtures.Model().input("in", 4, 8)
                .layer("LSTM", "encoder", "{\"units\":16}").json();

        // THEN
        assertThatThrownBy(() -> KerasReader.parse(json, "seq.json"))
                .isInstanceOf(ScissionException.class)
                .hasMessageContaining("seq.json: layer encoder (LSTM)")
                .hasMessageContaining("the layer class LSTM is not supported")
                .hasMessageContaining("Conv2D");
    }

    @Test
    void should_reject_the_keras_3_node_format_with_the_field_when_reading_it() {
        String json = "{\"class_name\":\"Functional\",\"config\":{\"name\":\"m\",\"layers\":["
                + "{\"class_name\":\"InputLayer\",\"name\":\"in\",\"config\":{\"batch_shape\":[null,4],"
                + "\"dtype\":\"float32\",\"name\":\"in\"},\"inbound_nodes\":[]},"
                + "{\"class_name\":\"Dense\",\"name\":\"d\",\"config\":{\"units\":2,\"name\":\"d\"},"
                + "\"inbound_nodes\":[{\"args\":[],\"kwargs\":{}}]}],"
                + "\"input_layers\":[[\"in\",0,0]],\"output_layers\":[[\"d\",0,0]]}}";
        assertThatThrownBy(() -> KerasReader.parse(json, "k3.json"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("k3.json at /config/layers/1/inbound_nodes")
                .hasMessageContaining("Keras 3");
    }

    @Test
    void should_reject_channels_first_with_the_layer_when_a_convolution_uses_it() {
        String json = new Fixtures.Model().input("in", 3, 8, 8)
                .layer("Conv2D", "conv", "{\"filters\":4,\"kernel_size\":3,\"data_format\":\"channels_first\"}")
                .json();
        assertThatThrownBy(() -> KerasReader.parse(json, "cf.json"))
                .hasMessageContaining("layer conv (Conv2D): config data_format (channels_first) is not supported");
    }

    @Test
    void should_accept_keras_files_and_reject_others_when_asked_cheaply() {
        assertThat(KerasReader.accepts(Models.file("ml5-darknet-tiny-tfjs-layers"))).isTrue();
        assertThat(KerasReader.accepts(Models.file("dl4j-keras-h5-small-cnns/12net.h5"))).isTrue();
        assertThat(KerasReader.accepts(Models.file("kotlindl-keras-applications-json/xception.json")))
                .isTrue();
        assertThat(KerasReader.accepts(Models.file("arm-kws-cnn-frozen/CNN_L.pb"))).isFalse();
        assertThat(KerasReader.accepts(Models.file("tfjs-converter-mobilenet-v1-graph-noweights/"
                + "weights_manifest.json"))).isFalse();
        assertThat(KerasReader.accepts(dir.resolve("missing.json"))).isFalse();
    }
}
