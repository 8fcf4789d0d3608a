package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.SegmentPlan;
import io.scission.model.PartitionRule;
import io.scission.spi.ModelSource;
import io.scission.tf.TfLoadOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The segments are ordinary TensorFlow SavedModels: checked in the {@code saved_model.pb} protobuf against what
 * TensorFlow's own loaders read (tags, the {@code serving_default} signature and its tensor infos, the V2 saver,
 * a flat graph), and loaded and called through TF Java's public API as a third party would, not through our runners.
 */
class SavedModelFormatTest {

    @TempDir
    static Path dir;
    static ModelRunner model;
    static Deployment deployment;

    @BeforeAll
    static void export() throws URISyntaxException {
        Path json = Path.of(SavedModelFormatTest.class.getResource("two_heads.json").toURI());
        model = Deployments.openModel(ModelSource.of(json), TfLoadOptions.defaults(), 42L);
        // segment 1 is head_a alone (global average pooling): a SavedModel without weights
        deployment = Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(1, 2),
                DeploymentChecks.THREE), dir.resolve("d"), ExportOptions.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static MetaGraphDef metaGraph(Deployment.SegmentInfo s) throws IOException {
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("d").resolve(s.savedModel())
                .resolve("saved_model.pb")));
        assertThat(sm.getSavedModelSchemaVersion()).isEqualTo(1);
        assertThat(sm.getMetaGraphsCount()).isEqualTo(1);
        return sm.getMetaGraphs(0);
    }

    @Test
    void should_hold_one_serve_meta_graph_with_a_predict_signature_whose_tensors_exist_when_parsed() throws IOException {
        for (Deployment.SegmentInfo s : deployment.segments()) {
            // WHEN
            MetaGraphDef mg = metaGraph(s);
            GraphDef gd = mg.getGraphDef();

            // THEN the MetaGraph TF Serving and tf.saved_model.load pick by tag, with the default signature
            assertThat(mg.getMetaInfoDef().getTagsList()).containsExactly("serve");
            assertThat(mg.getMetaInfoDef().getTensorflowVersion()).isEqualTo(TensorFlow.version());
            assertThat(mg.getSignatureDefMap()).containsOnlyKeys("serving_default");
            SignatureDef sig = mg.getSignatureDefOrThrow("serving_default");
            assertThat(sig.getMethodName()).isEqualTo("tensorflow/serving/predict");
            assertThat(sig.getInputsMap().keySet()).containsExactlyInAnyOrderElementsOf(Deployment.keysOf(s.inputs()));
            assertThat(sig.getOutputsMap().keySet()).containsExactlyInAnyOrderElementsOf(Deployment.keysOf(s.outputs()));
            // AND a flat graph: no function library, no device pinned
            assertThat(gd.getLibrary().getFunctionCount()).isZero();
            assertThat(gd.getNodeList()).allSatisfy(n -> assertThat(n.getDevice()).isEmpty());
            // AND every tensor info names a tensor of the graph with the type and shape TensorFlow infers
            try (Graph g = new Graph()) {
                g.importGraphDef(gd);
                Map<String, TensorInfo> infos = new HashMap<>(sig.getInputsMap());
                infos.putAll(sig.getOutputsMap());
                for (Map.Entry<String, TensorInfo> e : infos.entrySet()) {
                    TensorInfo ti = e.getValue();
                    String node = ti.getName().substring(0, ti.getName().lastIndexOf(':'));
                    int index = Integer.parseInt(ti.getName().substring(ti.getName().lastIndexOf(':') + 1));
                    GraphOperation op = g.operation(node);
                    assertThat(op).as(e.getKey()).isNotNull();
                    assertThat(op.output(index).dataType()).as(e.getKey()).isEqualTo(ti.getDtype());
                    long[] graphShape = op.output(index).shape().asArray();
                    assertThat(graphShape).as(e.getKey()).hasSize(ti.getTensorShape().getDimCount());
                    for (int d = 1; d < graphShape.length; d++) {
                        assertThat(graphShape[d]).as(e.getKey()).isEqualTo(ti.getTensorShape().getDim(d).getSize());
                    }
                }
                for (Deployment.CutTensor in : s.inputs()) {
                    assertThat(g.operation(in.tensor().replace(":0", "")).type()).isEqualTo("Placeholder");
                }
            }
        }
    }

    @Test
    void should_restore_every_variable_with_a_v2_saver_when_a_segment_has_weights() throws IOException {
        for (Deployment.SegmentInfo s : deployment.segments()) {
            // WHEN
            MetaGraphDef mg = metaGraph(s);
            Path variables = dir.resolve("d").resolve(s.savedModel()).resolve("variables");
            List<String> handles = new ArrayList<>();
            Map<String, NodeDef> byName = new HashMap<>();
            for (NodeDef n : mg.getGraphDef().getNodeList()) {
                byName.put(n.getName(), n);
                if (n.getOp().equals("VarHandleOp")) {
                    handles.add(n.getName());
                    assertThat(n.getAttrOrThrow("shared_name").getS().toStringUtf8()).isEqualTo(n.getName());
                }
            }

            // THEN with weights: TensorFlow's V2 saver names (as TF 1.x Saver writes them) and a checkpoint;
            // without: neither, as TensorFlow writes a SavedModel without variables
            assertThat(handles).hasSize(s.variables());
            if (s.variables() == 0) {
                assertThat(mg.hasSaverDef()).isFalse();
                assertThat(variables).doesNotExist();
                continue;
            }
            SaverDef saver = mg.getSaverDef();
            assertThat(saver.getVersion()).isEqualTo(SaverDef.CheckpointFormatVersion.V2);
            assertThat(byName).containsKeys(saver.getFilenameTensorName().replace(":0", ""),
                    saver.getSaveTensorName().replace(":0", ""), saver.getRestoreOpName());
            NodeDef names = byName.get("save/RestoreV2/tensor_names");
            List<String> restored = new ArrayList<>();
            names.getAttrOrThrow("value").getTensor().getStringValList().forEach(b -> restored.add(b.toStringUtf8()));
            assertThat(restored).containsExactlyInAnyOrderElementsOf(handles);
            assertThat(variables.resolve("variables.index")).isRegularFile();
            assertThat(variables.resolve("variables.data-00000-of-00001")).isRegularFile();
            assertThat(s.weightBytes()).isEqualTo(Files.size(variables.resolve("variables.data-00000-of-00001")));
        }
        assertThat(deployment.segments()).extracting(Deployment.SegmentInfo::variables).contains(0);
    }

    @Test
    void should_compute_like_our_runner_when_tf_java_loads_and_calls_the_signature_itself() {
        // GIVEN the tensors entering segment 2 (layers 3-9), from the whole model: the image (still read by
        // conv_b), head_a (a model output passing through) and the side input
        Deployment.SegmentInfo s = deployment.segments().get(2);
        Map<String, HostTensor> input = Deployments.randomInputs(model.inputs(), 5);
        Map<String, HostTensor> reference = model.tensors(input, List.of("head_a/Mean:0", "scores/Softmax:0"));
        Map<String, Tensor> feeds = new HashMap<>();
        feeds.put("image", TfTensors.toNative(input.get("image")));
        feeds.put("head_a", TfTensors.toNative(reference.get("head_a/Mean:0")));
        feeds.put("side", TfTensors.toNative(input.get("side")));

        // WHEN TF Java's loader and its serving_default function, nothing of ours
        try (SavedModelBundle b = SavedModelBundle.load(dir.resolve("d").resolve(s.savedModel()).toString(),
                "serve"); Result r = b.function(Signature.DEFAULT_KEY).call(feeds)) {

            // THEN the same outputs as the whole model, keyed by layer
            assertThat(b.signatures()).hasSize(1);
            assertThat(b.function(Signature.DEFAULT_KEY).signature().inputNames())
                    .containsExactlyInAnyOrder("image", "head_a", "side");
            DeploymentChecks.within("scores", reference.get("scores/Softmax:0"),
                    TfTensors.toHost(r.get("scores").orElseThrow()));
            assertThat(TfTensors.toHost(r.get("head_a").orElseThrow())).isEqualTo(reference.get("head_a/Mean:0"));
        } finally {
            feeds.values().forEach(Tensor::close);
        }
    }
}
