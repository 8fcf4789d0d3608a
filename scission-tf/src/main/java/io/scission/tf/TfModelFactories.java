package io.scission.tf;

import java.util.List;

/**
 * The model factories that the public providers ask, in this order; the first that accepts a source handles it.
 * Add a factory here to make both {@link TensorFlowModelParser} and {@link TensorFlowProfiler} understand a new
 * kind of source.
 */
final class TfModelFactories {

    private TfModelFactories() {
    }

    /**
     * Returns the factories, in the order they are asked.
     *
     * @param options how TensorFlow graphs are loaded
     * @return the factories
     */
    static List<TfModelFactory> all(TfLoadOptions options) {
        return List.of(
                new GraphModelFactory(options),
                new KerasModelFactory(options));
    }
}
