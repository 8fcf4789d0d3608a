package io.scission.tf.internal.graph;

import io.scission.tf.ModelLoadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * Seeded random model inputs of batch 1: floating point values are standard normal, integers and booleans zero.
 */
public final class RandomInputs {

    private RandomInputs() {
    }

    /**
     * Creates one tensor per input; the caller closes them.
     *
     * @param source the model's file, for messages
     * @param graph the graph holding the inputs
     * @param inputs the input tensors, {@code "node:index"}
     * @param shapes shapes for inputs with unknown dimensions, by tensor or node name
     * @param seed the seed
     * @return the tensors, by input name, in input order
     * @throws ModelLoadException if an input has a type without fixed size, or a non-batch dimension is unknown
     */
    public static Map<String, Tensor> create(String source, Graph graph, List<String> inputs,
            Map<String, List<Long>> shapes, long seed) {
        Map<String, Tensor> r = new LinkedHashMap<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        try {
            for (String in : inputs) {
                r.put(in, create(source, graph, in, shapes, rnd));
            }
        } catch (RuntimeException e) {
            r.values().forEach(Tensor::close);
            throw e;
        }
        return r;
    }

    private static Tensor create(String source, Graph graph, String name, Map<String, List<Long>> shapes,
            SplittableRandom rnd) {
        String node = GraphDefs.nodeOf(name);
        GraphOperation op = graph.operation(node);
        Output<?> out = op.output(GraphDefs.indexOf(name));
        DataType dt = out.dataType();
        int size = Dtypes.size(dt);
        if (size <= 0) {
            throw new ModelLoadException(source, node, String.format(Locale.ROOT, "the input %s has type %s, for "
                    + "which no random input can be made.%nMaybe feed a numeric tensor further in instead, e.g. "
                    + "TfLoadOptions.withInputs(\"Mfcc:0\") for an audio model.", name, Dtypes.name(dt)));
        }
        List<Long> given = shapes.get(name);
        if (given == null) {
            given = shapes.get(node);
        }
        if (given == null) {
            given = shapes.get(io.scission.tf.TfLoadOptions.ALL_INPUTS);
        }
        long[] shape;
        if (given != null) {
            shape = new long[given.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = given.get(i);
            }
        } else {
            Shape s = out.shape();
            if (s == null || s.isUnknown()) {
                throw new ModelLoadException(source, node, "the input " + name + " has no static shape.\nMaybe "
                        + "give it with TfLoadOptions.withInputShape(\"" + name + "\", ...).");
            }
            shape = s.asArray().clone();
        }
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                if (i == 0) {
                    shape[i] = 1;
                } else {
                    unknown.add(i);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new ModelLoadException(source, node, String.format(Locale.ROOT, "the input %s has unknown "
                    + "dimensions %s in its shape %s.%nMaybe give its shape with TfLoadOptions.withInputShape(\"%s\", "
                    + "...).", name, unknown, java.util.Arrays.toString(shape), name));
        }
        long n = Shape.of(shape).size();
        if (n * size > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException(source, node, "the input " + name + " is larger than 2 GiB.");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (n * size)).order(ByteOrder.nativeOrder());
        for (long i = 0; i < n; i++) {
            if (dt == DataType.DT_FLOAT) {
                buf.putFloat((float) SyntheticWeights.gaussian(rnd));
            } else if (dt == DataType.DT_DOUBLE) {
                buf.putDouble(SyntheticWeights.gaussian(rnd));
            } else if (dt == DataType.DT_HALF) {
                buf.putShort(SyntheticWeights.toHalf((float) SyntheticWeights.gaussian(rnd)));
            } else {
                break;
            }
        }
        return Tensor.of(type(source, node, name, dt), Shape.of(shape), DataBuffers.of(buf.array(), true, false));
    }

    /** The TF Java type of an element type, through exported API only (the type registry is not exported). */
    private static Class<? extends TType> type(String source, String node, String name, DataType dt) {
        switch (dt) {
            case DT_FLOAT: return TFloat32.class;
            case DT_DOUBLE: return TFloat64.class;
            case DT_HALF: return TFloat16.class;
            case DT_BFLOAT16: return TBfloat16.class;
            case DT_INT32: return TInt32.class;
            case DT_INT64: return TInt64.class;
            case DT_UINT8: return TUint8.class;
            case DT_UINT16: return TUint16.class;
            case DT_BOOL: return TBool.class;
            default:
                throw new ModelLoadException(source, node, String.format(Locale.ROOT, "the input %s has type %s, "
                        + "which TensorFlow Java cannot feed.%nMaybe feed a tensor further in instead, e.g. "
                        + "TfLoadOptions.withInputs(\"...:0\").", name, Dtypes.name(dt)));
        }
    }
}
