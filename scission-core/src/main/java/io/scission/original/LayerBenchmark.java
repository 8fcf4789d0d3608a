package io.scission.original;

import static java.util.Objects.requireNonNull;

/**
 * One record of the original tool's benchmark files: a {@code __main__.LayerBenchmark} object, which times one
 * block of a model on one system.
 *
 * @param model the model's name, e.g. {@code vgg19}
 * @param inputLayer the block's first layer (inclusive), a Keras {@code model.layers} index
 * @param outputLayer the block's last layer (inclusive)
 * @param secondPrediction the block's mean time over the benchmark's repeats, in seconds
 * @param outputSize the size in bytes of the {@code .npy} file holding the block's output: 4 bytes per float32
 *     element plus the 128-byte {@code .npy} header (e.g. 12,845,184 for VGG19's block 0-1)
 */
public record LayerBenchmark(String model, int inputLayer, int outputLayer, double secondPrediction,
        long outputSize) {

    /**
     * Validates the record's types only; values are checked when a profile is built from it.
     *
     * @param model the model's name
     * @param inputLayer the block's first layer
     * @param outputLayer the block's last layer
     * @param secondPrediction the block's mean time, in seconds
     * @param outputSize the size in bytes of the block's {@code .npy} output file
     */
    public LayerBenchmark {
        requireNonNull(model, "model");
    }
}
