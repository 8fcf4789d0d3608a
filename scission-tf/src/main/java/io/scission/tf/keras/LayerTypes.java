package io.scission.tf.keras;

import io.scission.tf.keras.WeightSpec.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keras layer semantics without TensorFlow: for each supported class, the output shape (Keras's
 * {@code compute_output_shape}) and the weights (Keras's {@code build}). Shapes here exclude the batch dimension;
 * -1 is an unknown dimension.
 */
final class LayerTypes {

    /** The Keras classes the importer understands. */
    static final Set<String> SUPPORTED = Set.copyOf(new TreeSet<>(List.of(
            "InputLayer", "Conv2D", "Convolution2D", "DepthwiseConv2D", "SeparableConv2D", "SeparableConvolution2D",
            "BatchNormalization", "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax", "Dense", "Flatten",
            "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "MaxPooling2D",
            "MaxPool2D", "AveragePooling2D", "AvgPool2D", "GlobalAveragePooling2D", "GlobalAvgPool2D",
            "GlobalMaxPooling2D", "GlobalMaxPool2D", "ZeroPadding2D", "Cropping2D", "UpSampling2D", "Reshape",
            "Permute", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Lambda",
            "Rescaling", "Normalization")));

    /** The activations understood by {@code Activation} and the {@code activation} key of Conv2D, Dense, .... */
    static final Set<String> ACTIVATIONS = Set.of("linear", "relu", "relu6", "softmax", "sigmoid", "tanh", "elu",
            "selu", "softplus", "softsign", "hard_sigmoid", "exponential", "swish", "silu", "gelu");

    /** The only Lambda function understood: InceptionResNetV2's scaled residual (see src/zoo/README.md). */
    static final String SCALED_RESIDUAL = "scission:scaled_residual";

    private LayerTypes() {
    }

    /** Output shape and weights of one layer. */
    record Inferred(long[] shape, List<WeightSpec> weights) {
    }

    /**
     * Infers a layer's output shape and weights.
     *
     * @param cls the Keras class
     * @param c the config
     * @param in the input shapes, without batch
     * @return the output shape and weights
     */
    static Inferred infer(String cls, LayerConfig c, List<long[]> in) {
        boolean trainable = c.boolValue("trainable", true);
        List<WeightSpec> w = new ArrayList<>();
        long[] out;
        switch (canonical(cls)) {
            case "Conv2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int filters = c.intValue("filters");
                int[] k = c.ints("kernel_size", 2, 1);
                int groups = c.intValue("groups", 1);
                if (groups != 1) {
                    throw c.fail("groups", "(" + groups + ") is not supported; only 1 is");
                }
                out = spatial(c, x, k, filters);
                w.add(new WeightSpec("kernel", List.of((long) k[0], (long) k[1], known(c, x[2]), (long) filters),
                        Role.KERNEL, trainable));
                bias(c, w, filters, trainable);
                activation(c);
                break;
            }
            case "DepthwiseConv2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int[] k = c.ints("kernel_size", 2, 1);
                int mult = c.intValue("depth_multiplier", 1);
                long channels = known(c, x[2]);
                out = spatial(c, x, k, channels * mult);
                w.add(new WeightSpec("depthwise_kernel", List.of((long) k[0], (long) k[1], channels, (long) mult),
                        Role.DEPTHWISE_KERNEL, trainable));
                bias(c, w, channels * mult, trainable);
                activation(c);
                break;
            }
            case "SeparableConv2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int filters = c.intValue("filters");
                int[] k = c.ints("kernel_size", 2, 1);
                int mult = c.intValue("depth_multiplier", 1);
                long channels = known(c, x[2]);
                out = spatial(c, x, k, filters);
                w.add(new WeightSpec("depthwise_kernel", List.of((long) k[0], (long) k[1], channels, (long) mult),
                        Role.DEPTHWISE_KERNEL, trainable));
                w.add(new WeightSpec("pointwise_kernel", List.of(1L, 1L, channels * mult, (long) filters),
                        Role.KERNEL, trainable));
                bias(c, w, filters, trainable);
                activation(c);
                break;
            }
            case "BatchNormalization": {
                long[] x = single(c, in, -1);
                int axis = bnAxis(c, x.length + 1);
                long channels = known(c, x[axis - 1]);
                if (c.boolValue("scale", true)) {
                    w.add(new WeightSpec("gamma", List.of(channels), Role.SCALE, trainable));
                }
                if (c.boolValue("center", true)) {
                    w.add(new WeightSpec("beta", List.of(channels), Role.BIAS, trainable));
                }
                w.add(new WeightSpec("moving_mean", List.of(channels), Role.MEAN, false));
                w.add(new WeightSpec("moving_variance", List.of(channels), Role.VARIANCE, false));
                out = x;
                break;
            }
            case "Activation":
                out = single(c, in, -1);
                activationValue(c, c.string("activation", "linear"));
                break;
            case "ReLU":
            case "LeakyReLU":
            case "ELU":
            case "Softmax":
            case "Dropout":
                out = single(c, in, -1);
                break;
            case "PReLU": {
                long[] x = single(c, in, -1);
                long[] alpha = x.clone();
                if (c.has("shared_axes")) {
                    for (com.fasterxml.jackson.databind.JsonNode a : c.get("shared_axes")) {
                        int ax = a.asInt();
                        if (ax < 1 || ax > x.length) {
                            throw c.fail("shared_axes", "(" + c.get("shared_axes") + ") must name axes 1.."
                                    + x.length);
                        }
                        alpha[ax - 1] = 1;
                    }
                }
                List<Long> shape = new ArrayList<>();
                for (long d : alpha) {
                    shape.add(known(c, d));
                }
                w.add(new WeightSpec("alpha", shape, Role.SLOPE, trainable));
                out = x;
                break;
            }
            case "Dense": {
                long[] x = single(c, in, -1);
                int units = c.intValue("units");
                w.add(new WeightSpec("kernel", List.of(known(c, x[x.length - 1]), (long) units), Role.KERNEL,
                        trainable));
                bias(c, w, units, trainable);
                activation(c);
                out = x.clone();
                out[out.length - 1] = units;
                break;
            }
            case "Flatten": {
                long[] x = single(c, in, -1);
                out = new long[] {product(c, x)};
                break;
            }
            case "MaxPooling2D":
            case "AveragePooling2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int[] pool = c.ints("pool_size", 2, 2);
                int[] strides = c.has("strides") ? c.ints("strides", 2, 1) : pool;
                String padding = c.padding();
                out = new long[] {length(c, x[0], pool[0], padding, strides[0], 1),
                    length(c, x[1], pool[1], padding, strides[1], 1), x[2]};
                break;
            }
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                out = c.boolValue("keepdims", false) ? new long[] {1, 1, x[2]} : new long[] {x[2]};
                break;
            }
            case "ZeroPadding2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int[] p = c.pairs2d("padding");
                out = new long[] {plus(x[0], p[0] + p[1]), plus(x[1], p[2] + p[3]), x[2]};
                break;
            }
            case "Cropping2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int[] p = c.pairs2d("cropping");
                out = new long[] {plus(x[0], -(p[0] + p[1])), plus(x[1], -(p[2] + p[3])), x[2]};
                if (out[0] == 0 || out[1] == 0 || out[0] < -1 || out[1] < -1) {
                    throw c.fail("cropping", "(" + c.get("cropping") + ") leaves nothing of the input "
                            + Arrays.toString(x));
                }
                break;
            }
            case "UpSampling2D": {
                long[] x = single(c, in, 3);
                c.requireChannelsLast();
                int[] size = c.ints("size", 2, 2);
                String interpolation = c.string("interpolation", "nearest");
                if (!interpolation.equals("nearest") && !interpolation.equals("bilinear")) {
                    throw c.fail("interpolation", "(" + interpolation + ") must be nearest or bilinear");
                }
                out = new long[] {times(x[0], size[0]), times(x[1], size[1]), x[2]};
                break;
            }
            case "Reshape":
                out = reshape(c, single(c, in, -1));
                break;
            case "Permute": {
                long[] x = single(c, in, -1);
                com.fasterxml.jackson.databind.JsonNode dims = c.get("dims");
                if (!dims.isArray() || dims.size() != x.length) {
                    throw c.fail("dims", "(" + dims + ") must list " + x.length + " axes");
                }
                out = new long[x.length];
                boolean[] seen = new boolean[x.length];
                for (int i = 0; i < x.length; i++) {
                    int d = dims.get(i).asInt();
                    if (d < 1 || d > x.length || seen[d - 1]) {
                        throw c.fail("dims", "(" + dims + ") must be a permutation of 1.." + x.length);
                    }
                    seen[d - 1] = true;
                    out[i] = x[d - 1];
                }
                break;
            }
            case "Add":
            case "Subtract":
            case "Multiply":
            case "Average":
            case "Maximum":
            case "Minimum":
                if (canonical(cls).equals("Subtract") && in.size() != 2) {
                    throw c.fail("needs exactly 2 inputs, got " + in.size());
                }
                out = broadcast(c, in);
                break;
            case "Concatenate":
                out = concatenate(c, in);
                break;
            case "Lambda":
                out = lambda(c, in);
                break;
            case "Rescaling":
                out = single(c, in, -1);
                c.doubleValue("scale", 1.0);
                c.doubleValue("offset", 0.0);
                break;
            case "Normalization": {
                long[] x = single(c, in, -1);
                int axis = normalizationAxis(c, x.length + 1);
                long channels = known(c, x[axis - 1]);
                w.add(new WeightSpec("mean", List.of(channels), Role.MEAN, false));
                w.add(new WeightSpec("variance", List.of(channels), Role.VARIANCE, false));
                w.add(new WeightSpec("count", List.of(), Role.COUNT, false));
                out = x;
                break;
            }
            default:
                throw unsupported(c, cls);
        }
        return new Inferred(out, w);
    }

    /** Maps Keras aliases (Convolution2D, MaxPool2D, ...) and identity layers to one name. */
    static String canonical(String cls) {
        switch (cls) {
            case "Convolution2D":
                return "Conv2D";
            case "SeparableConvolution2D":
                return "SeparableConv2D";
            case "MaxPool2D":
                return "MaxPooling2D";
            case "AvgPool2D":
                return "AveragePooling2D";
            case "GlobalAvgPool2D":
                return "GlobalAveragePooling2D";
            case "GlobalMaxPool2D":
                return "GlobalMaxPooling2D";
            case "SpatialDropout2D":
            case "GaussianNoise":
            case "GaussianDropout":
            case "AlphaDropout":
                return "Dropout";
            default:
                return cls;
        }
    }

    static io.scission.ScissionException unsupported(LayerConfig c, String cls) {
        return c.fail("the layer class " + cls + " is not supported.\nSupported classes: "
                + String.join(", ", new TreeSet<>(SUPPORTED))
                + ".\nMaybe replace the layer, or ask for support of " + cls);
    }

    private static long[] single(LayerConfig c, List<long[]> in, int rank) {
        if (in.size() != 1) {
            throw c.fail("needs exactly 1 input, got " + in.size());
        }
        long[] x = in.get(0);
        if (rank >= 0 && x.length != rank) {
            throw c.fail("needs an input of rank " + (rank + 1) + " (batch included), got shape "
                    + KerasArchitecture.shapeText(x));
        }
        return x;
    }

    private static long known(LayerConfig c, long d) {
        if (d < 0) {
            throw c.fail("needs a known channel (or feature) dimension of its input");
        }
        return d;
    }

    private static void bias(LayerConfig c, List<WeightSpec> w, long units, boolean trainable) {
        if (c.boolValue("use_bias", true)) {
            w.add(new WeightSpec("bias", List.of(units), Role.BIAS, trainable));
        }
    }

    private static void activation(LayerConfig c) {
        activationValue(c, c.string("activation", "linear"));
    }

    static String activationValue(LayerConfig c, String name) {
        if (!ACTIVATIONS.contains(name)) {
            throw c.fail("activation", "(" + name + ") is not supported; supported: "
                    + String.join(", ", new TreeSet<>(ACTIVATIONS)));
        }
        return name;
    }

    private static long[] spatial(LayerConfig c, long[] x, int[] k, long channels) {
        int[] strides = c.ints("strides", 2, 1);
        int[] dilation = c.ints("dilation_rate", 2, 1);
        String padding = c.padding();
        if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1)) {
            throw c.fail("strides", "(" + Arrays.toString(strides) + ") above 1 cannot be combined with "
                    + "dilation_rate " + Arrays.toString(dilation));
        }
        return new long[] {length(c, x[0], k[0], padding, strides[0], dilation[0]),
            length(c, x[1], k[1], padding, strides[1], dilation[1]), channels};
    }

    /** Keras's {@code conv_output_length}. */
    static long length(LayerConfig c, long n, int kernel, String padding, int stride, int dilation) {
        if (n < 0) {
            return -1;
        }
        long dilated = kernel + (long) (kernel - 1) * (dilation - 1);
        long out = padding.equals("same") ? n : n - dilated + 1;
        if (out <= 0) {
            throw c.fail("has an input of size " + n + " along a spatial axis, smaller than its window "
                    + dilated + " with padding valid");
        }
        return (out + stride - 1) / stride;
    }

    private static long plus(long d, long delta) {
        return d < 0 ? -1 : d + delta;
    }

    private static long times(long d, long factor) {
        return d < 0 ? -1 : d * factor;
    }

    private static long product(LayerConfig c, long[] x) {
        long n = 1;
        for (long d : x) {
            if (d < 0) {
                throw c.fail("needs a fully known input shape, got " + KerasArchitecture.shapeText(x));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The positive axis (batch = 0) of a BatchNormalization or Normalization layer: an int or a one-element list. */
    static int bnAxis(LayerConfig c, int rank) {
        com.fasterxml.jackson.databind.JsonNode a = c.has("axis") ? c.get("axis") : null;
        int axis;
        if (a == null) {
            axis = -1;
        } else if (a.isInt()) {
            axis = a.asInt();
        } else if (a.isArray() && a.size() == 1 && a.get(0).isInt()) {
            axis = a.get(0).asInt();
        } else {
            throw c.fail("axis", "(" + a + ") must be one axis");
        }
        int positive = axis < 0 ? axis + rank : axis;
        if (positive < 1 || positive >= rank) {
            throw c.fail("axis", "(" + a + ") is outside the input's axes 1.." + (rank - 1));
        }
        return positive;
    }

    private static int normalizationAxis(LayerConfig c, int rank) {
        int positive = bnAxis(c, rank);
        if (positive != rank - 1) {
            throw c.fail("axis", "(" + c.get("axis") + ") must be the last axis");
        }
        return positive;
    }

    private static long[] reshape(LayerConfig c, long[] x) {
        com.fasterxml.jackson.databind.JsonNode t = c.get("target_shape");
        if (!t.isArray()) {
            throw c.fail("target_shape", "(" + t + ") must be a list");
        }
        long[] out = new long[t.size()];
        int unknown = -1;
        long rest = 1;
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i).asLong();
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw c.fail("target_shape", "(" + t + ") may hold -1 once");
                }
                unknown = i;
            } else if (out[i] <= 0) {
                throw c.fail("target_shape", "(" + t + ") must hold positive sizes or -1");
            } else {
                rest *= out[i];
            }
        }
        long total = product(c, x);
        if (unknown >= 0) {
            if (total % rest != 0) {
                throw c.fail("target_shape", "(" + t + ") does not fit the input "
                        + KerasArchitecture.shapeText(x));
            }
            out[unknown] = total / rest;
        } else if (rest != total) {
            throw c.fail("target_shape", "(" + t + ") holds " + rest + " elements, the input "
                    + KerasArchitecture.shapeText(x) + " holds " + total);
        }
        return out;
    }

    /** Keras's {@code _Merge} shape: element-wise broadcasting of equal-rank inputs. */
    private static long[] broadcast(LayerConfig c, List<long[]> in) {
        if (in.size() < 2) {
            throw c.fail("needs at least 2 inputs, got " + in.size());
        }
        long[] out = in.get(0).clone();
        for (long[] x : in.subList(1, in.size())) {
            if (x.length != out.length) {
                throw c.fail("has inputs of different ranks: " + shapes(in));
            }
            for (int i = 0; i < out.length; i++) {
                if (out[i] == x[i] || x[i] == 1) {
                    continue;
                }
                if (out[i] == 1) {
                    out[i] = x[i];
                } else if (out[i] < 0 || x[i] < 0) {
                    out[i] = Math.max(out[i], x[i]);
                } else {
                    throw c.fail("has inputs whose shapes do not broadcast: " + shapes(in));
                }
            }
        }
        return out;
    }

    private static long[] concatenate(LayerConfig c, List<long[]> in) {
        if (in.size() < 2) {
            throw c.fail("needs at least 2 inputs, got " + in.size());
        }
        int rank = in.get(0).length + 1;
        int axis = c.intValue("axis", -1);
        int positive = axis < 0 ? axis + rank : axis;
        if (positive < 1 || positive >= rank) {
            throw c.fail("axis", "(" + axis + ") is outside the input's axes 1.." + (rank - 1));
        }
        long[] out = in.get(0).clone();
        for (long[] x : in.subList(1, in.size())) {
            if (x.length != out.length) {
                throw c.fail("has inputs of different ranks: " + shapes(in));
            }
            for (int i = 0; i < out.length; i++) {
                if (i == positive - 1) {
                    out[i] = out[i] < 0 || x[i] < 0 ? -1 : out[i] + x[i];
                } else if (out[i] != x[i]) {
                    throw c.fail("has inputs whose shapes differ outside the axis " + axis + ": " + shapes(in));
                }
            }
        }
        return out;
    }

    private static long[] lambda(LayerConfig c, List<long[]> in) {
        com.fasterxml.jackson.databind.JsonNode f = c.has("function") ? c.get("function") : null;
        String function = f != null && f.isTextual() ? f.asText() : null;
        if (!SCALED_RESIDUAL.equals(function)) {
            String what = f == null ? "no function"
                    : f.isArray() ? "a Python function serialized as bytecode (function_type "
                            + c.string("function_type", "?") + ")"
                    : "the function " + f;
            throw c.fail("the Lambda layer holds " + what + ", which cannot run outside Python.\n"
                    + "Only the marker \"" + SCALED_RESIDUAL + "\" (inputs[0] + inputs[1] * scale) is supported.\n"
                    + "Maybe replace the Lambda with built-in layers before saving the model");
        }
        if (in.size() != 2) {
            throw c.fail("needs exactly 2 inputs for " + SCALED_RESIDUAL + ", got " + in.size());
        }
        com.fasterxml.jackson.databind.JsonNode args = c.get("arguments");
        if (args.get("scale") == null || !args.get("scale").isNumber()) {
            throw c.fail("arguments", "(" + args + ") must hold a number scale");
        }
        return broadcast(c, in);
    }

    private static String shapes(List<long[]> in) {
        List<String> s = new ArrayList<>();
        for (long[] x : in) {
            s.add(KerasArchitecture.shapeText(x));
        }
        return String.join(", ", s);
    }
}
