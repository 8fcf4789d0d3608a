package io.scission.tf.keras;

import io.scission.ScissionException;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.tf.TfModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.DepthwiseConv2dNative;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Builds a flat TensorFlow graph from a {@link KerasArchitecture}: one name scope per Keras layer (see
 * {@link ScopeNames}), float32, batch dimension free, inference semantics (BatchNormalization uses its moving
 * statistics, Dropout is the identity). Weights are the file's own (TF.js shards, Keras h5 weights) when it has
 * them, and otherwise seeded random values: variance scaling on the fan-in for kernels (He, truncated normal),
 * small values around 0 for biases and means, positive values around 1 for BatchNormalization scales and moving
 * variances.
 */
public final class KerasGraphBuilder {

    /** Where seeded random weights live in the graph. */
    public enum WeightMode {
        /**
         * Each weight is a {@code VariableV2} whose initializer draws it with a seeded TF random op in the init
         * scope; a {@code Session} runs the initializers before its first run. The graph stays small (kilobytes),
         * building is fast, and TF draws the values natively.
         */
        VARIABLES,
        /**
         * Each weight is a {@code Const} holding values drawn in Java ({@link SplittableRandom}). The graph holds
         * every weight (4 bytes per parameter), so large models build slower and need more memory.
         */
        CONSTANTS
    }

    private final KerasArchitecture architecture;
    private final long seed;
    private final WeightMode mode;
    private final @Nullable Map<String, WeightSource.Tensor> real;
    private Ops tf;

    private KerasGraphBuilder(KerasArchitecture architecture, long seed, WeightMode mode,
            @Nullable Map<String, WeightSource.Tensor> real) {
        this.architecture = architecture;
        this.seed = seed;
        this.mode = mode;
        this.real = real;
    }

    /**
     * Builds the graph with the file's own weights when it has them, else seeded random weights as variables.
     *
     * @param architecture the architecture
     * @param seed the seed of random weights
     * @return the runnable model (owns its graph)
     * @throws ScissionException naming the layer if it cannot be built
     */
    public static TfModel build(KerasArchitecture architecture, long seed) {
        return build(architecture, seed, WeightMode.VARIABLES, true);
    }

    /**
     * Builds the graph.
     *
     * @param architecture the architecture
     * @param seed the seed of random weights
     * @param mode where random weights live
     * @param useFileWeights whether to use the file's own weights when it has them
     * @return the runnable model (owns its graph)
     * @throws ScissionException naming the layer if it cannot be built
     */
    public static TfModel build(KerasArchitecture architecture, long seed, WeightMode mode, boolean useFileWeights) {
        Map<String, WeightSource.Tensor> real = null;
        String origin = String.format(Locale.ROOT, "seeded-random(seed=%d, %s)", seed,
                mode.name().toLowerCase(Locale.ROOT));
        if (useFileWeights && architecture.weights().isPresent()) {
            real = architecture.weights().get().load();
            origin = "file:" + architecture.weights().get().describe();
        }
        ModelGraph structure = architecture.toModelGraph();
        Graph graph = new Graph();
        try {
            List<List<String>> tensors = new KerasGraphBuilder(architecture, seed, mode, real).populate(graph);
            return new TfModel(architecture.source(), structure, graph, tensors, origin);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private List<List<String>> populate(Graph graph) {
        tf = Ops.create(graph);
        List<KerasLayer> layers = architecture.layers();
        List<String> scopes = ScopeNames.assign(layers);
        // TF Java's withSubScope scans every op already in the graph (NameScope.importIdsFrom), which makes
        // per-layer scopes quadratic (NASNetMobile: ~37 s). Creating all scopes while the graph is still empty
        // costs nothing; op names inside each stay unique through the scope's own counters.
        List<Ops> layerOps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            layerOps.add(layers.get(i).className().equals("InputLayer") ? tf : tf.withSubScope(scopes.get(i)));
        }
        List<Operand<TFloat32>> outputs = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            KerasLayer layer = layers.get(i);
            List<Operand<TFloat32>> in = new ArrayList<>();
            for (TensorRef ref : layer.inputs()) {
                in.add(outputs.get(ref.layer()));
            }
            Operand<TFloat32> y;
            try {
                y = layer(layer, scopes.get(i), layerOps.get(i), in);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ScissionException(String.format(Locale.ROOT, "%s: layer %s (%s) cannot be built in "
                        + "TensorFlow: %s", architecture.source(), layer.name(), layer.className(), e.getMessage()), e);
            }
            String name = y.asOutput().name();
            String scope = scopes.get(i);
            if (!(name.startsWith(scope + "/") || name.equals(scope + ":0"))) {
                throw new IllegalStateException(String.format(Locale.ROOT, "The output %s of layer %s is outside "
                        + "its name scope %s.", name, layer.name(), scope));
            }
            outputs.add(y);
            names.add(List.of(name));
        }
        return names;
    }

