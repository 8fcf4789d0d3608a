package io.scission.model;

/**
 * A reference to one output tensor of a layer.
 *
 * @param layer the producing layer's index
 * @param output the output's position among the layer's outputs, from 0
 */
public record TensorRef(int layer, int output) {

    /**
     * Validates the reference.
     *
     * @param layer the producing layer's index
     * @param output the output's position among the layer's outputs, from 0
     * @throws IllegalArgumentException if an index is negative
     */
    public TensorRef {
        if (layer < 0 || output < 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "The tensor reference (layer %d, output %d) must not hold negative indices.", layer, output));
        }
    }

    /**
     * Returns a reference to the first output of a layer.
     *
     * @param layer the layer index
     * @return the reference
     */
    public static TensorRef of(int layer) {
        return new TensorRef(layer, 0);
    }
}
