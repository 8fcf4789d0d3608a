package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.Scission;
import io.scission.ScissionException;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorSpec;
import io.scission.spi.ModelSource;
import io.scission.spi.ProviderInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.types.TFloat32;

/** Real models from shared/models through the public parser, found by ServiceLoader. */
class TensorFlowModelParserTest {

    private static List<String> names(ModelGraph g) {
        return g.layers().stream().map(Layer::name).toList();
    }

    private static List<String> labels(BlockLayout layout) {
        return layout.blocks().stream().map(Block::label).toList();
    }

    @Nested
    class Discovery {

        @Test
        void should_list_the_parser_and_the_profiler_when_scission_tf_is_on_the_class_path() {
            assertThat(Scission.modelParsers()).extracting(ProviderInfo::name).contains("tensorflow");
            assertThat(Scission.profilers()).extracting(ProviderInfo::name).contains("tensorflow");
            assertThat(Scission.modelParsers()).filteredOn(p -> p.name().equals("tensorflow"))
                    .allSatisfy(p -> assertThat(p.availability().available()).isTrue());
        }

        @Test
        void should_accept_graphs_keras_files_and_zoo_names_but_not_other_paths() {
            TensorFlowModelParser p = new TensorFlowModelParser();
            // TensorFlow graphs
            assertThat(p.accepts(ModelSource.of(Models.require(Models.OPENMV)))).isTrue();
            assertThat(p.accepts(ModelSource.of(Models.OPENMV.resolve("saved_model.pb")))).isTrue();
            assertThat(p.accepts(ModelSource.of(Models.require(Models.CNN_L)))).isTrue();
            // Keras architectures and the zoo, through the Keras factory
            assertThat(p.accepts(ModelSource.of(Models.ROOT.resolve("kotlindl-keras-applications-json/mobilenet.json"))))
                    .isTrue();
            assertThat(p.accepts(new ModelSource("resnet50"))).isTrue();
            // anything else
            assertThat(p.accepts(ModelSource.of(Models.ROOT))).isFalse();
            assertThat(p.accepts(ModelSource.of(Models.ROOT.resolve("kotlindl-keras-applications-json/SOURCE.md"))))
                    .isFalse();
            assertThat(p.accepts(new ModelSource("resnet51"))).isFalse();
        }
    }

    @Nested
    class SavedModels {

        @Test
        void should_group_keras_layers_through_nested_models_when_openmv() {
            // GIVEN Sequential(augmentation Sequential, Resizing, Functional MobileNet 0.25)
            ModelSource src = ModelSource.of(Models.require(Models.OPENMV));
            // WHEN
            ModelGraph g = Scission.parse(src);
            // THEN wrapper prefixes StatefulPartitionedCall/.../sequential_1/model/ are stripped
            assertThat(g.name()).isEqualTo("arm-openmv-mobilenet-savedmodel");
            assertThat(g.size()).isEqualTo(88);
            assertThat(names(g).subList(0, 5)).containsExactly("sequential_input", "resizing", "conv1", "conv1_bn",
                    "conv1_relu");
            assertThat(names(g).get(87)).isEqualTo("predictions");
            assertThat(names(g)).doesNotContain("sequential", "model", "sequential_1", "random_flip");
            assertThat(g.layer("conv_dw_1").type()).isEqualTo("DepthwiseConv2D");
            assertThat(g.layer("conv1").output()).isEqualTo(TensorSpec.float32(-1, 48, 48, 8));
            assertThat(g.layer("sequential_input").output()).isEqualTo(TensorSpec.float32(-1, 160, 120, 1));
            BlockLayout sc = g.blocks(PartitionRule.SCISSION);
            BlockLayout st = g.blocks(PartitionRule.SINGLE_TENSOR);
            assertThat(sc.size()).isEqualTo(87);
            assertThat(st.blocks()).isEqualTo(sc.blocks());
            assertThat(sc.blocks().get(0).label()).isEqualTo("0-1");
            assertThat(sc.blocks().get(0).outputBytes()).isEqualTo(96 * 96 * 4);
            assertThat(sc.blocks().get(86).outputBytes()).isEqualTo(5 * 4);
            assertThat(sc.inputBytes()).isEqualTo(160 * 120 * 4);
        }

