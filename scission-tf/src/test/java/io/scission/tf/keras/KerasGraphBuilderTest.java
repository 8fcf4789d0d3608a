package io.scission.tf.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scission.model.TensorRef;
import io.scission.tf.TfModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer semantics of the built graphs, checked against hand-computed values on tiny models with given weights. */
class KerasGraphBuilderTest {

    @TempDir
    Path dir;

    /** 4x4x1 input holding 1..16 row by row. */
    private static final float[] GRID = Fixtures.range(16);

    private TfModel build(Fixtures.Model model) throws IOException {
        KerasArchitecture a = KerasReader.read(model.writeTfjs(dir));
        assertThat(a.weights()).isPresent();
        TfModel built = KerasGraphBuilder.build(a, 1);
        assertThat(built.weights()).startsWith("file:tfjs-shards");
        for (KerasLayer layer : a.layers()) {
            List<Long> expected = new ArrayList<>();
            expected.add(-1L);
            expected.addAll(layer.outputShape());
            assertThat(Fixtures.graphShape(built, layer.index())).as("layer %s", layer.name()).isEqualTo(expected);
        }
        return built;
    }

    @Test
    void should_apply_valid_and_same_padding_as_keras_when_convolving() throws IOException {
        // GIVEN 3x3 kernels of ones over 1..16
        String conv = "{\"filters\":1,\"kernel_size\":[3,3],\"strides\":[%d,%d],\"padding\":\"%s\","
                + "\"data_format\":\"channels_last\",\"dilation_rate\":[1,1],\"activation\":\"linear\","
                + "\"use_bias\":true}";
        Fixtures.Model m = new Fixtures.Model().input("in", 4, 4, 1)
                .layer("Conv2D", "valid", String.format(conv, 1, 1, "valid"), "in")
                .layer("Conv2D", "same", String.format(conv, 1, 1, "same"), "in")
                .layer("Conv2D", "same_s2", String.format(conv, 2, 2, "same"), "in")
                .layer("Add", "sum_s2", "{}", "same_s2", "valid")
                .weight("valid/kernel", Fixtures.filled(9, 1), 3, 3, 1, 1).weight("valid/bias", new float[] {0.5f}, 1)
                .weight("same/kernel", Fixtures.filled(9, 1), 3, 3, 1, 1).weight("same/bias", new float[] {0}, 1)
                .weight("same_s2/kernel", Fixtures.filled(9, 1), 3, 3, 1, 1)
                .weight("same_s2/bias", new float[] {0}, 1);

        // WHEN
        try (TfModel model = build(m)) {
            // THEN valid: 2x2 window sums (+ bias 0.5)
            assertThat(Fixtures.run(model, GRID, new long[] {4, 4, 1}, 1)).containsExactly(54.5f, 63.5f, 90.5f, 99.5f);
            // same, stride 1: zero-padded borders
            float[] same = Fixtures.run(model, GRID, new long[] {4, 4, 1}, 2);
            assertThat(same).hasSize(16);
            assertThat(same[0]).isEqualTo(1 + 2 + 5 + 6);
            assertThat(same[1]).isEqualTo(1 + 2 + 3 + 5 + 6 + 7);
            assertThat(same[5]).isEqualTo(54);
            // same, stride 2 on an even size: TF/Keras pad 0 before and 1 after
            assertThat(Fixtures.run(model, GRID, new long[] {4, 4, 1}, 3)).containsExactly(54f, 45f, 72f, 54f);
            assertThat(Fixtures.run(model, GRID, new long[] {4, 4, 1}, 4))
                    .containsExactly(108.5f, 108.5f, 162.5f, 153.5f);
        }
    }

    @Test
    void should_pad_and_crop_asymmetrically_in_channels_last_when_given_pairs() throws IOException {
        // GIVEN
        Fixtures.Model m = new Fixtures.Model().input("in", 3, 3, 1)
                .layer("ZeroPadding2D", "pad", "{\"padding\":[[1,0],[0,2]],\"data_format\":\"channels_last\"}")
                .layer("Cropping2D", "crop", "{\"cropping\":[[1,0],[0,1]],\"data_format\":\"channels_last\"}", "in");

        // WHEN
        try (TfModel model = build(m)) {
            float[] nine = Fixtures.range(9);
            // THEN padding: one row on top, two columns on the right -> 4x5
            assertThat(Fixtures.run(model, nine, new long[] {3, 3, 1}, 1)).containsExactly(
                    0, 0, 0, 0, 0,
                    1, 2, 3, 0, 0,
                    4, 5, 6, 0, 0,
                    7, 8, 9, 0, 0);
            // cropping: drop the first row and the last column -> 2x2
            assertThat(Fixtures.run(model, nine, new long[] {3, 3, 1}, 2)).containsExactly(4, 5, 7, 8);
        }
    }

