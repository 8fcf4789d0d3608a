package io.scission.tf;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link TensorFlowModelParser} and {@link TensorFlowProfiler} load TensorFlow graphs (SavedModel directories,
 * frozen GraphDef {@code .pb} files and in-memory graphs). Immutable; every {@code with...} method returns a copy.
 *
 * <pre>{@code
 * TfLoadOptions kws = TfLoadOptions.defaults().withInputs("Mfcc:0");   // skip the WAV front-end
 * ModelGraph g = new TensorFlowModelParser(kws).parse(ModelSource.of(Path.of("DS_CNN_L.pb")));
 * }</pre>
 *
 * @param inputs the tensors to feed, {@code "node:index"}; empty to use the signature's inputs (SavedModel) or
 *     the graph's single placeholder (GraphDef)
 * @param outputs the tensors to fetch; empty to use the signature's outputs or the graph's sinks
 * @param inputShapes shapes for inputs whose static shape has unknown dimensions other than the batch, by tensor
 *     name ({@code input_1:0}), node or Keras input layer name ({@code input_1}), or {@link #ALL_INPUTS}; batch
 *     dimension first, -1 for unknown. Honoured for every kind of model: TensorFlow graphs, Keras JSON and
 *     {@code .h5} files, TF.js models and the zoo
 * @param signature the SavedModel signature; empty for {@code serving_default}, else the only one
 * @param tags the SavedModel MetaGraph tags, {@code serve} by default
 * @param weights where weights come from
 * @param maxModelBytes refuse models whose files exceed this many bytes; 0 to derive the limit from the free heap
 * @param name the model's name in profiles; empty to derive it from the file name
 */
public record TfLoadOptions(List<String> inputs, List<String> outputs, Map<String, List<Long>> inputShapes,
        String signature, List<String> tags, Weights weights, long maxModelBytes, String name) {

    /** The name under which {@link #withInputShape} gives the shape of every input not named otherwise. */
    public static final String ALL_INPUTS = "*";

    /** Where a model's weights come from. */
    public enum Weights {
        /**
         * The model's own weights; when a SavedModel's variables are absent or unreadable, or a graph's weights
         * were stripped, seeded random weights of the declared shapes instead (latency does not depend on the
         * values). The profile's provenance says which.
         */
        AUTO,
        /** The model's own weights, or fail. */
        FROM_FILE,
        /** Seeded random weights of the declared shapes, without reading the model's variables. */
        SEEDED_RANDOM
    }

    /**
     * Validates the options and copies the collections.
     *
     * @param inputs the tensors to feed, {@code "node:index"}; empty to use the signature's inputs (SavedModel) or
     *     the graph's single placeholder (GraphDef)
     * @param outputs the tensors to fetch; empty to use the signature's outputs or the graph's sinks
     * @param inputShapes shapes for inputs whose static shape has unknown dimensions other than the batch, by tensor
     *     name ({@code input_1:0}), node or Keras input layer name ({@code input_1}), or {@link #ALL_INPUTS}; batch
     *     dimension first, -1 for unknown. Honoured for every kind of model: TensorFlow graphs, Keras JSON and
     *     {@code .h5} files, TF.js models and the zoo
     * @param signature the SavedModel signature; empty for {@code serving_default}, else the only one
     * @param tags the SavedModel MetaGraph tags, {@code serve} by default
     * @param weights where weights come from
     * @param maxModelBytes refuse models whose files exceed this many bytes; 0 to derive the limit from the free heap
     * @param name the model's name in profiles; empty to derive it from the file name
     * @throws IllegalArgumentException if the model byte limit is negative, or a tensor name or tag is blank
     */
    public TfLoadOptions {
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        requireNonNull(inputShapes, "inputShapes").forEach((k, v) -> shapes.put(k, List.copyOf(v)));
        inputShapes = Map.copyOf(shapes);
        requireNonNull(signature, "signature");
        tags = List.copyOf(requireNonNull(tags, "tags"));
        requireNonNull(weights, "weights");
        requireNonNull(name, "name");
        if (maxModelBytes < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model size limit (%d bytes) must not be negative; 0 means derive it from the free heap.",
                    maxModelBytes));
        }
        List<String> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        all.addAll(tags);
        for (String s : all) {
            if (s.isBlank()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The tensor names and tags (%s) must not be blank.", all));
            }
        }
    }

    /**
     * Returns the defaults: automatic inputs and outputs, signature {@code serving_default}, tag {@code serve},
     * {@link Weights#AUTO}, a heap-derived size limit, a name taken from the file.
     *
     * @return the defaults
     */
    public static TfLoadOptions defaults() {
        return new TfLoadOptions(List.of(), List.of(), Map.of(), "", List.of("serve"), Weights.AUTO, 0, "");
    }

    /**
     * Returns a copy that feeds the given tensors, e.g. {@code Mfcc:0} to skip an audio front-end.
     *
     * @param tensorNames tensor names, {@code "node:index"}
     * @return the options
     */
    public TfLoadOptions withInputs(String... tensorNames) {
        return new TfLoadOptions(List.of(tensorNames), outputs, inputShapes, signature, tags, weights,
                maxModelBytes, name);
    }

    /**
     * Returns a copy that fetches the given tensors.
     *
     * @param tensorNames tensor names, {@code "node:index"}
     * @return the options
     */
    public TfLoadOptions withOutputs(String... tensorNames) {
        return new TfLoadOptions(inputs, List.of(tensorNames), inputShapes, signature, tags, weights,
                maxModelBytes, name);
    }

    /**
     * Returns a copy that gives an input's shape (batch dimension included), for inputs declared with unknown
     * dimensions, e.g. a fully convolutional Keras model whose input is {@code (None, None, None, 3)}:
     *
     * <pre>{@code
     * TfLoadOptions o = TfLoadOptions.defaults().withInputShape(TfLoadOptions.ALL_INPUTS, -1, 12, 12, 3);
     * Profile p = Scission.profile(ModelSource.of(Path.of("12net.h5")), request, listener,
     *         new TensorFlowProfiler(o, TfTimingOptions.defaults()));
     * }</pre>
     *
     * @param tensorName the input tensor ({@code "node:index"}), its node or Keras input layer name, or
     *     {@link #ALL_INPUTS} for every input not named otherwise
     * @param shape the dimensions, batch first; -1 for an unknown batch
     * @return the options
     * @throws IllegalArgumentException if the first dimension is neither positive nor -1, or another is not
     *     positive (a scalar input of a graph, e.g. MTCNN's {@code min_size:0}, has the empty shape; a Keras input
     *     needs the batch and at least one more dimension)
     */
    public TfLoadOptions withInputShape(String tensorName, long... shape) {
        requireNonNull(tensorName, "tensorName");
        Map<String, List<Long>> copy = new LinkedHashMap<>(inputShapes);
        List<Long> dims = new ArrayList<>();
        for (long d : shape) {
            dims.add(d);
        }
        boolean valid = dims.isEmpty() || dims.get(0) > 0 || dims.get(0) == -1;
        for (int i = 1; i < dims.size(); i++) {
            valid &= dims.get(i) > 0;
        }
        if (!valid) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The input shape (%s) of %s must have "
                    + "positive dimensions, except a batch dimension of -1 first.%nMaybe write e.g. "
                    + "withInputShape(\"%s\", -1, 224, 224, 3).", dims, tensorName, tensorName));
        }
        copy.put(requireNonNull(tensorName, "tensorName"), dims);
        return new TfLoadOptions(inputs, outputs, copy, signature, tags, weights, maxModelBytes, name);
    }

    /**
     * Returns a copy that uses the given SavedModel signature.
     *
     * @param signatureKey the signature, e.g. {@code serving_default}
     * @return the options
     */
    public TfLoadOptions withSignature(String signatureKey) {
        return new TfLoadOptions(inputs, outputs, inputShapes, requireNonNull(signatureKey, "signatureKey"), tags,
                weights, maxModelBytes, name);
    }

    /**
     * Returns a copy that selects the SavedModel MetaGraph with the given tags.
     *
     * @param metaGraphTags the tags
     * @return the options
     */
    public TfLoadOptions withTags(String... metaGraphTags) {
        return new TfLoadOptions(inputs, outputs, inputShapes, signature, List.of(metaGraphTags), weights,
                maxModelBytes, name);
    }

    /**
     * Returns a copy with the given weights policy.
     *
     * @param policy where weights come from
     * @return the options
     */
    public TfLoadOptions withWeights(Weights policy) {
        return new TfLoadOptions(inputs, outputs, inputShapes, signature, tags, requireNonNull(policy, "policy"),
                maxModelBytes, name);
    }

    /**
     * Returns a copy that refuses models whose files exceed the given size.
     *
     * @param bytes the limit in bytes; 0 to derive it from the free heap
     * @return the options
     */
    public TfLoadOptions withMaxModelBytes(long bytes) {
        return new TfLoadOptions(inputs, outputs, inputShapes, signature, tags, weights, bytes, name);
    }

    /**
     * Returns a copy that names the model.
     *
     * @param modelName the name used in profiles and messages
     * @return the options
     */
    public TfLoadOptions withName(String modelName) {
        return new TfLoadOptions(inputs, outputs, inputShapes, signature, tags, weights, maxModelBytes,
                requireNonNull(modelName, "modelName"));
    }
}
