package io.scission.tf.zoo;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One model of the built-in Keras Applications zoo (Table I of the Scission paper).
 *
 * @param key the name the original Scission tool uses, e.g. {@code resnet50} or {@code inception_v3}
 * @param displayName the Keras Applications name, e.g. {@code ResNet50}
 * @param layers the number of Keras layers, input layer included
 * @param partitionPoints the number of valid partition points under the Scission rule (blocks − 1)
 * @param params the total number of parameters
 * @param inputShape the input shape without the batch dimension, e.g. {@code [224, 224, 3]}
 */
public record ZooModel(String key, String displayName, int layers, int partitionPoints, long params,
        List<Long> inputShape) {

    /**
     * Validates the record.
     *
     * @param key the name the original Scission tool uses, e.g. {@code resnet50} or {@code inception_v3}
     * @param displayName the Keras Applications name, e.g. {@code ResNet50}
     * @param layers the number of Keras layers, input layer included
     * @param partitionPoints the number of valid partition points under the Scission rule (blocks − 1)
     * @param params the total number of parameters
     * @param inputShape the input shape without the batch dimension, e.g. {@code [224, 224, 3]}
     */
    public ZooModel {
        requireNonNull(key, "key");
        requireNonNull(displayName, "displayName");
        inputShape = List.copyOf(requireNonNull(inputShape, "inputShape"));
    }

    /**
     * Returns the model source location that names this model, {@code zoo:<key>}.
     *
     * @return the location
     */
    public String location() {
        return KerasZoo.PREFIX + key;
    }
}