        @Test
        void should_cut_between_parallel_heads_only_under_the_scission_rule_when_the_input_fans_out() {
            // GIVEN effdet: the input feeds 10 parallel heads, all model outputs
            ModelGraph g = Scission.parse(ModelSource.of(Models.require(Models.EFFDET)));
            assertThat(g.size()).isEqualTo(11);
            assertThat(g.outputs()).hasSize(10);
            assertThat(g.layers().subList(1, 11)).allSatisfy(l -> assertThat(l.inputs()).extracting(r -> r.layer())
                    .containsExactly(0));
            // WHEN / THEN: like the original tool, SCISSION ignores the input layer's fan-out
            assertThat(labels(g.blocks(PartitionRule.SCISSION))).containsExactly("0-1", "2", "3", "4", "5", "6",
                    "7", "8", "9", "10");
            BlockLayout st = g.blocks(PartitionRule.SINGLE_TENSOR);
            assertThat(labels(st)).containsExactly("0-10");
            assertThat(st.blocks().get(0).outputBytes())
                    .isEqualTo(4L * 64 * 2 * (40 * 40 + 20 * 20 + 10 * 10 + 5 * 5 + 3 * 3));
        }

        @Test
        void should_find_dense_layers_when_tfnet() {
            ModelGraph g = Scission.parse(ModelSource.of(Models.require(Models.TFNET)));
            assertThat(names(g)).containsExactly("input_1", "flatten", "dense", "dense_1", "softmax");
            assertThat(g.layer("dense").type()).isEqualTo("Dense");
            BlockLayout b = g.blocks(PartitionRule.SCISSION);
            assertThat(labels(b)).containsExactly("0-1", "2", "3", "4");
            assertThat(b.blocks()).extracting(Block::outputBytes).containsExactly(3136L, 400L, 40L, 40L);
        }
    }

    @Nested
    class FrozenGraphs {

        @Test
        void should_group_by_scope_when_ds_cnn_is_fed_at_the_mfcc_tensor() {
            TensorFlowModelParser p = new TensorFlowModelParser(TfLoadOptions.defaults().withInputs("Mfcc:0"));
            ModelGraph g = Scission.parse(ModelSource.of(Models.require(Models.DS_CNN_L)), p);
            assertThat(g.name()).isEqualTo("DS_CNN_L");
            assertThat(g.size()).isEqualTo(28);
            assertThat(names(g).subList(0, 5)).containsExactly("input", "Reshape", "Reshape_1", "MobileNet/conv_1",
                    "MobileNet/conv_ds_1/depthwise_conv");
            assertThat(names(g)).contains("MobileNet/conv_ds_5/pw_batch_norm", "MobileNet/avg_pool",
                    "MobileNet/fc1", "labels_softmax");
            assertThat(names(g)).doesNotContain("wav_data", "decoded_sample_data", "AudioSpectrogram", "Mfcc");
            assertThat(g.layer("MobileNet/conv_1").type()).isEqualTo("Conv2D");
            BlockLayout sc = g.blocks(PartitionRule.SCISSION);
            assertThat(sc.size()).isEqualTo(27);
            assertThat(g.blocks(PartitionRule.SINGLE_TENSOR).blocks()).isEqualTo(sc.blocks());
            assertThat(sc.blocks().get(2).outputBytes()).isEqualTo(25L * 10 * 276 * 4);
        }

        @Test
        void should_make_unscoped_ops_their_own_layers_and_leave_constant_subgraphs_out_when_cnn() {
            TensorFlowModelParser p = new TensorFlowModelParser(TfLoadOptions.defaults().withInputs("Mfcc:0"));
            ModelGraph g = p.parse(ModelSource.of(Models.require(Models.CNN_L)));
            assertThat(names(g)).containsExactly("input", "Reshape", "Reshape_1", "Conv2D", "add", "bn1", "Relu",
                    "Conv2D_1", "add_1", "bn2", "Relu_1", "Reshape_2", "MatMul", "add_2", "MatMul_1", "add_3", "bn3",
                    "Relu_2", "MatMul_2", "add_4", "labels_softmax");
            // bn3's Rsqrt and mul on the moving variance only depend on constants: not part of the layer
            assertThat(g.layer("bn3").type()).isEqualTo("Mul");
            assertThat(g.blocks(PartitionRule.SCISSION).size()).isEqualTo(20);
        }

        @Test
        void should_say_that_a_string_input_has_no_size_when_no_input_is_named() {
            // GIVEN DS-CNN's single placeholder is wav_data, a string of WAV bytes
            ModelSource src = ModelSource.of(Models.require(Models.DS_CNN_S));
            assertThatThrownBy(() -> new TensorFlowModelParser().parse(src)).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("DS_CNN_S.pb").hasMessageContaining("[node wav_data]")
                    .hasMessageContaining("type string").hasMessageContaining("withInputs");
            ModelGraph g = new TensorFlowModelParser(TfLoadOptions.defaults().withInputs("Mfcc:0")).parse(src);
            assertThat(names(g)).contains("MobileNet/conv_ds_4/pw_batch_norm")
                    .doesNotContain("MobileNet/conv_ds_5/pw_batch_norm");
        }

