package io.scission.tf.internal.graph;

import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import io.scission.tf.ModelLoadException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Groups the nodes of a flat graph into layers and builds the layer DAG in a deterministic topological order.
 *
 * <p>Only <em>live</em> nodes count: downstream (along data edges) of a model input and upstream of a model
 * output. Weights, constants, identities of constants, constant-only sub-graphs (batch-norm arithmetic on moving
 * averages), variables, init/save/restore nodes, and everything upstream of a fed intermediate input (an audio
 * front-end when {@code Mfcc:0} is fed) are therefore never layers, without any name rule. Wrapper nodes that
 * inlining leaves at the top level of a function body (Identity, IdentityN, NoOp, ... whose in-function name has no
 * scope) are transparent: edges and model outputs are traced through them.
 *
 * <p>A node's layer, from its in-function name:
 * <ol>
 *   <li>with {@code keras_metadata.pb}: leading segments that name a model (the root model and nested Sequential
 *       or Functional models, e.g. {@code sequential_1/model/}) are stripped; if the next segment is a Keras layer,
 *       that is the layer;
 *   <li>otherwise the scope heuristic: the longest scope prefix common to all live nodes is stripped; a node
 *       without scope is its own layer; else the scope path is walked down from the first segment while the scope
 *       is a <em>container</em> (its live ops sit in two or more child scopes), and an op directly inside a
 *       container is its own layer. For DS-CNN this gives {@code MobileNet/conv_ds_1/depthwise_conv}, ...
 * </ol>
 * Layers that form a cycle (interleaved scopes) are merged. The order is Kahn's topological sort, ties broken by
 * Keras {@code model.layers} order when known, else by the position of the layer's first node in the GraphDef.
 * Layer 0 is the input layer; it holds every model input.
 */
public final class LayerGrouper {

    static final Set<String> PASS_THROUGH = Set.of("Identity", "IdentityN", "NoOp", "StopGradient", "Snapshot");
    private static final Set<String> NOT_MAIN = Set.of("Identity", "IdentityN", "NoOp", "StopGradient", "Snapshot",
            "Const", "Shape", "Pack", "StridedSlice", "Cast");
    private static final String INPUT = "\u0000input";
    private static final String SINK = "\u0000sink";

    private LayerGrouper() {
    }

