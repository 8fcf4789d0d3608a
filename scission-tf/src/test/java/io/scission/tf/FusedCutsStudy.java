package io.scission.tf;

import io.scission.deploy.SegmentPlan;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.spi.ModelSource;
import io.scission.tf.internal.graph.GraphDefs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Study (not a test) behind docs/serving.md "Profiles of what TensorFlow runs": which {@code scission} cuts
 * TensorFlow's rewrites cross in a model, and the executed node that decided it ({@code -Dall=true}: every cut;
 * {@code -Ddump=true}: the executed graph without weights). Run with
 * {@code scission-tf/measurements/study.sh FusedCutsStudy zoo:mobilenetv2 zoo:resnet50 path/to/model.json}.
 */
final class FusedCutsStudy {

    private FusedCutsStudy() {
    }

    public static void main(String[] args) {
        for (String spec : args) {
            ModelSource src = spec.startsWith("zoo:") ? new ModelSource(spec) : ModelSource.of(Path.of(spec));
            try (TfModel m = new TensorFlowModelParser().open(src, 1L)) {
                ModelGraph g = m.structure();
                Map<String, Tensor> in = TfProfiler.inputs(m, 1L);
                GraphDef executed = FusedCuts.executedGraph(m,
                        TfTimingOptions.defaults().withFusion(TfTimingOptions.Fusion.DEFAULT).sessionConfig(0), in);
                in.values().forEach(Tensor::close);
                Map<String, NodeDef> after = new HashMap<>();
                for (NodeDef n : executed.getNodeList()) {
                    after.put(n.getName(), n);
                }
                List<Integer> crossed = FusedCuts.crossed(m, PartitionRule.SCISSION, executed);
                System.out.println(spec + ": scission cuts " + PartitionRule.SCISSION.cuts(g) + ", crossed " + crossed);
                for (int c : Boolean.getBoolean("all") ? PartitionRule.SCISSION.cuts(g) : crossed) {
                    for (TensorRef r : SegmentPlan.crossing(g, c)) {
                        NodeDef n = after.get(GraphDefs.nodeOf(m.tensor(r)));
                        System.out.println("  cut " + c + " " + g.layers().get(c).name() + " tensor " + m.tensor(r)
                                + " -> " + (n == null ? "GONE" : n.getOp() + n.getInputList()));
                    }
                }
                if (Boolean.getBoolean("dump")) {
                    for (NodeDef n : executed.getNodeList()) {
                        if (!n.getOp().equals("VariableV2") && !n.getOp().equals("Const")) {
                            System.out.println("    " + n.getName() + " = " + n.getOp() + n.getInputList());
                        }
                    }
                }
            }
        }
    }
}
