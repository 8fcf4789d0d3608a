package io.scission.tf.keras;

import static java.util.Objects.requireNonNull;

import io.scission.model.TensorRef;
import java.util.List;

/**
 * One Keras layer after parsing and shape inference.
 *
 * @param index the position in Keras {@code model.layers} order
 * @param name the Keras layer name (may contain {@code /}, e.g. DenseNet's {@code conv1/conv})
 * @param className the Keras class, e.g. {@code Conv2D}
 * @param config the layer's config
 * @param inputs the tensors it reads, in Keras inbound order
 * @param outputShape its output shape without the batch dimension
 * @param weights its weights in Keras order
 */
public record KerasLayer(int index, String name, String className, LayerConfig config, List<TensorRef> inputs,
        List<Long> outputShape, List<WeightSpec> weights) {

    /**
     * Validates the layer.
     *
     * @param index the position in Keras {@code model.layers} order
     * @param name the Keras layer name (may contain {@code /}, e.g. DenseNet's {@code conv1/conv})
     * @param className the Keras class, e.g. {@code Conv2D}
     * @param config the layer's config
     * @param inputs the tensors it reads, in Keras inbound order
     * @param outputShape its output shape without the batch dimension
     * @param weights its weights in Keras order
     */
    public KerasLayer {
        requireNonNull(name, "name");
        requireNonNull(className, "className");
        requireNonNull(config, "config");
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputShape = List.copyOf(requireNonNull(outputShape, "outputShape"));
        weights = List.copyOf(requireNonNull(weights, "weights"));
    }

    /**
     * Returns the number of parameters, as Keras's {@code count_params()}.
     *
     * @return parameters
     */
    public long params() {
        long n = 0;
        for (WeightSpec w : weights) {
            n += w.elements();
        }
        return n;
    }

    /**
     * Returns the number of trainable parameters.
     *
     * @return trainable parameters
     */
    public long trainableParams() {
        long n = 0;
        for (WeightSpec w : weights) {
            if (w.trainable()) {
                n += w.elements();
            }
        }
        return n;
    }
}
