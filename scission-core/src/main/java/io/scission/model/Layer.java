package io.scission.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One layer of a model: a named group of operations with inputs from earlier layers and one or more outputs.
 * A layer without inputs is a model input.
 *
 * @param index the position in the model's layer order (a topological order, Keras order for Keras models)
 * @param name the layer's name, unique in the model
 * @param type the layer's class, e.g. {@code Conv2D}, or the main operation type for plain graphs
 * @param inputs the tensors the layer reads, in order; the same tensor may appear twice
 * @param outputs the tensors the layer produces
 */
public record Layer(int index, String name, String type, List<TensorRef> inputs, List<TensorSpec> outputs) {

    /**
     * Validates the layer.
     *
     * @param index the position in the model's layer order (a topological order, Keras order for Keras models)
     * @param name the layer's name, unique in the model
     * @param type the layer's class, e.g. {@code Conv2D}, or the main operation type for plain graphs
     * @param inputs the tensors the layer reads, in order; the same tensor may appear twice
     * @param outputs the tensors the layer produces
     * @throws IllegalArgumentException if the index is negative, the name blank, there is no output, or an input
     *     refers to this or a later layer
     */
    public Layer {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
        if (index < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The index (%d) of layer %s must not be negative.", index, name));
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The name of layer %d must not be blank.", index));
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The layer %s (%d) must have at least one output.", name, index));
        }
        for (TensorRef input : inputs) {
            if (input.layer() >= index) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The layer %s (%d) reads layer %d, which is not earlier in the order.%n"
                                + "Maybe the layers are not in topological order.", name, index, input.layer()));
            }
        }
    }

    /**
     * Returns the first output.
     *
     * @return the output spec
     */
    public TensorSpec output() {
        return outputs.get(0);
    }

    /**
     * Returns true when the layer has no inputs, i.e. it is a model input.
     *
     * @return whether it is an input
     */
    public boolean isInput() {
        return inputs.isEmpty();
    }
}