    private Operand<TFloat32> layer(KerasLayer layer, String scope, Ops s, List<Operand<TFloat32>> in) {
        LayerConfig c = layer.config();
        if (layer.className().equals("InputLayer")) {
            long[] dims = new long[layer.outputShape().size() + 1];
            dims[0] = -1;
            for (int d = 1; d < dims.length; d++) {
                dims[d] = layer.outputShape().get(d - 1);
            }
            return tf.withName(scope).placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
        }
        Operand<TFloat32> x = in.get(0);
        int rank = layer.outputShape().size() + 1;
        Operand<TFloat32> y;
        switch (LayerTypes.canonical(layer.className())) {
            case "Conv2D": {
                y = s.nn.conv2d(x, weight(s, layer, "kernel"), strides(c), pad(c),
                        Conv2d.dilations(dilations(c)));
                y = activation(s, bias(s, layer, y), c.string("activation", "linear"));
                break;
            }
            case "DepthwiseConv2D": {
                y = s.nn.depthwiseConv2dNative(x, weight(s, layer, "depthwise_kernel"), strides(c), pad(c),
                        DepthwiseConv2dNative.dilations(dilations(c)));
                y = activation(s, bias(s, layer, y), c.string("activation", "linear"));
                break;
            }
            case "SeparableConv2D": {
                y = s.nn.depthwiseConv2dNative(x, weight(s, layer, "depthwise_kernel"), strides(c), pad(c),
                        DepthwiseConv2dNative.dilations(dilations(c)));
                y = s.nn.conv2d(y, weight(s, layer, "pointwise_kernel"), List.of(1L, 1L, 1L, 1L), "VALID");
                y = activation(s, bias(s, layer, y), c.string("activation", "linear"));
                break;
            }
            case "BatchNormalization":
                y = batchNorm(s, layer, x, rank);
                break;
            case "Activation":
                y = activation(s, x, c.string("activation", "linear"));
                break;
            case "ReLU":
                y = relu(s, c, x);
                break;
            case "LeakyReLU":
                y = s.nn.leakyRelu(x, LeakyRelu.alpha((float) c.doubleValue("alpha", 0.3)));
                break;
            case "PReLU": {
                Operand<TFloat32> alpha = weight(s, layer, "alpha");
                y = s.math.sub(s.nn.relu(x), s.math.mul(alpha, s.nn.relu(s.math.neg(x))));
                break;
            }
            case "ELU": {
                float alpha = (float) c.doubleValue("alpha", 1.0);
                y = alpha == 1f ? s.nn.elu(x) : s.select(s.math.greater(x, s.constant(0f)), x,
                        s.math.mul(s.constant(alpha), s.math.sub(s.math.exp(x), s.constant(1f))));
                break;
            }
            case "Softmax": {
                int axis = c.intValue("axis", -1);
                if (axis != -1 && axis != rank - 1) {
                    throw c.fail("axis", "(" + axis + ") is not supported; only the last axis is");
                }
                y = s.nn.softmax(x);
                break;
            }
            case "Dense": {
                Operand<TFloat32> k = weight(s, layer, "kernel");
                long units = layer.outputShape().get(rank - 2);
                if (rank == 2) {
                    y = s.linalg.matMul(x, k);
                } else {
                    long inUnits = k.shape().get(0);
                    y = s.linalg.matMul(s.reshape(x, s.constant(new long[] {-1, inUnits})), k);
                    long[] back = new long[rank];
                    back[0] = -1;
                    for (int d = 1; d < rank; d++) {
                        back[d] = layer.outputShape().get(d - 1);
                    }
                    back[rank - 1] = units;
                    y = s.reshape(y, s.constant(back));
                }
                y = activation(s, bias(s, layer, y), c.string("activation", "linear"));
                break;
            }
            case "Flatten":
                y = s.reshape(x, s.constant(new long[] {-1, layer.outputShape().get(0)}));
                break;
            case "Dropout":
                y = s.identity(x);
                break;
            case "MaxPooling2D": {
                int[] pool = c.ints("pool_size", 2, 2);
                int[] st = c.has("strides") ? c.ints("strides", 2, 1) : pool;
                y = s.nn.maxPool(x, s.constant(new int[] {1, pool[0], pool[1], 1}),
                        s.constant(new int[] {1, st[0], st[1], 1}), pad(c));
                break;
            }
            case "AveragePooling2D": {
                int[] pool = c.ints("pool_size", 2, 2);
                int[] st = c.has("strides") ? c.ints("strides", 2, 1) : pool;
                y = s.nn.avgPool(x, List.of(1L, (long) pool[0], (long) pool[1], 1L),
                        List.of(1L, (long) st[0], (long) st[1], 1L), pad(c));
                break;
            }
            case "GlobalAveragePooling2D":
                y = s.math.mean(x, s.constant(new int[] {1, 2}), Mean.keepDims(c.boolValue("keepdims", false)));
                break;
            case "GlobalMaxPooling2D":
                y = s.max(x, s.constant(new int[] {1, 2}), Max.keepDims(c.boolValue("keepdims", false)));
                break;
            case "ZeroPadding2D": {
                int[] p = c.pairs2d("padding");
                y = s.pad(x, s.constant(new int[][] {{0, 0}, {p[0], p[1]}, {p[2], p[3]}, {0, 0}}), s.constant(0f));
                break;
            }
            case "Cropping2D": {
                int[] p = c.pairs2d("cropping");
                List<Long> out = layer.outputShape();
                if (out.get(0) < 0 || out.get(1) < 0) {
                    throw c.fail("needs a known input height and width to crop");
                }
                y = s.slice(x, s.constant(new long[] {0, p[0], p[2], 0}),
                        s.constant(new long[] {-1, out.get(0), out.get(1), -1}));
                break;
            }
            case "UpSampling2D": {
                List<Long> out = layer.outputShape();
                if (out.get(0) < 0 || out.get(1) < 0) {
                    throw c.fail("needs a known input height and width to up-sample");
                }
                Operand<org.tensorflow.types.TInt32> size = s.constant(new int[] {
                    Math.toIntExact(out.get(0)), Math.toIntExact(out.get(1))});
                if (c.string("interpolation", "nearest").equals("bilinear")) {
                    y = s.image.resizeBilinear(x, size, ResizeBilinear.halfPixelCenters(true));
                } else {
                    y = s.image.resizeNearestNeighbor(x, size, ResizeNearestNeighbor.halfPixelCenters(true));
                }
                break;
            }
            case "Reshape": {
                long[] target = new long[rank];
                target[0] = -1;
                for (int d = 1; d < rank; d++) {
                    target[d] = layer.outputShape().get(d - 1);
                }
                y = s.reshape(x, s.constant(target));
                break;
            }
            case "Permute": {
                int[] perm = new int[rank];
                for (int d = 1; d < rank; d++) {
                    perm[d] = c.get("dims").get(d - 1).asInt();
                }
                y = s.linalg.transpose(x, s.constant(perm));
                break;
            }
            case "Add":
                y = fold(in, s.math::add);
                break;
            case "Subtract":
                y = s.math.sub(in.get(0), in.get(1));
                break;
            case "Multiply":
                y = fold(in, s.math::mul);
                break;
            case "Maximum":
                y = fold(in, s.math::maximum);
                break;
            case "Minimum":
                y = fold(in, s.math::minimum);
                break;
            case "Average":
                y = s.math.mul(fold(in, s.math::add), s.constant(1f / in.size()));
                break;
            case "Concatenate": {
                int axis = c.intValue("axis", -1);
                y = s.concat(in, s.constant(axis < 0 ? axis + rank : axis));
                break;
            }
            case "Lambda": {
                float scale = (float) c.get("arguments").get("scale").asDouble();
                y = s.math.add(in.get(0), s.math.mul(in.get(1), s.constant(scale)));
                break;
            }
            case "Rescaling":
                y = s.math.add(s.math.mul(x, s.constant((float) c.doubleValue("scale", 1.0))),
                        s.constant((float) c.doubleValue("offset", 0.0)));
                break;
            case "Normalization":
                y = s.math.div(s.math.sub(x, weight(s, layer, "mean")),
                        s.math.maximum(s.math.sqrt(weight(s, layer, "variance")), s.constant(1e-7f)));
                break;
            default:
                throw LayerTypes.unsupported(c, layer.className());
        }
        // A layer that computes nothing (linear activation) still gets an op of its own, so that every layer's
        // output can be fed and fetched by its own name.
        return in.contains(y) ? s.identity(y) : y;
    }

