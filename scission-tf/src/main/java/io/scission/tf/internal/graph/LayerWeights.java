package io.scission.tf.internal.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The weight bytes of each layer of a flat graph: the constant and variable tensors ({@code Const},
 * {@code VariableV2}, {@code VarHandleOp}) that the layer's operations read, directly or through operations on
 * constants only (a batch norm's folded scale, an {@code Identity} of a variable), found by walking back from the
 * layer's outputs and stopping at other layers' outputs. A tensor read by several layers counts once, in the
 * first of them (shared weights and small shared constants); a string or resource constant counts 0.
 */
public final class LayerWeights {

    private static final Set<String> SOURCES = Set.of("Const", "VariableV2", "Variable", "VarHandleOp");

    private final long[] bytes;
    private final long parameters;

    private LayerWeights(long[] bytes, long parameters) {
        this.bytes = bytes;
        this.parameters = parameters;
    }

    /**
     * Counts the weights of each layer.
     *
     * @param graph the flat graph
     * @param layerOutputs for each layer, in layer order, the tensor names ({@code "op:index"}) of its outputs
     * @return the counts
     */
    public static LayerWeights of(Graph graph, List<List<String>> layerOutputs) {
        GraphDef gd = graph.toGraphDef();
        Map<String, NodeDef> byName = GraphDefs.byName(gd);
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < layerOutputs.size(); i++) {
            for (String t : layerOutputs.get(i)) {
                producer.put(GraphDefs.tensorName(t), i);
            }
        }
        long[] bytes = new long[layerOutputs.size()];
        long parameters = 0;
        Set<String> claimed = new HashSet<>();
        for (int i = 0; i < layerOutputs.size(); i++) {
            Deque<String> todo = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            for (String t : layerOutputs.get(i)) {
                todo.push(GraphDefs.nodeOf(t));
            }
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (!seen.add(name)) {
                    continue;
                }
                NodeDef node = byName.get(name);
                if (node == null) {
                    continue;
                }
                if (SOURCES.contains(node.getOp())) {
                    if (claimed.add(name)) {
                        long[] size = size(graph, node);
                        bytes[i] += size[0];
                        parameters += size[1];
                    }
                    continue;
                }
                for (String in : node.getInputList()) {
                    if (in.startsWith("^")) {
                        continue;
                    }
                    Integer from = producer.get(GraphDefs.tensorName(in));
                    if (from != null && from != i) {
                        continue; // another layer's output: the layer's input, not its weight
                    }
                    todo.push(GraphDefs.nodeOf(in));
                }
            }
        }
        return new LayerWeights(bytes, parameters);
    }

    /** {bytes, parameters}: parameters are the elements of a floating-point tensor of rank 1 or more. */
    private static long[] size(Graph graph, NodeDef node) {
        DataType type;
        long @Nullable [] dims;
        if (node.getOp().equals("Const")) {
            type = node.getAttrOrThrow("dtype").getType();
            dims = dims(node.getAttrOrThrow("value").getTensor().getTensorShape());
        } else {
            AttrValue dtype = node.getAttrOrDefault("dtype", AttrValue.getDefaultInstance());
            type = dtype.getType();
            AttrValue shape = node.getAttrOrDefault("shape", null);
            if (shape != null) {
                dims = dims(shape.getShape());
            } else {
                GraphOperation op = graph.operation(node.getName());
                dims = op == null ? null : op.output(0).shape().asArray();
            }
        }
        int element = Dtypes.size(type);
        if (element <= 0 || dims == null) {
            return new long[] {0, 0};
        }
        long elements = 1;
        for (long d : dims) {
            if (d < 0) {
                return new long[] {0, 0};
            }
            elements = Math.multiplyExact(elements, d);
        }
        boolean floating = type == DataType.DT_FLOAT || type == DataType.DT_HALF || type == DataType.DT_DOUBLE
                || type == DataType.DT_BFLOAT16;
        return new long[] {Math.multiplyExact(elements, element), floating && dims.length > 0 ? elements : 0};
    }

    private static long @Nullable [] dims(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return null;
        }
        long[] d = new long[shape.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = shape.getDim(i).getSize();
        }
        return d;
    }

    /**
     * Returns the weight bytes of each layer, in layer order.
     *
     * @return bytes per layer (a copy)
     */
    public long[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the number of parameters: the elements of the floating-point weight tensors of rank 1 or more, which
     * is how Keras counts a model's parameters (trainable and not).
     *
     * @return parameters
     */
    public long parameters() {
        return parameters;
    }
}
