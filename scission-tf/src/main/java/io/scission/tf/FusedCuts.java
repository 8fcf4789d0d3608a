package io.scission.tf;

import io.scission.deploy.SegmentPlan;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.tf.internal.graph.GraphDefs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Finds the cuts that TensorFlow's graph rewrites cross, from TensorFlow itself: the whole model runs once in the
 * given (optimising) session with {@code RunOptions.output_partition_graphs}, and the graph TensorFlow really
 * executed (after Grappler's remapper, arithmetic rewrites and oneDNN's layout pass) is compared with the model's
 * own graph. A cut is crossed when a tensor crossing it is no longer computed as the model's graph computes it:
 * <ol>
 *   <li>its producer node is gone (fused into a later node, which keeps the last op's name, e.g. a convolution and
 *       batch norm inside {@code _FusedConv2D} named after the ReLU, or folded away);</li>
 *   <li>its producer now reads a layer output that was not an ancestor of it (ops reordered across the cut, e.g.
 *       ReLU and max-pooling swapped);</li>
 *   <li>a node that was an ancestor of the producer now reads the tensor (the same swap seen from the other
 *       side);</li>
 *   <li>or its producer runs another op on the same inputs: it took in the ops after it (a batch norm fused with
 *       the ReLU after it, {@code _FusedBatchNormEx}, keeps the batch norm's name).</li>
 * </ol>
 * Blocks cut there could not run what the whole model runs: a block ending at the convolution fetches its output,
 * so TensorFlow cannot fuse it with the batch norm, and the block times stop adding up to the model's.
 */
final class FusedCuts {

    private FusedCuts() {
    }

    /**
     * Returns the base rule's cuts that TensorFlow's rewrites cross in this model under the given session.
     *
     * @param model the model
     * @param base the rule whose cuts are checked
     * @param config the session TensorFlow would run the model in (Grappler on, the pruned graph not placed: a
     *     session that places the pruned graph skips Grappler)
     * @param inputs a value for every model input
     * @return the crossed cut positions, ascending
     */
    static List<Integer> crossed(TfModel model, PartitionRule base, ConfigProto config, Map<String, Tensor> inputs) {
        return crossed(model, base, executedGraph(model, config, inputs));
    }

    /** Compares the model's graph with the executed one; see the class comment. */
    static List<Integer> crossed(TfModel model, PartitionRule base, GraphDef executed) {
        ModelGraph g = model.structure();
        Map<String, NodeDef> before = byName(model.graph().toGraphDef());
        Map<String, NodeDef> after = byName(executed);
        Map<String, Set<String>> readers = new HashMap<>();
        for (NodeDef n : executed.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.startsWith("^")) {
                    readers.computeIfAbsent(GraphDefs.tensorName(in), k -> new HashSet<>()).add(n.getName());
                }
            }
        }
        Set<String> activations = new HashSet<>();
        for (int i = 0; i < g.size(); i++) {
            if (!g.layers().get(i).isInput()) {
                for (int k = 0; k < g.layers().get(i).outputs().size(); k++) {
                    activations.add(GraphDefs.nodeOf(model.tensor(new TensorRef(i, k))));
                }
            }
        }
        List<Integer> crossed = new ArrayList<>();
        for (int cut : base.cuts(g)) {
            for (TensorRef ref : SegmentPlan.crossing(g, cut)) {
                if (g.layers().get(ref.layer()).isInput()) {
                    continue; // fed, never computed
                }
                String tensor = GraphDefs.tensorName(model.tensor(ref));
                if (!computedAsModelDoes(GraphDefs.nodeOf(tensor), tensor, before, after, readers, activations)) {
                    crossed.add(cut);
                    break;
                }
            }
        }
        return List.copyOf(crossed);
    }

    private static boolean computedAsModelDoes(String producer, String tensor, Map<String, NodeDef> before,
            Map<String, NodeDef> after, Map<String, Set<String>> readers, Set<String> activations) {
        NodeDef now = after.get(producer);
        if (now == null) {
            return false;
        }
        Set<String> ancestors = ancestors(producer, before);
        for (String in : now.getInputList()) {
            String node = GraphDefs.nodeOf(in);
            if (!in.startsWith("^") && activations.contains(node) && !ancestors.contains(node)) {
                return false;
            }
        }
        NodeDef was = before.get(producer);
        if (was != null && !op(now).equals(was.getOp())
                && activationInputs(now, activations).equals(activationInputs(was, activations))) {
            // another op, same inputs: it took in what came after it (e.g. a batch norm fused with the ReLU after
            // it, _FusedBatchNormEx, keeps the batch norm's name), so its output is no longer the model's tensor
            return false;
        }
        for (String reader : readers.getOrDefault(tensor, Set.of())) {
            if (ancestors.contains(reader)) {
                return false;
            }
        }
        return true;
    }

    /** The op without oneDNN's prefix: {@code _MklNativeConv2D} is a {@code Conv2D}. */
    static String op(NodeDef n) {
        String op = n.getOp();
        for (String prefix : List.of("_MklNative", "_Mkl")) {
            if (op.startsWith(prefix)) {
                return op.substring(prefix.length());
            }
        }
        return op;
    }

    private static List<String> activationInputs(NodeDef n, Set<String> activations) {
        List<String> ins = new ArrayList<>();
        for (String in : n.getInputList()) {
            if (!in.startsWith("^") && activations.contains(GraphDefs.nodeOf(in))) {
                ins.add(GraphDefs.tensorName(in));
            }
        }
        return ins;
    }

    /** The nodes the given node reads, directly or not, in the model's own graph (data inputs only). */
    private static Set<String> ancestors(String node, Map<String, NodeDef> graph) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.add(node);
        while (!todo.isEmpty()) {
            NodeDef n = graph.get(todo.poll());
            if (n == null) {
                continue;
            }
            for (String in : n.getInputList()) {
                if (!in.startsWith("^") && seen.add(GraphDefs.nodeOf(in))) {
                    todo.add(GraphDefs.nodeOf(in));
                }
            }
        }
        return seen;
    }

    /**
     * Runs the whole model once and returns the graph TensorFlow executed: the union of its partition graphs.
     *
     * @param model the model
     * @param config the session
     * @param inputs a value for every model input
     * @return the executed graph
     */
    static GraphDef executedGraph(TfModel model, ConfigProto config, Map<String, Tensor> inputs) {
        Graph graph = model.graph();
        try (Session s = new Session(graph, config)) {
            Session.Runner run = s.runner();
            inputs.forEach(run::feed);
            for (TensorRef out : model.structure().outputs()) {
                run.fetch(model.tensor(out));
            }
            run.setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build());
            try (Result r = run.runAndFetchMetadata()) {
                RunMetadata md = r.getMetadata().orElseThrow(() -> new IllegalStateException(
                        "TensorFlow returned no run metadata for the partition graphs"));
                GraphDef.Builder all = GraphDef.newBuilder();
                for (GraphDef part : md.getPartitionGraphsList()) {
                    all.addAllNode(part.getNodeList());
                }
                if (all.getNodeCount() == 0) {
                    throw new IllegalStateException("TensorFlow returned no partition graphs");
                }
                return all.build();
            }
        }
    }

    private static Map<String, NodeDef> byName(GraphDef gd) {
        Map<String, NodeDef> m = new HashMap<>();
        for (NodeDef n : gd.getNodeList()) {
            m.put(n.getName(), n);
        }
        return m;
    }
}
