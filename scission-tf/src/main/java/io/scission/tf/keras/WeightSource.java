package io.scission.tf.keras;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real weights that came with a Keras file: TF.js weight shards or the weights of a Keras HDF5 file. */
public interface WeightSource {

    /**
     * Returns a short description for provenance, e.g. {@code tfjs-shards(1 groups)}.
     *
     * @return the description
     */
    String describe();

    /**
     * Reads every weight as float32, keyed {@code <layer>/<weight>}, e.g. {@code conv2d/kernel}.
     *
     * @return the weights
     * @throws io.scission.ScissionException naming the file if they cannot be read
     */
    Map<String, Tensor> load();

    /**
     * Finds a layer's weight: {@code layer/weight}, or a key ending in {@code /layer/weight}.
     *
     * @param weights loaded weights
     * @param layer the Keras layer name
     * @param weight the weight name, e.g. {@code kernel}
     * @return the tensor if present
     */
    static Optional<Tensor> find(Map<String, Tensor> weights, String layer, String weight) {
        String key = layer + "/" + weight;
        Tensor t = weights.get(key);
        if (t != null) {
            return Optional.of(t);
        }
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            if (e.getKey().endsWith("/" + key)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * A weight's shape and float32 values in row-major order.
     *
     * @param shape the dimensions
     * @param values the values (not copied)
     */
    record Tensor(List<Long> shape, float[] values) {
        /**
         * Validates the tensor.
         *
         * @param shape the dimensions
         * @param values the values (not copied)
         */
        public Tensor {
            shape = List.copyOf(requireNonNull(shape, "shape"));
            requireNonNull(values, "values");
        }
    }
}