    /**
     * Groups the graph's nodes into layers.
     *
     * @param m the flat graph
     * @param name the model's name
     * @param inputShapes shapes for inputs with unknown dimensions, used if a shape must be found by running
     * @return the layers
     * @throws ModelLoadException if a layer output's size can be known neither statically nor by a run
     */
    public static LayerStructure group(FlatGraph m, String name, Map<String, List<Long>> inputShapes) {
        GraphDef gd = m.graphDef();
        Map<String, NodeDef> byName = GraphDefs.byName(gd);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < gd.getNodeCount(); i++) {
            position.put(gd.getNode(i).getName(), i);
        }
        Map<String, List<String>> dataConsumers = new HashMap<>();
        Map<String, Set<String>> nodeConsumers = new HashMap<>();
        for (NodeDef n : gd.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.startsWith("^")) {
                    dataConsumers.computeIfAbsent(GraphDefs.tensorName(in), k -> new ArrayList<>()).add(n.getName());
                    nodeConsumers.computeIfAbsent(GraphDefs.nodeOf(in), k -> new LinkedHashSet<>()).add(n.getName());
                }
            }
        }
        Set<String> inputTensors = new LinkedHashSet<>(m.inputs());
        Set<String> inputNodes = new HashSet<>();
        for (String t : inputTensors) {
            inputNodes.add(GraphDefs.nodeOf(t));
        }

        Set<String> live = liveNodes(m, byName, dataConsumers, nodeConsumers, inputTensors, inputNodes);

        Optional<KerasMetadata> keras = m.keras();
        Map<String, String> key = new LinkedHashMap<>();
        Map<String, String> kerasClass = new HashMap<>();
        List<String> heuristicNodes = new ArrayList<>();
        List<String[]> heuristicNames = new ArrayList<>();
        boolean usedKeras = false;
        for (NodeDef n : gd.getNodeList()) {
            String node = n.getName();
            if (!live.contains(node) || transparent(m, n)) {
                continue;
            }
            String[] seg = m.localName(node).split("/");
            int s = 0;
            if (keras.isPresent()) {
                while (s < seg.length - 1 && keras.get().modelNames().contains(seg[s])) {
                    s++;
                }
                Optional<KerasMetadata.KerasLayer> kl = keras.get().layer(seg[s]);
                if (s < seg.length - 1 && kl.isPresent() && !keras.get().modelNames().contains(seg[s])) {
                    key.put(node, seg[s]);
                    kerasClass.put(seg[s], kl.get().className());
                    usedKeras = true;
                    continue;
                }
            }
            heuristicNodes.add(node);
            heuristicNames.add(Arrays.copyOfRange(seg, s, seg.length));
        }
        key.putAll(scopeHeuristic(heuristicNodes, heuristicNames));
        String grouping = usedKeras ? (heuristicNodes.isEmpty() ? "keras-metadata" : "keras-metadata+scope-heuristic")
                : "scope-heuristic";

        // edges between layers, traced through transparent nodes: [from, to, tensor]
        Map<String, String> resolved = new HashMap<>();
        Set<List<String>> rawEdges = new LinkedHashSet<>();
        for (NodeDef n : gd.getNodeList()) {
            String to = key.get(n.getName());
            if (to == null) {
                continue;
            }
            for (String in : n.getInputList()) {
                if (in.startsWith("^")) {
                    continue;
                }
                String r = resolve(GraphDefs.tensorName(in), inputTensors, byName, live, m, resolved);
                if (r == null) {
                    continue;
                }
                String from = inputTensors.contains(r) ? INPUT : key.get(GraphDefs.nodeOf(r));
                if (from != null && !from.equals(to)) {
                    rawEdges.add(List.of(from, to, r));
                }
            }
        }
        List<String> modelOutputs = new ArrayList<>();
        for (String t : m.outputs()) {
            String r = resolve(t, inputTensors, byName, live, m, resolved);
            String from = r == null ? null : inputTensors.contains(r) ? INPUT : key.get(GraphDefs.nodeOf(r));
            if (from == null) {
                continue;
            }
            rawEdges.add(List.of(from, SINK, r));
            if (!modelOutputs.contains(r)) {
                modelOutputs.add(r);
            }
        }
        if (modelOutputs.isEmpty()) {
            throw new ModelLoadException(m.source(), "none of the outputs " + m.outputs() + " depends on the inputs "
                    + m.inputs() + ".\nMaybe name other tensors with TfLoadOptions.withInputs and withOutputs.");
        }

        Map<String, Set<String>> adj = new LinkedHashMap<>();
        for (String k : new LinkedHashSet<>(key.values())) {
            adj.put(k, new LinkedHashSet<>());
        }
        for (List<String> e : rawEdges) {
            if (adj.containsKey(e.get(0)) && adj.containsKey(e.get(1))) {
                adj.get(e.get(0)).add(e.get(1));
            }
        }
        Map<String, String> merged = mergeCycles(adj);
        if (!merged.isEmpty()) {
            key.replaceAll((n, k) -> merged.getOrDefault(k, k));
            Set<List<String>> re = new LinkedHashSet<>();
            for (List<String> e : rawEdges) {
                String f = merged.getOrDefault(e.get(0), e.get(0));
                String t = merged.getOrDefault(e.get(1), e.get(1));
                if (!f.equals(t)) {
                    re.add(List.of(f, t, e.get(2)));
                }
            }
            rawEdges = re;
        }
        Map<String, List<String>> nodesOf = new LinkedHashMap<>();
        key.forEach((n, k) -> nodesOf.computeIfAbsent(k, x -> new ArrayList<>()).add(n));

        List<String> order = topologicalOrder(nodesOf, rawEdges, keras, position);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            idx.put(order.get(i), i);
        }
        idx.put(SINK, order.size());

        String inputName = "input";
        if (keras.isPresent()) {
            for (KerasMetadata.KerasLayer l : keras.get().layers()) {
                if (l.className().equals("InputLayer")) {
                    inputName = l.name();
                    break;
                }
            }
        }
        while (nodesOf.containsKey(inputName)) {
            inputName = inputName + "_";
        }

        // outputs per layer (input layer: every model input), inputs per layer, in edge order
        List<List<String>> outs = new ArrayList<>();
        List<List<String>> ins = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            outs.add(new ArrayList<>());
            ins.add(new ArrayList<>());
        }
        outs.get(0).addAll(m.inputs());
        List<List<String>> sortedEdges = new ArrayList<>(rawEdges);
        sortedEdges.sort(Comparator.comparing((List<String> e) -> idx.get(e.get(0)))
                .thenComparing(e -> idx.get(e.get(1))).thenComparing(e -> e.get(2)));
        for (List<String> e : sortedEdges) {
            int f = idx.get(e.get(0));
            int t = idx.get(e.get(1));
            if (!outs.get(f).contains(e.get(2))) {
                outs.get(f).add(e.get(2));
            }
            if (t < order.size() && !ins.get(t).contains(e.get(2))) {
                ins.get(t).add(e.get(2));
            }
        }
        Map<String, TensorRef> refOf = new HashMap<>();
        for (int i = 0; i < outs.size(); i++) {
            for (int k = 0; k < outs.get(i).size(); k++) {
                refOf.put(outs.get(i).get(k), new TensorRef(i, k));
            }
        }
        Map<String, TensorSpec> specs = specs(m, outs, inputShapes);

        List<Layer> layers = new ArrayList<>();
        List<List<String>> nodes = new ArrayList<>();
        layers.add(new Layer(0, inputName, keras.isPresent() ? "InputLayer" : "Input", List.of(),
                specList(outs.get(0), specs)));
        List<String> inNodes = new ArrayList<>();
        for (String t : m.inputs()) {
            inNodes.add(GraphDefs.nodeOf(t));
        }
        nodes.add(inNodes);
        for (int i = 1; i < order.size(); i++) {
            String k = order.get(i);
            List<String> ns = nodesOf.get(k);
            List<TensorRef> inputs = new ArrayList<>();
            for (String t : ins.get(i)) {
                inputs.add(refOf.get(t));
            }
            String type = kerasClass.getOrDefault(k, mainOp(ns, byName));
            layers.add(new Layer(i, k, type, inputs, specList(outs.get(i), specs)));
            nodes.add(ns);
        }
        List<TensorRef> outputRefs = new ArrayList<>();
        for (String t : modelOutputs) {
            outputRefs.add(refOf.get(t));
        }
        ModelGraph graph = ModelGraph.of(name, layers, outputRefs);
        return new LayerStructure(graph, outs, nodes, grouping);
    }

    private static Set<String> liveNodes(FlatGraph m, Map<String, NodeDef> byName,
            Map<String, List<String>> dataConsumers, Map<String, Set<String>> nodeConsumers, Set<String> inputTensors,
            Set<String> inputNodes) {
        Set<String> fwd = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String t : inputTensors) {
            todo.addAll(dataConsumers.getOrDefault(t, List.of()));
        }
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!inputNodes.contains(n) && fwd.add(n)) {
                todo.addAll(nodeConsumers.getOrDefault(n, Set.of()));
            }
        }
        Set<String> bwd = new HashSet<>();
        for (String t : m.outputs()) {
            todo.push(GraphDefs.nodeOf(t));
        }
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (bwd.add(n) && !inputNodes.contains(n)) {
                for (String in : byName.get(n).getInputList()) {
                    if (!in.startsWith("^")) {
                        todo.push(GraphDefs.nodeOf(in));
                    }
                }
            }
        }
        Set<String> live = new HashSet<>(fwd);
        live.retainAll(bwd);
        return live;
    }

    private static List<String> topologicalOrder(Map<String, List<String>> nodesOf, Set<List<String>> edges,
            Optional<KerasMetadata> keras, Map<String, Integer> position) {
        Map<String, Double> prio = new HashMap<>();
        for (Map.Entry<String, List<String>> e : nodesOf.entrySet()) {
            double p = 1e9 + position.get(e.getValue().get(0));
            if (keras.isPresent()) {
                Optional<KerasMetadata.KerasLayer> kl = keras.get().layer(e.getKey());
                if (kl.isPresent()) {
                    p = kl.get().order();
                }
            }
            prio.put(e.getKey(), p);
        }
        Map<String, Integer> indeg = new HashMap<>();
        Map<String, Set<String>> succ = new HashMap<>();
        for (String k : nodesOf.keySet()) {
            indeg.put(k, 0);
        }
        Set<List<String>> pairs = new HashSet<>();
        for (List<String> e : edges) {
            if (!e.get(0).equals(INPUT) && !e.get(1).equals(SINK) && pairs.add(List.of(e.get(0), e.get(1)))) {
                indeg.merge(e.get(1), 1, Integer::sum);
                succ.computeIfAbsent(e.get(0), k -> new LinkedHashSet<>()).add(e.get(1));
            }
        }
        PriorityQueue<String> q = new PriorityQueue<>(Comparator.comparingDouble((String k) -> prio.get(k))
                .thenComparing(k -> position.get(nodesOf.get(k).get(0))));
        indeg.forEach((k, d) -> {
            if (d == 0) {
                q.add(k);
            }
        });
        List<String> order = new ArrayList<>();
        order.add(INPUT);
        while (!q.isEmpty()) {
            String k = q.poll();
            order.add(k);
            for (String s : succ.getOrDefault(k, Set.of())) {
                if (indeg.merge(s, -1, Integer::sum) == 0) {
                    q.add(s);
                }
            }
        }
        if (order.size() != nodesOf.size() + 1) {
            throw new IllegalStateException("The layer graph still has a cycle after merging strongly connected "
                    + "components.");
        }
        return order;
    }

    private static String mainOp(List<String> nodes, Map<String, NodeDef> byName) {
        for (String n : nodes) {
            String op = byName.get(n).getOp();
            if (!NOT_MAIN.contains(op)) {
                return op;
            }
        }
        return byName.get(nodes.get(0)).getOp();
    }

    private static List<TensorSpec> specList(List<String> tensors, Map<String, TensorSpec> specs) {
        List<TensorSpec> r = new ArrayList<>();
        for (String t : tensors) {
            r.add(specs.get(t));
        }
        return r;
    }

    /** Static specs; tensors whose size is not known statically are measured by one run on random inputs. */
    private static Map<String, TensorSpec> specs(FlatGraph m, List<List<String>> outs,
            Map<String, List<Long>> inputShapes) {
        Map<String, TensorSpec> specs = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        Graph g = m.graph();
        for (List<String> layer : outs) {
            for (String t : layer) {
                Output<?> out = output(g, t);
                Shape s = out.shape();
                TensorSpec spec = Dtypes.spec(out.dataType(), s == null || s.isUnknown() ? null : s.asArray());
                if (spec != null) {
                    specs.put(t, spec);
                } else if (Dtypes.size(out.dataType()) <= 0) {
                    throw new ModelLoadException(m.source(), GraphDefs.nodeOf(t), "the layer output " + t
                            + " has type " + Dtypes.name(out.dataType()) + ", whose size is not fixed.\nMaybe feed "
                            + "a numeric tensor further in with TfLoadOptions.withInputs.");
                } else {
                    unknown.add(t);
                }
            }
        }
        if (!unknown.isEmpty()) {
            specs.putAll(measure(m, unknown, inputShapes));
        }
        return specs;
    }

    private static Output<?> output(Graph g, String tensor) {
        GraphOperation op = g.operation(GraphDefs.nodeOf(tensor));
        return op.output(GraphDefs.indexOf(tensor));
    }

    private static Map<String, TensorSpec> measure(FlatGraph m, List<String> tensors,
            Map<String, List<Long>> inputShapes) {
        Map<String, TensorSpec> specs = new HashMap<>();
        Map<String, Tensor> feeds;
        try {
            feeds = RandomInputs.create(m.source(), m.graph(), m.inputs(), inputShapes, 1L);
        } catch (ModelLoadException e) {
            throw new ModelLoadException(m.source(), GraphDefs.nodeOf(tensors.get(0)), "the size of the layer "
                    + "output " + tensors.get(0) + " is not known statically, and a run to measure it is not "
                    + "possible: " + e.getMessage(), e);
        }
        List<String> fetch = new ArrayList<>();
        for (String t : tensors) {
            if (!feeds.containsKey(t)) {
                fetch.add(t);
            }
        }
        try (Session s = new Session(m.graph())) {
            Session.Runner r = s.runner();
            feeds.forEach(r::feed);
            fetch.forEach(r::fetch);
            try (Result res = r.run()) {
                for (int i = 0; i < fetch.size(); i++) {
                    Tensor t = res.get(i);
                    specs.put(fetch.get(i), measured(t.dataType(), t.shape()));
                }
            }
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                if (tensors.contains(e.getKey())) {
                    specs.put(e.getKey(), measured(e.getValue().dataType(), e.getValue().shape()));
                }
            }
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException(m.source(), GraphDefs.nodeOf(fetch.isEmpty() ? tensors.get(0) : fetch.get(0)),
                    "the size of a layer output is not known statically, and the run to measure it failed: "
                            + e.getMessage(), e);
        } finally {
            feeds.values().forEach(Tensor::close);
        }
        return specs;
    }

    private static TensorSpec measured(DataType dt, Shape shape) {
        TensorSpec spec = Dtypes.spec(dt, shape.asArray());
        if (spec == null) {
            throw new IllegalStateException("A measured tensor has no fixed size: " + dt + " " + shape);
        }
        return spec;
    }

    static boolean transparent(FlatGraph m, NodeDef n) {
        return PASS_THROUGH.contains(n.getOp()) && !m.localName(n.getName()).contains("/");
    }

    private static @Nullable String resolve(String tensor, Set<String> inputs, Map<String, NodeDef> byName,
            Set<String> live, FlatGraph m, Map<String, String> memo) {
        String cached = memo.get(tensor);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        String r;
        String node = GraphDefs.nodeOf(tensor);
        NodeDef n = byName.get(node);
        if (inputs.contains(tensor)) {
            r = tensor;
        } else if (n == null || !live.contains(node)) {
            r = null;
        } else if (transparent(m, n)) {
            if (n.getOp().equals("NoOp")) {
                r = null;
            } else {
                int dataIdx = n.getOp().equals("IdentityN") ? GraphDefs.indexOf(tensor) : 0;
                List<String> data = new ArrayList<>();
                for (String in : n.getInputList()) {
                    if (!in.startsWith("^")) {
                        data.add(in);
                    }
                }
                r = dataIdx < data.size()
                        ? resolve(GraphDefs.tensorName(data.get(dataIdx)), inputs, byName, live, m, memo) : null;
            }
        } else {
            r = tensor;
        }
        memo.put(tensor, r == null ? "" : r);
        return r;
    }

    /** The scope heuristic (see the class comment); returns node to layer name. */
    static Map<String, String> scopeHeuristic(List<String> nodes, List<String[]> names) {
        Map<String, String> out = new LinkedHashMap<>();
        if (nodes.isEmpty()) {
            return out;
        }
        int common = Integer.MAX_VALUE;
        String[] first = names.get(0);
        for (String[] s : names) {
            int c = 0;
            while (c < s.length - 1 && c < first.length - 1 && s[c].equals(first[c])) {
                c++;
            }
            common = Math.min(common, c);
        }
        if (nodes.size() == 1) {
            common = 0;
        }
        List<String[]> stripped = new ArrayList<>();
        for (String[] s : names) {
            stripped.add(Arrays.copyOfRange(s, common, s.length));
        }
        Map<String, Set<String>> children = new HashMap<>();
        for (String[] s : stripped) {
            StringBuilder p = new StringBuilder();
            for (int d = 0; d < s.length - 1; d++) {
                children.computeIfAbsent(p.toString(), k -> new LinkedHashSet<>()).add(s[d]);
                if (d > 0) {
                    p.append('/');
                }
                p.append(s[d]);
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            String[] s = stripped.get(i);
            if (s.length == 1) {
                out.put(nodes.get(i), s[0]);
                continue;
            }
            String scope = s[0];
            int d = 1;
            while (children.getOrDefault(scope, Set.of()).size() > 1) {
                scope = scope + "/" + s[d];
                if (d == s.length - 1) {
                    break;
                }
                d++;
            }
            out.put(nodes.get(i), scope);
        }
        return out;
    }

    /** Tarjan's strongly connected components; maps each member of a cycle to the merged layer name. */
    static Map<String, String> mergeCycles(Map<String, Set<String>> adj) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> on = new HashSet<>();
        Map<String, String> merged = new HashMap<>();
        int[] counter = {0};
        for (String v : adj.keySet()) {
            if (!index.containsKey(v)) {
                strong(v, adj, index, low, stack, on, merged, counter);
            }
        }
        return merged;
    }

    private static void strong(String v, Map<String, Set<String>> adj, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> on, Map<String, String> merged,
            int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        on.add(v);
        for (String w : adj.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, adj, index, low, stack, on, merged, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                List<String> sorted = new ArrayList<>(comp);
                sorted.sort(null);
                String name = String.join("+", sorted);
                for (String c : comp) {
                    merged.put(c, name);
                }
            }
        }
    }
}
