package io.scission.tf;

import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keras-Applications-like graphs built with the Ops API, one name scope per Keras layer, seeded random weights as
 * constants: stand-ins for the paper's models until the Keras importer lands. Layer lists follow
 * keras-applications 1.0.8 (TF 2.1), so block counts match the original tool's.
 */
public final class ZooGraphs {

    private final Ops tf;
    private final SplittableRandom rnd;

    private ZooGraphs(Graph g, long seed) {
        this.tf = Ops.create(g);
        this.rnd = new SplittableRandom(seed);
    }

    private Operand<TFloat32> weights(Ops s, String name, long... shape) {
        int n = (int) Shape.of(shape).size();
        float[] v = new float[n];
        long fanIn = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            fanIn *= shape[i];
        }
        double std = Math.sqrt(1.0 / Math.max(1, fanIn));
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * rnd.nextGaussian());
        }
        return s.withName(name).constantOf(TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false)));
    }

    private Operand<TFloat32> positive(Ops s, String name, long n) {
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.5 + rnd.nextDouble());
        }
        return s.withName(name).constantOf(TFloat32.tensorOf(Shape.of(n), DataBuffers.of(v, true, false)));
    }

    private Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x, long channels) {
        Ops s = tf.withSubScope(name);
        return s.nn.fusedBatchNorm(x, positive(s, "gamma", channels), weights(s, "beta", channels),
                weights(s, "moving_mean", channels), positive(s, "moving_variance", channels),
                org.tensorflow.op.nn.FusedBatchNorm.epsilon(1e-3f),
                org.tensorflow.op.nn.FusedBatchNorm.isTraining(false)).y();
    }

    private Operand<TFloat32> relu6(String name, Operand<TFloat32> x) {
        return tf.withSubScope(name).nn.relu6(x);
    }

    private Operand<TFloat32> pad(String name, Operand<TFloat32> x) {
        Ops s = tf.withSubScope(name);
        return s.pad(x, s.constant(new int[][] {{0, 0}, {0, 1}, {0, 1}, {0, 0}}), s.constant(0f));
    }

    private Operand<TFloat32> conv(String name, Operand<TFloat32> x, long in, long out, long k, long stride,
            String padding) {
        Ops s = tf.withSubScope(name);
        return s.nn.conv2d(x, weights(s, "kernel", k, k, in, out), List.of(1L, stride, stride, 1L), padding);
    }

    private Operand<TFloat32> depthwise(String name, Operand<TFloat32> x, long channels, long stride, String padding) {
        Ops s = tf.withSubScope(name);
        return s.nn.depthwiseConv2dNative(x, weights(s, "depthwise_kernel", 3, 3, channels, 1),
                List.of(1L, stride, stride, 1L), padding);
    }

    private Operand<TFloat32> convBias(String name, Operand<TFloat32> x, long in, long out, long k, long stride,
            String padding, boolean relu) {
        Ops s = tf.withSubScope(name);
        Operand<TFloat32> y = s.nn.biasAdd(s.nn.conv2d(x, weights(s, "kernel", k, k, in, out),
                List.of(1L, stride, stride, 1L), padding), weights(s, "bias", out));
        return relu ? s.nn.relu(y) : y;
    }

    private Operand<TFloat32> dense(String name, Operand<TFloat32> x, long in, long out, boolean softmax) {
        Ops s = tf.withSubScope(name);
        Operand<TFloat32> y = s.nn.biasAdd(s.linalg.matMul(x, weights(s, "kernel", in, out)), weights(s, "bias", out));
        return softmax ? s.nn.softmax(y) : s.nn.relu(y);
    }

    private Operand<TFloat32> maxPool(String name, Operand<TFloat32> x, int k, int stride, String padding) {
        Ops s = tf.withSubScope(name);
        return s.nn.maxPool(x, s.constant(new int[] {1, k, k, 1}), s.constant(new int[] {1, stride, stride, 1}),
                padding);
    }

    /**
     * Keras VGG16 (224x224x3, 1000 classes, 138 M weights = 553 MB): 23 layers, 22 blocks.
     *
     * @param g the graph to build in
     * @param seed the weights' seed
     */
    public static void vgg16(Graph g, long seed) {
        ZooGraphs z = new ZooGraphs(g, seed);
        Operand<TFloat32> x = z.tf.withName("input_1").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, 224, 224, 3)));
        long[][] stages = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        long in = 3;
        for (int b = 0; b < stages.length; b++) {
            for (int c = 0; c < stages[b][1]; c++) {
                x = z.convBias("block" + (b + 1) + "_conv" + (c + 1), x, in, stages[b][0], 3, 1, "SAME", true);
                in = stages[b][0];
            }
            x = z.maxPool("block" + (b + 1) + "_pool", x, 2, 2, "VALID");
        }
        Ops s = z.tf.withSubScope("flatten");
        x = s.reshape(x, s.constant(new int[] {-1, 7 * 7 * 512}));
        x = z.dense("fc1", x, 7 * 7 * 512, 4096, false);
        x = z.dense("fc2", x, 4096, 4096, false);
        z.dense("predictions", x, 4096, 1000, true);
    }

    /**
     * Keras ResNet50 (keras-applications resnet_common, 224x224x3, 1000 classes): 177 layers, 24 blocks under
     * the Scission rule.
     *
     * @param g the graph to build in
     * @param seed the weights' seed
     */
    public static void resnet50(Graph g, long seed) {
        ZooGraphs z = new ZooGraphs(g, seed);
        Ops tf = z.tf;
        Operand<TFloat32> x = tf.withName("input_1").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, 224, 224, 3)));
        Ops s = tf.withSubScope("conv1_pad");
        x = s.pad(x, s.constant(new int[][] {{0, 0}, {3, 3}, {3, 3}, {0, 0}}), s.constant(0f));
        x = z.convBias("conv1_conv", x, 3, 64, 7, 2, "VALID", false);
        x = z.batchNorm("conv1_bn", x, 64);
        x = tf.withSubScope("conv1_relu").nn.relu(x);
        s = tf.withSubScope("pool1_pad");
        x = s.pad(x, s.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), s.constant(0f));
        x = z.maxPool("pool1_pool", x, 3, 2, "VALID");
        long[][] stacks = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
        long in = 64;
        for (int st = 0; st < stacks.length; st++) {
            long filters = stacks[st][0];
            for (int b = 1; b <= stacks[st][1]; b++) {
                String name = "conv" + (st + 2) + "_block" + b;
                long stride = b == 1 ? stacks[st][2] : 1;
                Operand<TFloat32> shortcut = x;
                if (b == 1) {
                    shortcut = z.convBias(name + "_0_conv", x, in, 4 * filters, 1, stride, "VALID", false);
                    shortcut = z.batchNorm(name + "_0_bn", shortcut, 4 * filters);
                }
                Operand<TFloat32> y = z.convBias(name + "_1_conv", x, in, filters, 1, stride, "VALID", false);
                y = z.batchNorm(name + "_1_bn", y, filters);
                y = tf.withSubScope(name + "_1_relu").nn.relu(y);
                y = z.convBias(name + "_2_conv", y, filters, filters, 3, 1, "SAME", false);
                y = z.batchNorm(name + "_2_bn", y, filters);
                y = tf.withSubScope(name + "_2_relu").nn.relu(y);
                y = z.convBias(name + "_3_conv", y, filters, 4 * filters, 1, 1, "VALID", false);
                y = z.batchNorm(name + "_3_bn", y, 4 * filters);
                y = tf.withSubScope(name + "_add").math.add(shortcut, y);
                x = tf.withSubScope(name + "_out").nn.relu(y);
                in = 4 * filters;
            }
        }
        s = tf.withSubScope("avg_pool");
        x = s.math.mean(x, s.constant(new int[] {1, 2}));
        z.dense("probs", x, 2048, 1000, true);
    }

    /**
     * Keras MobileNet v1 (alpha 1.0, 224x224x3, 1000 classes): 93 layers, 92 blocks under both rules.
     *
     * @param g the graph to build in
     * @param seed the weights' seed
     */
    public static void mobilenetV1(Graph g, long seed) {
        ZooGraphs z = new ZooGraphs(g, seed);
        Ops tf = z.tf;
        Operand<TFloat32> x = tf.withName("input_1").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, 224, 224, 3)));
        x = z.pad("conv1_pad", x);
        x = z.conv("conv1", x, 3, 32, 3, 2, "VALID");
        x = z.batchNorm("conv1_bn", x, 32);
        x = z.relu6("conv1_relu", x);
        long[][] blocks = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1},
            {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
        long channels = 32;
        for (int i = 0; i < blocks.length; i++) {
            int id = i + 1;
            long stride = blocks[i][1];
            if (stride == 2) {
                x = z.pad("conv_pad_" + id, x);
            }
            x = z.depthwise("conv_dw_" + id, x, channels, stride, stride == 1 ? "SAME" : "VALID");
            x = z.batchNorm("conv_dw_" + id + "_bn", x, channels);
            x = z.relu6("conv_dw_" + id + "_relu", x);
            x = z.conv("conv_pw_" + id, x, channels, blocks[i][0], 1, 1, "SAME");
            channels = blocks[i][0];
            x = z.batchNorm("conv_pw_" + id + "_bn", x, channels);
            x = z.relu6("conv_pw_" + id + "_relu", x);
        }
        Ops s = tf.withSubScope("global_average_pooling2d");
        x = s.math.mean(x, s.constant(new int[] {1, 2}));
        s = tf.withSubScope("reshape_1");
        x = s.reshape(x, s.constant(new int[] {-1, 1, 1, 1024}));
        x = tf.withSubScope("dropout").identity(x);
        s = tf.withSubScope("conv_preds");
        x = s.nn.biasAdd(s.nn.conv2d(x, z.weights(s, "kernel", 1, 1, 1024, 1000), List.of(1L, 1L, 1L, 1L), "SAME"),
                z.weights(s, "bias", 1000));
        s = tf.withSubScope("reshape_2");
        x = s.reshape(x, s.constant(new int[] {-1, 1000}));
        tf.withSubScope("act_softmax").nn.softmax(x);
    }
}
