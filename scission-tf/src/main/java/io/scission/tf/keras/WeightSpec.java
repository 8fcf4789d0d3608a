package io.scission.tf.keras;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One weight tensor of a Keras layer, as Keras names it ({@code kernel}, {@code bias}, {@code gamma}, ...), in the
 * layer's weight order.
 *
 * @param name the weight's name within the layer, e.g. {@code depthwise_kernel}
 * @param shape its dimensions
 * @param role how seeded random values are drawn for it
 * @param trainable whether Keras counts it as trainable
 */
public record WeightSpec(String name, List<Long> shape, Role role, boolean trainable) {

    /** How a weight is initialised when no real weights are given. */
    public enum Role {
        /** A convolution or dense kernel: variance scaling on its fan-in. */
        KERNEL,
        /** A depthwise kernel {@code [h, w, in, multiplier]}: variance scaling on its receptive field only. */
        DEPTHWISE_KERNEL,
        /** A bias or BatchNormalization beta: small values around 0. */
        BIAS,
        /** A BatchNormalization gamma: around 1. */
        SCALE,
        /** A BatchNormalization moving mean or Normalization mean: small values around 0. */
        MEAN,
        /** A BatchNormalization moving variance or Normalization variance: positive, around 1. */
        VARIANCE,
        /** A PReLU slope: small positive values. */
        SLOPE,
        /** A count (Normalization): a constant. */
        COUNT
    }

    /**
     * Validates the spec.
     *
     * @param name the weight's name within the layer, e.g. {@code depthwise_kernel}
     * @param shape its dimensions
     * @param role how seeded random values are drawn for it
     * @param trainable whether Keras counts it as trainable
     */
    public WeightSpec {
        requireNonNull(name, "name");
        shape = List.copyOf(requireNonNull(shape, "shape"));
        requireNonNull(role, "role");
    }

    /**
     * Returns the number of elements.
     *
     * @return elements
     */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Returns the fan-in used by variance scaling: receptive field × input channels for a kernel, as Keras's
     * {@code _compute_fans}.
     *
     * @return the fan-in
     */
    public long fanIn() {
        if (role == Role.DEPTHWISE_KERNEL) {
            return shape.get(0) * shape.get(1);
        }
        if (shape.size() < 2) {
            return Math.max(1, elements());
        }
        long receptive = 1;
        for (int i = 0; i < shape.size() - 2; i++) {
            receptive *= shape.get(i);
        }
        return receptive * shape.get(shape.size() - 2);
    }
}