    @Test
    void should_order_depthwise_outputs_channel_major_when_the_depth_multiplier_is_two() throws IOException {
        // GIVEN 1x1 input [3, 5]; depthwise kernel [1,1,2,2]; separable: depthwise [2,3], pointwise [1,10], bias .5
        Fixtures.Model m = new Fixtures.Model().input("in", 1, 1, 2)
                .layer("DepthwiseConv2D", "dw", "{\"kernel_size\":[1,1],\"strides\":[1,1],\"padding\":\"valid\","
                        + "\"depth_multiplier\":2,\"activation\":\"linear\",\"use_bias\":false}")
                .layer("SeparableConv2D", "sep", "{\"filters\":1,\"kernel_size\":[1,1],\"strides\":[1,1],"
                        + "\"padding\":\"valid\",\"depth_multiplier\":1,\"activation\":\"linear\",\"use_bias\":true}",
                        "in")
                .weight("dw/depthwise_kernel", new float[] {1, 2, 10, 20}, 1, 1, 2, 2)
                .weight("sep/depthwise_kernel", new float[] {2, 3}, 1, 1, 2, 1)
                .weight("sep/pointwise_kernel", new float[] {1, 10}, 1, 1, 2, 1)
                .weight("sep/bias", new float[] {0.5f}, 1);

        // WHEN
        try (TfModel model = build(m)) {
            // THEN output channel c * multiplier + m
            assertThat(Fixtures.run(model, new float[] {3, 5}, new long[] {1, 1, 2}, 1))
                    .containsExactly(3, 6, 50, 100);
            assertThat(Fixtures.run(model, new float[] {3, 5}, new long[] {1, 1, 2}, 2)).containsExactly(156.5f);
        }
    }

    @Test
    void should_use_moving_statistics_and_epsilon_when_normalizing_batches() throws IOException {
        // GIVEN gamma [2,1], beta [1,0], mean [1,1], variance [3,0], epsilon 1: y = (x-mean)/sqrt(var+eps)*gamma+beta
        String bn = "{\"axis\":%s,\"momentum\":0.99,\"epsilon\":1.0,\"center\":true,\"scale\":true}";
        Fixtures.Model m = new Fixtures.Model().input("in", 1, 1, 2)
                .layer("BatchNormalization", "bn4d", String.format(bn, "[3]"))
                .layer("Flatten", "flat", "{\"data_format\":\"channels_last\"}", "in")
                .layer("BatchNormalization", "bn2d", String.format(bn, "-1"))
                .layer("BatchNormalization", "no_scale", "{\"axis\":-1,\"epsilon\":0.001,\"center\":false,"
                        + "\"scale\":false}", "in");
        for (String name : new String[] {"bn4d", "bn2d"}) {
            m.weight(name + "/gamma", new float[] {2, 1}, 2).weight(name + "/beta", new float[] {1, 0}, 2)
                    .weight(name + "/moving_mean", new float[] {1, 1}, 2)
                    .weight(name + "/moving_variance", new float[] {3, 0}, 2);
        }
        m.weight("no_scale/moving_mean", new float[] {1, 1}, 2)
                .weight("no_scale/moving_variance", new float[] {1, 4}, 2);

        // WHEN
        try (TfModel model = build(m)) {
            // THEN
            assertThat(Fixtures.run(model, new float[] {3, 5}, new long[] {1, 1, 2}, 1)).containsExactly(3, 4);
            assertThat(Fixtures.run(model, new float[] {3, 5}, new long[] {1, 1, 2}, 3)).containsExactly(3, 4);
            float[] plain = Fixtures.run(model, new float[] {3, 5}, new long[] {1, 1, 2}, 4);
            assertThat(plain[0]).isCloseTo((float) (2 / Math.sqrt(1.001)), within(1e-5f));
            assertThat(plain[1]).isCloseTo((float) (4 / Math.sqrt(4.001)), within(1e-5f));
        }
    }

    @Test
    void should_flatten_height_width_channels_when_feeding_a_dense_layer() throws IOException {
        // GIVEN 1x2x2 input [1,2,3,4] (h, w, c order); kernel [1, 10, 100, 1000]
        Fixtures.Model m = new Fixtures.Model().input("in", 1, 2, 2)
                .layer("Flatten", "flatten", "{\"data_format\":\"channels_last\"}")
                .layer("Dense", "dense", "{\"units\":1,\"activation\":\"linear\",\"use_bias\":true}")
                .layer("Dense", "softmax", "{\"units\":2,\"activation\":\"softmax\",\"use_bias\":false}")
                .weight("dense/kernel", new float[] {1, 10, 100, 1000}, 4, 1).weight("dense/bias", new float[] {1}, 1)
                .weight("softmax/kernel", new float[] {0, 0}, 1, 2);

        // WHEN
        try (TfModel model = build(m)) {
            // THEN
            assertThat(Fixtures.run(model, new float[] {1, 2, 3, 4}, new long[] {1, 2, 2}, 2)).containsExactly(4322);
            assertThat(Fixtures.run(model, new float[] {1, 2, 3, 4}, new long[] {1, 2, 2}, 3))
                    .containsExactly(0.5f, 0.5f);
        }
    }

