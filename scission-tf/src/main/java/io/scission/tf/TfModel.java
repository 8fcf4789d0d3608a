package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;

/**
 * A model ready to run in TensorFlow: a flat graph in which every layer's outputs can be fed and fetched by name,
 * together with the model's layer structure. Both the TensorFlow graph loader and the Keras importer produce it;
 * the block profiler consumes it. Owns its graph: close it when done.
 */
public final class TfModel implements AutoCloseable {

    private final String source;
    private final ModelGraph structure;
    private final Graph graph;
    private final List<List<String>> tensors;
    private final String weights;

    /**
     * Creates the model.
     *
     * @param source where the model came from, for messages and provenance
     * @param structure the layers, in order; layer {@code i} is entry {@code i} of {@code tensors}
     * @param graph the flat graph, owned by this model from now on
     * @param tensors for each layer, the graph tensor name ({@code "op:index"}) of each of its outputs
     * @param weights where the weights came from, e.g. {@code file} or {@code seeded-random(seed=42)}
     */
    public TfModel(String source, ModelGraph structure, Graph graph, List<List<String>> tensors, String weights) {
        this.source = requireNonNull(source, "source");
        this.structure = requireNonNull(structure, "structure");
        this.graph = requireNonNull(graph, "graph");
        this.weights = requireNonNull(weights, "weights");
        List<List<String>> copy = tensors.stream().map(List::copyOf).toList();
        if (copy.size() != structure.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The tensor names cover %d layers but model %s has %d.", copy.size(), structure.name(),
                    structure.size()));
        }
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).size() != structure.layers().get(i).outputs().size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Layer %s of model %s has %d outputs but %d tensor names.",
                        structure.layers().get(i).name(), structure.name(),
                        structure.layers().get(i).outputs().size(), copy.get(i).size()));
            }
        }
        this.tensors = copy;
    }

    /**
     * Returns where the model came from.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the layer structure.
     *
     * @return the structure
     */
    public ModelGraph structure() {
        return structure;
    }

    /**
     * Returns the flat graph (owned by this model).
     *
     * @return the graph
     */
    public Graph graph() {
        return graph;
    }

    /**
     * Returns the graph tensor name of a layer output.
     *
     * @param ref the layer output
     * @return the tensor name, {@code "op:index"}
     */
    public String tensor(TensorRef ref) {
        return tensors.get(ref.layer()).get(ref.output());
    }

    /**
     * Returns where the weights came from.
     *
     * @return the weights' origin
     */
    public String weights() {
        return weights;
    }

    @Override
    public void close() {
        graph.close();
    }
}
