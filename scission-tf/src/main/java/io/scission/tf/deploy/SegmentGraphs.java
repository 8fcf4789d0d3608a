package io.scission.tf.deploy;

import io.scission.tf.internal.graph.GraphDefs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Cuts one segment out of a model's flat GraphDef: the nodes between the segment's inputs and outputs, each input
 * replaced by a placeholder, every weight turned into a resource variable ({@code VarHandleOp} +
 * {@code ReadVariableOp}, as TensorFlow 2 writes them) restored by a {@code save/} saver in TensorFlow's own layout,
 * and every tensor that only passes through the segment forwarded by an {@code Identity}.
 *
 * <p>Weights are the model's variables ({@code VariableV2}) and its floating-point constants of at least
 * {@value #MIN_WEIGHT_ELEMENTS} elements; smaller constants (scalars, epsilons, shapes) stay in the graph.
 */
final class SegmentGraphs {

    /** Floating-point constants with at least this many elements become variables. */
    static final int MIN_WEIGHT_ELEMENTS = 16;
    /** The prefix of input placeholders, as TensorFlow 2 names a signature's inputs. */
    static final String INPUT_PREFIX = "serving_default_";
    /** The prefix of the Identity ops that forward a tensor through a segment. */
    static final String PASS_PREFIX = "passthrough_";

    private static final Set<String> REF_VARIABLES = Set.of("VariableV2", "Variable");
    private static final Set<DataType> FLOATS = Set.of(DataType.DT_FLOAT, DataType.DT_HALF, DataType.DT_DOUBLE,
            DataType.DT_BFLOAT16);

    private SegmentGraphs() {
    }

    /**
     * A tensor that enters the segment.
     *
     * @param key the signature key
     * @param modelTensor the tensor in the model's graph, {@code node:index}
     * @param dtype its type
     * @param shape its dimensions, -1 for free ones
     */
    record In(String key, String modelTensor, DataType dtype, List<Long> shape) {
    }

    /**
     * A tensor that leaves the segment.
     *
     * @param key the signature key
     * @param modelTensor the tensor in the model's graph
     */
    record Out(String key, String modelTensor) {
    }

    /**
     * A weight of the segment.
     *
     * @param name the variable's name, also its name in the checkpoint
     * @param modelTensor the tensor in the model's graph that holds its value
     * @param read the tensor in the segment's graph that reads it (fed with the value when the checkpoint is written)
     * @param dtype its type
     */
    record Weight(String name, String modelTensor, String read, DataType dtype) {
    }

    /**
     * The segment's graph.
     *
     * @param graphDef the nodes
     * @param inputs the placeholder tensor of each input, by key
     * @param outputs the tensor of each output, by key
     * @param weights the variables to save
     * @param saver how to restore them; the default instance when there are none
     * @param nodes the number of model nodes the segment computes
     */
    record Built(GraphDef graphDef, Map<String, String> inputs, Map<String, String> outputs, List<Weight> weights,
            SaverDef saver, int nodes) {
    }

    /** A segment that needs a tensor it is not given: the layer grouping and the cut disagree. */
    static final class MissingInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingInputException(String message) {
            super(message);
        }
    }

    /**
     * Builds a segment's graph.
     *
     * @param model the model's flat GraphDef
     * @param inputs the tensors that enter
     * @param outputs the tensors that leave; an output that is also an input passes through
     * @param forbidden nodes that belong to layers outside the segment and must not be reached
     * @return the graph
     * @throws MissingInputException if computing the outputs needs a node outside the segment
     */
    static Built build(GraphDef model, List<In> inputs, List<Out> outputs, Set<String> forbidden) {
        Map<String, NodeDef> byName = new HashMap<>();
        for (NodeDef n : model.getNodeList()) {
            byName.put(n.getName(), n);
        }
        Set<String> taken = new HashSet<>(byName.keySet());
        Map<String, String> fed = new LinkedHashMap<>();
        Map<String, String> inputNames = new LinkedHashMap<>();
        List<NodeDef> placeholders = new ArrayList<>();
        for (In in : inputs) {
            String name = unique(INPUT_PREFIX + nodeName(in.key()), taken);
            fed.put(GraphDefs.tensorName(in.modelTensor()), name);
            inputNames.put(in.key(), name + ":0");
            placeholders.add(placeholder(name, in.dtype(), in.shape()));
        }

        Set<String> seen = closure(byName, outputs, fed, forbidden);

        Map<String, String> renamed = new HashMap<>();
        List<NodeDef> nodes = new ArrayList<>(placeholders);
        List<Weight> weights = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (NodeDef n : model.getNodeList()) {
            if (!seen.contains(n.getName())) {
                continue;
            }
            DataType weightType = weightType(n);
            if (weightType != null) {
                String read = unique(n.getName() + "/Read/ReadVariableOp", taken);
                nodes.add(NodeDef.newBuilder().setName(n.getName()).setOp("VarHandleOp")
                        .putAttr("dtype", type(weightType))
                        .putAttr("shape", AttrValue.newBuilder().setShape(weightShape(n)).build())
                        .putAttr("shared_name", AttrValue.newBuilder().setS(
                                com.google.protobuf.ByteString.copyFromUtf8(n.getName())).build())
                        .putAttr("container", AttrValue.newBuilder().setS(com.google.protobuf.ByteString.EMPTY).build())
                        .build());
                nodes.add(NodeDef.newBuilder().setName(read).setOp("ReadVariableOp").addInput(n.getName())
                        .putAttr("dtype", type(weightType)).build());
                renamed.put(n.getName(), read);
                weights.add(new Weight(n.getName(), n.getName() + ":0", read + ":0", weightType));
                handles.add(n.getName());
            }
        }
        for (NodeDef n : model.getNodeList()) {
            if (!seen.contains(n.getName()) || renamed.containsKey(n.getName())) {
                continue;
            }
            NodeDef.Builder b = n.toBuilder().clearInput().clearDevice();
            for (String in : n.getInputList()) {
                if (in.startsWith("^")) {
                    if (seen.contains(in.substring(1))) {
                        b.addInput(in);
                    }
                    continue;
                }
                String t = GraphDefs.tensorName(in);
                if (fed.containsKey(t)) {
                    b.addInput(fed.get(t));
                } else if (renamed.containsKey(GraphDefs.nodeOf(in))) {
                    b.addInput(renamed.get(GraphDefs.nodeOf(in)));
                } else {
                    b.addInput(in);
                }
            }
            AttrValue cls = n.getAttrMap().get("_class");
            if (cls != null) {
                b.removeAttr("_class");
            }
            nodes.add(b.build());
        }

        Map<String, String> outputNames = new LinkedHashMap<>();
        for (Out o : outputs) {
            String t = GraphDefs.tensorName(o.modelTensor());
            if (fed.containsKey(t)) {
                String name = unique(PASS_PREFIX + nodeName(o.key()), taken);
                DataType dt = placeholders.stream().filter(p -> p.getName().equals(fed.get(t))).findFirst()
                        .orElseThrow().getAttrOrThrow("dtype").getType();
                nodes.add(NodeDef.newBuilder().setName(name).setOp("Identity").addInput(fed.get(t))
                        .putAttr("T", type(dt)).build());
                outputNames.put(o.key(), name + ":0");
            } else {
                outputNames.put(o.key(), t);
            }
        }

        SaverDef saver = SaverDef.getDefaultInstance();
        if (!weights.isEmpty()) {
            saver = addSaver(nodes, weights, handles, taken);
        }
        GraphDef gd = GraphDef.newBuilder().setVersions(model.getVersions()).addAllNode(nodes).build();
        return new Built(gd, inputNames, outputNames, List.copyOf(weights), saver, seen.size());
    }

    /** The nodes needed for the outputs, walking back along data edges and stopping at fed tensors. */
    private static Set<String> closure(Map<String, NodeDef> byName, List<Out> outputs, Map<String, String> fed,
            Set<String> forbidden) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Map<String, String> via = new HashMap<>();
        for (Out o : outputs) {
            if (!fed.containsKey(GraphDefs.tensorName(o.modelTensor()))) {
                todo.push(GraphDefs.nodeOf(o.modelTensor()));
                via.put(GraphDefs.nodeOf(o.modelTensor()), o.key());
            }
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            NodeDef n = byName.get(name);
            if (n == null) {
                throw new MissingInputException("the node " + name + " does not exist in the model's graph");
            }
            if (forbidden.contains(name) || n.getOp().equals("Placeholder")) {
                throw new MissingInputException(String.format(Locale.ROOT, "computing %s needs the node %s (%s), "
                        + "which belongs before the segment but does not cross the cut", via.get(name), name,
                        n.getOp()));
            }
            for (String in : n.getInputList()) {
                if (in.startsWith("^") || fed.containsKey(GraphDefs.tensorName(in))) {
                    continue;
                }
                String producer = GraphDefs.nodeOf(in);
                via.putIfAbsent(producer, via.get(name));
                todo.push(producer);
            }
        }
        return seen;
    }

    /** The weight's type if the node is a weight: a variable, or a floating-point constant that is not tiny. */
    private static DataType weightType(NodeDef n) {
        if (REF_VARIABLES.contains(n.getOp())) {
            return n.getAttrOrThrow("dtype").getType();
        }
        if (n.getOp().equals("Const") && n.containsAttr("value")) {
            TensorProto t = n.getAttrOrThrow("value").getTensor();
            if (FLOATS.contains(t.getDtype()) && elements(t.getTensorShape()) >= MIN_WEIGHT_ELEMENTS) {
                return t.getDtype();
            }
        }
        return null;
    }

    private static TensorShapeProto weightShape(NodeDef n) {
        return REF_VARIABLES.contains(n.getOp()) ? n.getAttrOrThrow("shape").getShape()
                : n.getAttrOrThrow("value").getTensor().getTensorShape();
    }

    private static long elements(TensorShapeProto s) {
        if (s.getUnknownRank()) {
            return 0;
        }
        long n = 1;
        for (TensorShapeProto.Dim d : s.getDimList()) {
            if (d.getSize() < 0) {
                return 0;
            }
            n *= d.getSize();
        }
        return n;
    }

    /**
     * Adds TensorFlow's V2 saver layout: {@code save/filename}, {@code save/SaveV2},
     * {@code save/control_dependency}, {@code save/RestoreV2}, one {@code AssignVariableOp} per variable and
     * {@code save/restore_all}.
     */
    private static SaverDef addSaver(List<NodeDef> nodes, List<Weight> weights, List<String> handles,
            Set<String> taken) {
        String scope = "save";
        for (int k = 1; taken.contains(scope + "/filename") || taken.contains(scope + "/restore_all"); k++) {
            scope = "save_" + k;
        }
        String filename = scope + "/filename";
        nodes.add(NodeDef.newBuilder().setName(filename).setOp("Placeholder")
                .putAttr("dtype", type(DataType.DT_STRING))
                .putAttr("shape", AttrValue.newBuilder().setShape(TensorShapeProto.getDefaultInstance()).build())
                .build());
        AttrValue.ListValue.Builder dtypes = AttrValue.ListValue.newBuilder();
        for (Weight w : weights) {
            dtypes.addType(w.dtype());
        }
        nodes.add(strings(scope + "/SaveV2/tensor_names", names(weights)));
        nodes.add(strings(scope + "/SaveV2/shape_and_slices", blanks(weights.size())));
        NodeDef.Builder save = NodeDef.newBuilder().setName(scope + "/SaveV2").setOp("SaveV2").addInput(filename)
                .addInput(scope + "/SaveV2/tensor_names").addInput(scope + "/SaveV2/shape_and_slices")
                .putAttr("dtypes", AttrValue.newBuilder().setList(dtypes).build());
        for (Weight w : weights) {
            save.addInput(w.read());
        }
        nodes.add(save.build());
        nodes.add(NodeDef.newBuilder().setName(scope + "/control_dependency").setOp("Identity").addInput(filename)
                .addInput("^" + scope + "/SaveV2").putAttr("T", type(DataType.DT_STRING)).build());
        nodes.add(strings(scope + "/RestoreV2/tensor_names", names(weights)));
        nodes.add(strings(scope + "/RestoreV2/shape_and_slices", blanks(weights.size())));
        nodes.add(NodeDef.newBuilder().setName(scope + "/RestoreV2").setOp("RestoreV2").addInput(filename)
                .addInput(scope + "/RestoreV2/tensor_names").addInput(scope + "/RestoreV2/shape_and_slices")
                .putAttr("dtypes", AttrValue.newBuilder().setList(dtypes).build()).build());
        NodeDef.Builder all = NodeDef.newBuilder().setName(scope + "/restore_all").setOp("NoOp");
        for (int i = 0; i < weights.size(); i++) {
            String assign = scope + "/AssignVariableOp" + (i == 0 ? "" : "_" + i);
            nodes.add(NodeDef.newBuilder().setName(assign).setOp("AssignVariableOp").addInput(handles.get(i))
                    .addInput(scope + "/RestoreV2:" + i).putAttr("dtype", type(weights.get(i).dtype())).build());
            all.addInput("^" + assign);
        }
        nodes.add(all.build());
        return SaverDef.newBuilder().setFilenameTensorName(filename + ":0")
                .setSaveTensorName(scope + "/control_dependency:0").setRestoreOpName(scope + "/restore_all")
                .setMaxToKeep(5).setKeepCheckpointEveryNHours(10000f).setVersion(SaverDef.CheckpointFormatVersion.V2)
                .build();
    }

    private static List<String> names(List<Weight> weights) {
        List<String> n = new ArrayList<>();
        for (Weight w : weights) {
            n.add(w.name());
        }
        return n;
    }

    private static List<String> blanks(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("");
        }
        return l;
    }

    private static NodeDef strings(String name, List<String> values) {
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(
                        TensorShapeProto.Dim.newBuilder().setSize(values.size())));
        for (String v : values) {
            t.addStringVal(com.google.protobuf.ByteString.copyFromUtf8(v));
        }
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(DataType.DT_STRING))
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    private static NodeDef placeholder(String name, DataType dtype, List<Long> shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type(dtype))
                .putAttr("shape", AttrValue.newBuilder().setShape(s).build()).build();
    }

    private static AttrValue type(DataType t) {
        return AttrValue.newBuilder().setType(t).build();
    }

    /** A node name from a key: characters TensorFlow does not allow in node names become {@code _}. */
    static String nodeName(String key) {
        String n = key.replaceAll("[^A-Za-z0-9_./-]", "_");
        return n.isEmpty() ? "_" : n;
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int k = 1; !taken.add(n); k++) {
            n = name + "_" + k;
        }
        return n;
    }
}