        @Test
        void should_fill_stripped_weights_and_group_slim_scopes_when_tfjs_mobilenet() {
            try (TfModel m = new TensorFlowModelParser().open(ModelSource.of(Models.require(Models.TFJS_MOBILENET)),
                    42L)) {
                assertThat(m.weights()).startsWith("seeded-random(seed=42) because 138 Const nodes declare a shape");
                ModelGraph g = m.structure();
                assertThat(g.size()).isEqualTo(32);
                assertThat(g.layers().get(1).name()).isEqualTo("MobilenetV1/Conv2d_0");
                assertThat(names(g)).contains("MobilenetV1/Conv2d_13_pointwise", "Predictions");
                assertThat(g.blocks(PartitionRule.SCISSION).size()).isEqualTo(31);
            }
        }
    }

    @Nested
    class InMemoryGraphs {

        @Test
        void should_group_name_scopes_into_layers_when_the_graph_is_built_with_the_ops_api() {
            try (Graph graph = new Graph()) {
                // GIVEN
                Ops tf = Ops.create(graph);
                Placeholder<TFloat32> x = tf.withName("input").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(-1, 8, 8, 3)));
                Ops c1 = tf.withSubScope("block1_conv");
                Operand<TFloat32> y = c1.nn.relu(c1.nn.conv2d(x, c1.constant(new float[3][3][3][4]),
                        List.of(1L, 1L, 1L, 1L), "SAME"));
                Ops p = tf.withSubScope("block1_pool");
                y = p.nn.maxPool(y, p.constant(new int[] {1, 2, 2, 1}), p.constant(new int[] {1, 2, 2, 1}), "VALID");
                Ops h = tf.withSubScope("head");
                h.math.mean(y, h.constant(new int[] {1, 2}));
                // WHEN
                try (TfModel m = new TensorFlowModelParser().open(graph, "tiny", 1L)) {
                    // THEN
                    assertThat(m.source()).isEqualTo("in-memory graph");
                    assertThat(names(m.structure())).containsExactly("input", "block1_conv", "block1_pool", "head");
                    assertThat(m.structure().layer("block1_pool").output().bytes()).isEqualTo(4 * 4 * 4 * 4);
                    assertThat(labels(m.structure().blocks(PartitionRule.SCISSION))).containsExactly("0-1", "2",
                            "3");
                    assertThat(m.weights()).isEqualTo("file");
                }
                assertThat(graph.operation("block1_conv/Relu")).isNotNull();
            }
        }
    }

    @Nested
    class BadInput {

        @TempDir
        Path tmp;

        private final TensorFlowModelParser parser = new TensorFlowModelParser();

        private static NodeDef placeholder(String name) {
            return NodeDef.newBuilder().setName(name).setOp("Placeholder")
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build()).build();
        }

        private Path write(String name, GraphDef gd) throws Exception {
            Path p = tmp.resolve(name);
            Files.write(p, gd.toByteArray());
            return p;
        }

        @Test
        void should_name_the_path_when_it_does_not_exist() {
            Path p = tmp.resolve("nope.pb");
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(p.toString()).hasMessageContaining("no such file");
            assertThatThrownBy(() -> Scission.parse(ModelSource.of(p))).isInstanceOf(ScissionException.class)
                    .hasMessageContaining(p.toString());
        }

        @Test
        void should_list_the_directory_when_it_is_not_a_model_directory() throws Exception {
            Files.writeString(tmp.resolve("README.txt"), "hello");
            assertThatThrownBy(() -> parser.parse(ModelSource.of(tmp))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(tmp.toString()).hasMessageContaining("not a model directory")
                    .hasMessageContaining("README.txt");
        }

        @Test
        void should_say_corrupt_when_the_pb_is_random_bytes() throws Exception {
            byte[] junk = new byte[4096];
            new Random(1).nextBytes(junk);
            Path p = tmp.resolve("junk.pb");
            Files.write(p, junk);
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("junk.pb").hasMessageContaining("corrupt or truncated");
        }

        @Test
        void should_name_the_file_and_node_when_the_pb_is_truncated() throws Exception {
            byte[] all = Files.readAllBytes(Models.require(Models.CNN_L));
            for (int cut : new int[] {all.length / 2, all.length - 7, 1000}) {
                Path p = tmp.resolve("CNN_L_" + cut + ".pb");
                Files.write(p, Arrays.copyOf(all, cut));
                assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                        .hasMessageContaining(p.toString())
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "does not exist"));
            }
        }

        @Test
        void should_say_corrupt_when_saved_model_pb_is_garbage() throws Exception {
            Files.write(tmp.resolve("saved_model.pb"), new byte[] {0x0a, 0x7f, 0x01, 0x02});
            assertThatThrownBy(() -> parser.parse(ModelSource.of(tmp))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("saved_model.pb").hasMessageContaining("corrupt or truncated");
        }

        @Test
        void should_name_the_node_and_op_when_the_runtime_lacks_the_op() throws Exception {
            GraphDef gd = GraphDef.newBuilder().addNode(placeholder("x"))
                    .addNode(NodeDef.newBuilder().setName("layer1/magic").setOp("ScissionNoSuchOp").addInput("x"))
                    .build();
            Path p = write("fake.pb", gd);
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("fake.pb").hasMessageContaining("[node layer1/magic]")
                    .hasMessageContaining("ScissionNoSuchOp").hasMessageContaining("not registered")
                    .satisfies(e -> assertThat(((ModelLoadException) e).node()).hasValue("layer1/magic"));
        }

        @Test
        void should_say_so_when_the_graph_has_no_input() throws Exception {
            GraphDef gd = GraphDef.newBuilder().addNode(NodeDef.newBuilder().setName("c").setOp("Const")
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                    .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                            .setDtype(DataType.DT_FLOAT).addFloatVal(1f)).build())).build();
            Path p = write("consts.pb", gd);
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("consts.pb").hasMessageContaining("has no input")
                    .hasMessageContaining("withInputs");
        }

        @Test
        void should_name_every_input_when_the_graph_has_several() throws Exception {
            GraphDef gd = GraphDef.newBuilder().addNode(placeholder("a")).addNode(placeholder("b"))
                    .addNode(NodeDef.newBuilder().setName("sum").setOp("AddV2").addInput("a").addInput("b")
                            .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())).build();
            Path p = write("two.pb", gd);
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("two.pb").hasMessageContaining("2 inputs [a, b]")
                    .hasMessageContaining("withInputs(\"a:0\")");
            ModelGraph g = new TensorFlowModelParser(TfLoadOptions.defaults().withInputs("a:0", "b:0")
                    .withInputShape("a:0", 1, 3).withInputShape("b:0", 1, 3)).parse(ModelSource.of(p));
            assertThat(g.layers().get(0).outputs()).hasSize(2);
            assertThat(names(g)).containsExactly("input", "sum");
        }

        @Test
        void should_name_every_placeholder_when_mtcnn_has_four_inputs() {
            Path p = Models.require(Models.MTCNN);
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("mtcnn.pb").hasMessageContaining("4 inputs")
                    .hasMessageContaining("min_size").hasMessageContaining("withInputs");
        }

        @Test
        void should_name_the_tensor_when_a_named_input_does_not_exist() {
            TensorFlowModelParser p = new TensorFlowModelParser(TfLoadOptions.defaults().withInputs("NoSuchTensor:0"));
            assertThatThrownBy(() -> p.parse(ModelSource.of(Models.require(Models.CNN_L))))
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("NoSuchTensor")
                    .hasMessageContaining("CNN_L.pb");
        }

        @Test
        void should_refuse_a_model_bigger_than_the_limit() {
            TensorFlowModelParser p = new TensorFlowModelParser(TfLoadOptions.defaults().withMaxModelBytes(1_000_000));
            assertThatThrownBy(() -> p.parse(ModelSource.of(Models.require(Models.OPENMV))))
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("arm-openmv-mobilenet-savedmodel")
                    .hasMessageContaining("too big").hasMessageContaining("1000000 bytes");
        }

        @Test
        void should_refuse_a_model_bigger_than_the_free_heap() throws Exception {
            // GIVEN a sparse file as big as the whole heap: nothing is read before the check
            Path p = tmp.resolve("huge.pb");
            try (var f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(Runtime.getRuntime().maxMemory());
            }
            assertThatThrownBy(() -> parser.parse(ModelSource.of(p))).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("huge.pb").hasMessageContaining("too big for memory")
                    .hasMessageContaining("-Xmx");
        }

        @Test
        void should_say_the_input_cannot_be_randomised_when_its_shape_is_unknown_and_needed() {
            // MTCNN's image input is [-1,-1,3]: layer sizes cannot be known without a shape
            TensorFlowModelParser p = new TensorFlowModelParser(TfLoadOptions.defaults()
                    .withInputs("input:0", "min_size:0", "thresholds:0", "factor:0"));
            assertThatThrownBy(() -> p.parse(ModelSource.of(Models.require(Models.MTCNN))))
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("mtcnn.pb")
                    .hasMessageContaining("withInputShape");
        }
    }
}