    @Test
    void should_compute_merges_relu_variants_and_the_scaled_residual_when_given_two_branches() throws IOException {
        // GIVEN a = input [-2, 0.5, 3, 10], b = linear(a)
        Fixtures.Model m = new Fixtures.Model().input("in", 1, 1, 4)
                .layer("Activation", "b", "{\"activation\":\"linear\"}")
                .layer("Lambda", "block35_1", "{\"function\":\"scission:scaled_residual\","
                        + "\"function_type\":\"scission\",\"output_shape\":[1,1,4],\"arguments\":{\"scale\":0.17}}",
                        "in", "b")
                .layer("ReLU", "relu", "{\"max_value\":6.0,\"negative_slope\":0.1,\"threshold\":1.0}", "in")
                .layer("ReLU", "relu6", "{\"max_value\":6.0,\"negative_slope\":0.0,\"threshold\":0.0}", "in")
                .layer("Concatenate", "concat", "{\"axis\":-1}", "in", "b")
                .layer("Multiply", "mul", "{}", "in", "b")
                .layer("Subtract", "sub", "{}", "relu6", "in")
                .layer("LeakyReLU", "leaky", "{\"alpha\":0.5}", "in");
        float[] x = {-2, 0.5f, 3, 10};

        // WHEN
        try (TfModel model = build(m)) {
            long[] shape = {1, 1, 4};
            // THEN
            assertThat(Fixtures.run(model, x, shape, 2)).containsExactly(-2 - 2 * 0.17f, 0.5f + 0.5f * 0.17f,
                    3 + 3 * 0.17f, 10 + 10 * 0.17f);
            float[] relu = Fixtures.run(model, x, shape, 3);
            assertThat(relu[0]).isCloseTo(-0.3f, within(1e-6f));
            assertThat(relu[1]).isCloseTo(-0.05f, within(1e-6f));
            assertThat(relu[2]).isEqualTo(3f);
            assertThat(relu[3]).isEqualTo(6f);
            assertThat(Fixtures.run(model, x, shape, 4)).containsExactly(0, 0.5f, 3, 6);
            assertThat(Fixtures.run(model, x, shape, 5)).containsExactly(-2, 0.5f, 3, 10, -2, 0.5f, 3, 10);
            assertThat(Fixtures.run(model, x, shape, 6)).containsExactly(4, 0.25f, 9, 100);
            assertThat(Fixtures.run(model, x, shape, 7)).containsExactly(2, 0, 0, -4);
            assertThat(Fixtures.run(model, x, shape, 8)).containsExactly(-1, 0.5f, 3, 10);
        }
    }

    @Test
    void should_exclude_padding_from_averages_when_pooling_with_same_padding() throws IOException {
        // GIVEN
        String pool = "{\"pool_size\":[2,2],\"strides\":[2,2],\"padding\":\"%s\",\"data_format\":\"channels_last\"}";
        Fixtures.Model m = new Fixtures.Model().input("in", 3, 3, 1)
                .layer("AveragePooling2D", "avg", String.format(pool, "same"))
                .layer("MaxPooling2D", "max", String.format(pool, "same"), "in")
                .layer("MaxPooling2D", "max_valid", String.format(pool, "valid"), "in")
                .layer("GlobalAveragePooling2D", "gap", "{\"data_format\":\"channels_last\"}", "in")
                .layer("GlobalMaxPooling2D", "gmp", "{\"data_format\":\"channels_last\"}", "in");

        // WHEN
        try (TfModel model = build(m)) {
            float[] nine = Fixtures.range(9);
            long[] shape = {3, 3, 1};
            // THEN
            assertThat(Fixtures.run(model, nine, shape, 1)).containsExactly(3f, 4.5f, 7.5f, 9f);
            assertThat(Fixtures.run(model, nine, shape, 2)).containsExactly(5f, 6f, 8f, 9f);
            assertThat(Fixtures.run(model, nine, shape, 3)).containsExactly(5f);
            assertThat(Fixtures.run(model, nine, shape, 4)).containsExactly(5f);
            assertThat(Fixtures.run(model, nine, shape, 5)).containsExactly(9f);
        }
    }

    @Test
    void should_give_each_layer_its_own_scope_when_names_hold_slashes() throws IOException {
        // GIVEN DenseNet-style names, one of which collides with another layer once sanitized
        Fixtures.Model m = new Fixtures.Model().input("input_1", 2, 2, 1)
                .layer("Activation", "conv1/relu", "{\"activation\":\"relu\"}")
                .layer("Activation", "conv1_relu", "{\"activation\":\"linear\"}")
                .layer("Activation", "conv1/bn", "{\"activation\":\"sigmoid\"}");

        // WHEN
        try (TfModel model = build(m)) {
            // THEN
            assertThat(model.tensor(TensorRef.of(0))).isEqualTo("input_1:0");
            assertThat(model.tensor(TensorRef.of(1))).isEqualTo("conv1_relu_1/Relu:0");
            assertThat(model.tensor(TensorRef.of(2))).startsWith("conv1_relu/");
            assertThat(model.tensor(TensorRef.of(3))).isEqualTo("conv1_bn/Sigmoid:0");
            assertThat(Fixtures.run(model, new float[] {-1, 2, 0, 4}, new long[] {2, 2, 1}, 2))
                    .containsExactly(0, 2, 0, 4);
        }
    }
}
