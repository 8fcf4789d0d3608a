package io.scission.tf.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.tf.ModelLoadException;
import io.scission.tf.Models;
import io.scission.tf.TfLoadOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/** Inlining real TF2/Keras SavedModels into flat graphs, checked against the original serving function. */
class SavedModelFlatteningTest {

    static float[] floats(Tensor t) {
        RawTensor raw = t.asRawTensor();
        byte[] b = new byte[(int) raw.numBytes()];
        raw.data().read(b);
        float[] f = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).asFloatBuffer().get(f);
        return f;
    }

    /** Runs the SavedModel as TensorFlow loads it and the flat graph on the same input; the largest difference. */
    static double maxDiffVsServing(Path dir, FlatGraph m) {
        Map<String, Tensor> in = RandomInputs.create(m.source(), m.graph(), m.inputs(), Map.of(), 7L);
        try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve");
                Session flat = new Session(m.graph())) {
            Session.Runner r1 = b.session().runner();
            Session.Runner r2 = flat.runner();
            in.forEach(r1::feed);
            in.forEach(r2::feed);
            m.outputs().forEach(r1::fetch);
            m.outputs().forEach(r2::fetch);
            double max = 0;
            try (Result a = r1.run(); Result c = r2.run()) {
                for (int i = 0; i < m.outputs().size(); i++) {
                    float[] x = floats(a.get(i));
                    float[] y = floats(c.get(i));
                    assertThat(y).hasSameSizeAs(x);
                    for (int k = 0; k < x.length; k++) {
                        max = Math.max(max, Math.abs(x[k] - y[k]));
                    }
                }
            }
            return max;
        } finally {
            in.values().forEach(Tensor::close);
        }
    }

    @Test
    void should_inline_nested_keras_models_into_a_flat_graph_equal_to_the_serving_function_when_openmv() {
        // GIVEN a Keras Sequential holding a nested Sequential and a nested Functional MobileNet
        Path dir = Models.require(Models.OPENMV);
        // WHEN
        try (FlatGraph m = GraphLoader.load(dir, TfLoadOptions.defaults(), 42L)) {
            // THEN
            assertThat(m.signature()).isEqualTo("serving_default");
            assertThat(m.inputs()).containsExactly("serving_default_sequential_input:0");
            assertThat(m.outputs()).containsExactly("StatefulPartitionedCall:0");
            assertThat(m.weights().seeded()).isFalse();
            assertThat(m.weights().tensors()).isEqualTo(137);
            assertThat(m.weights().describe()).isEqualTo("file");
            assertThat(m.inlining().libraryFunctions()).isEqualTo(403);
            assertThat(m.inlining().callsInlined()).isEqualTo(2);
            assertThat(m.inlining().maxDepth()).isEqualTo(2);
            assertThat(m.inlining().libraryFunctionsLeft()).isZero();
            assertThat(m.graphDef().getNodeList()).extracting(NodeDef::getOp)
                    .doesNotContain("StatefulPartitionedCall", "PartitionedCall", "VarHandleOp", "ReadVariableOp");
            String conv1 = "StatefulPartitionedCall/StatefulPartitionedCall/sequential_1/model/conv1/Conv2D";
            assertThat(m.graph().operation(conv1)).isNotNull();
            assertThat(m.localName(conv1)).isEqualTo("sequential_1/model/conv1/Conv2D");
            assertThat(maxDiffVsServing(dir, m)).isLessThan(1e-5);
        }
    }

    @Test
    void should_keep_all_ten_outputs_when_effdet_has_parallel_heads() {
        Path dir = Models.require(Models.EFFDET);
        try (FlatGraph m = GraphLoader.load(dir, TfLoadOptions.defaults(), 42L)) {
            assertThat(m.outputs()).hasSize(10);
            assertThat(m.outputs().get(9)).isEqualTo("StatefulPartitionedCall:9");
            assertThat(maxDiffVsServing(dir, m)).isLessThan(1e-4);
        }
    }

    @Test
    void should_match_the_serving_function_when_tfnet_was_written_by_tf_2_11() {
        Path dir = Models.require(Models.TFNET);
        try (FlatGraph m = GraphLoader.load(dir, TfLoadOptions.defaults(), 42L)) {
            assertThat(maxDiffVsServing(dir, m)).isLessThan(1e-6);
        }
    }

    @Test
    void should_generate_the_same_weights_when_the_seed_is_the_same() {
        Path dir = Models.require(Models.TFNET);
        TfLoadOptions o = TfLoadOptions.defaults().withWeights(TfLoadOptions.Weights.SEEDED_RANDOM);
        try (FlatGraph a = GraphLoader.load(dir, o, 123L); FlatGraph b = GraphLoader.load(dir, o, 123L);
                FlatGraph c = GraphLoader.load(dir, o, 124L)) {
            assertThat(a.weights().seeded()).isTrue();
            assertThat(a.weights().tensors()).isEqualTo(4);
            assertThat(a.weights().describe()).isEqualTo("seeded-random(seed=123) because seeded random weights were "
                    + "requested");
            assertThat(a.graphDef()).isEqualTo(b.graphDef());
            assertThat(a.graphDef()).isNotEqualTo(c.graphDef());
        }
    }

    @Test
    void should_list_the_signatures_when_there_is_no_serving_default() {
        Path dir = Models.require(Models.TFJAVA);
        assertThatThrownBy(() -> GraphLoader.load(dir, TfLoadOptions.defaults(), 42L))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining(dir.toString())
                .hasMessageContaining("no serving_default signature").hasMessageContaining("get_variable")
                .hasMessageContaining("withSignature");
        try (FlatGraph m = GraphLoader.load(dir, TfLoadOptions.defaults().withSignature("get_variable"), 42L);
                Session s = new Session(m.graph()); TFloat32 x = TFloat32.scalarOf(0f);
                Result r = s.runner().feed("get_variable_dummy:0", x).fetch(m.outputs().get(0)).run()) {
            assertThat(m.weights().seeded()).isFalse();
            assertThat(floats(r.get(0))[0]).isEqualTo(2.0f);
        }
    }

    @Test
    void should_compute_half_plus_two_when_the_writer_is_tf_2_14() {
        Path dir = Models.require(Models.HALF_PLUS_TWO);
        try (FlatGraph m = GraphLoader.load(dir, TfLoadOptions.defaults(), 42L); Session s = new Session(m.graph());
                TFloat32 x = TFloat32.vectorOf(2f);
                Result r = s.runner().feed(m.inputs().get(0), x).fetch(m.outputs().get(0)).run()) {
            assertThat(floats(r.get(0))[0]).isEqualTo(3f);
        }
    }

    @Test
    void should_leave_scope_nodes_grouped_by_name_when_no_layer_is_known() {
        Map<String, String> keys = LayerGrouper.scopeHeuristic(
                List.of("a", "b", "c", "d", "e"),
                List.of(new String[] {"net", "conv_1", "Conv2D"}, new String[] {"net", "conv_1", "bn", "mul"},
                        new String[] {"net", "ds_1", "dw", "op"}, new String[] {"net", "ds_1", "pw", "op"},
                        new String[] {"net", "Squeeze"}));
        assertThat(keys).containsEntry("a", "conv_1").containsEntry("b", "conv_1").containsEntry("c", "ds_1/dw")
                .containsEntry("d", "ds_1/pw").containsEntry("e", "Squeeze");
    }
}