    private interface Binary {
        Operand<TFloat32> apply(Operand<TFloat32> a, Operand<TFloat32> b);
    }

    private static Operand<TFloat32> fold(List<Operand<TFloat32>> in, Binary op) {
        Operand<TFloat32> y = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            y = op.apply(y, in.get(i));
        }
        return y;
    }

    private Operand<TFloat32> batchNorm(Ops s, KerasLayer layer, Operand<TFloat32> x, int rank) {
        LayerConfig c = layer.config();
        float epsilon = (float) c.doubleValue("epsilon", 1e-3);
        long channels = -1;
        for (WeightSpec w : layer.weights()) {
            channels = w.shape().get(0);
        }
        Operand<TFloat32> gamma = has(layer, "gamma") ? weight(s, layer, "gamma")
                : s.withName("gamma").constantOf(filled(channels, 1f));
        Operand<TFloat32> beta = has(layer, "beta") ? weight(s, layer, "beta")
                : s.withName("beta").constantOf(filled(channels, 0f));
        Operand<TFloat32> mean = weight(s, layer, "moving_mean");
        Operand<TFloat32> variance = weight(s, layer, "moving_variance");
        int axis = LayerTypes.bnAxis(c, rank);
        if (rank == 4 && axis == 3) {
            return s.nn.fusedBatchNorm(x, gamma, beta, mean, variance, FusedBatchNorm.epsilon(epsilon),
                    FusedBatchNorm.isTraining(false)).y();
        }
        Operand<TFloat32> scale = s.math.mul(gamma, s.math.rsqrt(s.math.add(variance, s.constant(epsilon))));
        Operand<TFloat32> shift = s.math.sub(beta, s.math.mul(mean, scale));
        if (axis != rank - 1) {
            long[] shape = new long[rank];
            java.util.Arrays.fill(shape, 1);
            shape[axis] = channels;
            scale = s.reshape(scale, s.constant(shape));
            shift = s.reshape(shift, s.constant(shape));
        }
        return s.math.add(s.math.mul(x, scale), shift);
    }

    private Operand<TFloat32> relu(Ops s, LayerConfig c, Operand<TFloat32> x) {
        Double max = c.has("max_value") ? c.doubleValue("max_value", 0) : null;
        float slope = (float) c.doubleValue("negative_slope", 0);
        float threshold = (float) c.doubleValue("threshold", 0);
        Operand<TFloat32> y;
        if (slope == 0f && threshold == 0f) {
            if (max != null && max == 6.0) {
                return s.nn.relu6(x);
            }
            y = s.nn.relu(x);
        } else {
            Operand<TBool> above = s.math.greaterEqual(x, s.constant(threshold));
            y = s.select(above, x, s.math.mul(s.constant(slope), s.math.sub(x, s.constant(threshold))));
        }
        return max == null ? y : s.math.minimum(y, s.constant(max.floatValue()));
    }

    private static Operand<TFloat32> activation(Ops s, Operand<TFloat32> x, String name) {
        switch (name) {
            case "linear":
                return x;
            case "relu":
                return s.nn.relu(x);
            case "relu6":
                return s.nn.relu6(x);
            case "softmax":
                return s.nn.softmax(x);
            case "sigmoid":
                return s.math.sigmoid(x);
            case "tanh":
                return s.math.tanh(x);
            case "elu":
                return s.nn.elu(x);
            case "selu":
                return s.nn.selu(x);
            case "softplus":
                return s.math.softplus(x);
            case "softsign":
                return s.nn.softsign(x);
            case "hard_sigmoid":
                return s.math.maximum(s.constant(0f), s.math.minimum(s.constant(1f),
                        s.math.add(s.math.mul(x, s.constant(0.2f)), s.constant(0.5f))));
            case "exponential":
                return s.math.exp(x);
            case "swish":
            case "silu":
                return s.math.mul(x, s.math.sigmoid(x));
            case "gelu":
                return s.math.mul(s.math.mul(x, s.constant(0.5f)), s.math.add(s.constant(1f),
                        s.math.erf(s.math.mul(x, s.constant((float) (1 / Math.sqrt(2)))))));
            default:
                throw new IllegalArgumentException("The activation " + name + " is not supported.");
        }
    }

    private Operand<TFloat32> bias(Ops s, KerasLayer layer, Operand<TFloat32> y) {
        Operand<TFloat32> out = has(layer, "bias") ? s.nn.biasAdd(y, weight(s, layer, "bias")) : y;
        return out;
    }

    private static boolean has(KerasLayer layer, String weight) {
        for (WeightSpec w : layer.weights()) {
            if (w.name().equals(weight)) {
                return true;
            }
        }
        return false;
    }

    private static List<Long> strides(LayerConfig c) {
        int[] st = c.ints("strides", 2, 1);
        return List.of(1L, (long) st[0], (long) st[1], 1L);
    }

    private static List<Long> dilations(LayerConfig c) {
        int[] d = c.ints("dilation_rate", 2, 1);
        return List.of(1L, (long) d[0], (long) d[1], 1L);
    }

    private static String pad(LayerConfig c) {
        return c.padding().toUpperCase(Locale.ROOT);
    }

    private static TFloat32 filled(long n, float value) {
        float[] v = new float[Math.toIntExact(n)];
        java.util.Arrays.fill(v, value);
        return TFloat32.tensorOf(Shape.of(n), DataBuffers.of(v, true, false));
    }

    /** The named weight of a layer: the file's own values, or seeded random ones. */
    private Operand<TFloat32> weight(Ops s, KerasLayer layer, String name) {
        WeightSpec spec = null;
        for (WeightSpec w : layer.weights()) {
            if (w.name().equals(name)) {
                spec = w;
            }
        }
        if (spec == null) {
            throw new IllegalStateException("The layer " + layer.name() + " has no weight " + name + ".");
        }
        long[] dims = new long[spec.shape().size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = spec.shape().get(i);
        }
        Shape shape = Shape.of(dims);
        if (real != null) {
            WeightSource.Tensor t = WeightSource.find(real, layer.name(), name).orElseThrow(() -> new ScissionException(
                    String.format(Locale.ROOT, "%s: the weight files have no %s/%s for layer %s (%s).",
                            architecture.source(), layer.name(), name, layer.name(), layer.className())));
            if (!t.shape().equals(spec.shape())) {
                throw new ScissionException(String.format(Locale.ROOT, "%s: the weight %s/%s has the shape %s in "
                        + "the weight files, but layer %s (%s) needs %s.", architecture.source(), layer.name(),
                        name, t.shape(), layer.name(), layer.className(), spec.shape()));
            }
            return constant(s, name, shape, t.values());
        }
        long weightSeed = mix(seed, layer.name() + "/" + name);
        if (mode == WeightMode.CONSTANTS) {
            return constant(s, name, shape, RandomWeights.draw(spec, weightSeed));
        }
        Ops init = s.withInitScope();
        Operand<org.tensorflow.types.TInt64> dimsOp = init.constant(dims);
        long seed1 = weightSeed & 0x7fffffffL;
        long seed2 = (weightSeed >>> 32) & 0x7fffffffL;
        double[] affine = RandomWeights.affine(spec);
        Operand<TFloat32> raw = RandomWeights.isNormal(spec.role())
                ? init.random.truncatedNormal(dimsOp, TFloat32.class, TruncatedNormal.seed(seed1),
                        TruncatedNormal.seed2(seed2))
                : init.random.randomUniform(dimsOp, TFloat32.class, RandomUniform.seed(seed1),
                        RandomUniform.seed2(seed2));
        // As few init ops as possible: Grappler's time on the init graph grows with its op count.
        Operand<TFloat32> value = affine[0] == 1 ? raw : init.math.mul(raw, init.constant((float) affine[0]));
        if (affine[1] != 0) {
            value = init.math.add(value, init.constant((float) affine[1]));
        }
        return s.withName(name).variable(value);
    }

    private static Operand<TFloat32> constant(Ops s, String name, Shape shape, float[] values) {
        try (TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(values, true, false))) {
            return s.withName(name).constantOf(t);
        }
    }

    /** Mixes the model seed with a weight's full name (FNV-1a, then SplitMix64's finalizer). */
    static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
