package io.scission.tf;

import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.spi.ModelSource;
import io.scission.tf.internal.graph.GraphDefs;
import java.nio.file.Path;
import java.util.*;
import org.tensorflow.*;
import org.tensorflow.proto.*;

/**
 * Study (not a test): which {@code scission} cuts TensorFlow's rewrites cross in a model, and the executed node that
 * decided it ({@code -Dall=true}: every cut; {@code -Ddump=true}: the executed graph). Run with
 * {@code scission-tf/measurements/study.sh FusedCutsStudy zoo:mobilenetv2 zoo:resnet50 path/to/model}.
 */
final class FusedCutsStudy {
    public static void main(String[] args) throws Exception {
        for (String spec : args) {
            ModelSource src = spec.startsWith("zoo:") ? new ModelSource(spec) : ModelSource.of(Path.of(spec));
            try (TfModel m = new TensorFlowModelParser().open(src, 1L)) {
                ModelGraph g = m.structure();
                Map<String, Tensor> in = TfProfiler.inputs(m, 1L);
                ConfigProto cfg = TfTimingOptions.defaults().withFusion(TfTimingOptions.Fusion.DEFAULT).sessionConfig(0);
                GraphDef ex = FusedCuts.executedGraph(m, cfg, in);
                Map<String, NodeDef> after = new HashMap<>();
                for (NodeDef n : ex.getNodeList()) after.put(n.getName(), n);
                List<Integer> crossed = FusedCuts.crossed(m, PartitionRule.SCISSION, ex);
                System.out.println(spec + ": scission cuts " + PartitionRule.SCISSION.cuts(g) + " crossed " + crossed);
                for (int c : Boolean.getBoolean("all") ? PartitionRule.SCISSION.cuts(g) : crossed) {
                    for (TensorRef r : io.scission.deploy.SegmentPlan.crossing(g, c)) {
                        String node = GraphDefs.nodeOf(m.tensor(r));
                        NodeDef n = after.get(node);
                        System.out.println("  cut " + c + " " + g.layers().get(c).name() + " tensor " + m.tensor(r) + " -> "
                                + (n == null ? "GONE" : n.getOp() + n.getInputList()));
                    }
                }
                if (Boolean.getBoolean("dump")) for (NodeDef n : ex.getNodeList()) if (!n.getOp().equals("VariableV2") && !n.getOp().equals("Const")) System.out.println("    " + n.getName() + " = " + n.getOp() + n.getInputList());
                in.values().forEach(Tensor::close);
            }
        }
    }
}
