package io.scission.tf.internal.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.proto.GraphDef;

/**
 * One flat, feedable graph: no function call left to inline, weights as constants, every node fed or fetched by
 * name. Owns its graph until {@link #release()} hands it over.
 */
public final class FlatGraph implements AutoCloseable {

    /** What inlining did; all zero for graphs without function calls. */
    public record Inlining(int libraryFunctions, int callsInlined, int functionsInlined, int maxDepth,
            int libraryFunctionsLeft, int nodesBefore, int nodesAfter) {
    }

    private final String source;
    private final Graph graph;
    private final GraphDef graphDef;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, String> localNames;
    private final WeightsReport weights;
    private final Inlining inlining;
    private final @Nullable KerasMetadata keras;
    private final String signature;
    private boolean released;

    FlatGraph(String source, Graph graph, GraphDef graphDef, List<String> inputs, List<String> outputs,
            Map<String, String> localNames, WeightsReport weights, Inlining inlining, @Nullable KerasMetadata keras,
            String signature) {
        this.source = requireNonNull(source, "source");
        this.graph = requireNonNull(graph, "graph");
        this.graphDef = requireNonNull(graphDef, "graphDef");
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.localNames = Map.copyOf(localNames);
        this.weights = requireNonNull(weights, "weights");
        this.inlining = requireNonNull(inlining, "inlining");
        this.keras = keras;
        this.signature = requireNonNull(signature, "signature");
    }

    /**
     * Returns the file, directory or {@code in-memory graph} it came from.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the imported flat graph.
     *
     * @return the graph
     */
    public Graph graph() {
        return graph;
    }

    /**
     * Returns the flat GraphDef that was imported.
     *
     * @return the GraphDef
     */
    public GraphDef graphDef() {
        return graphDef;
    }

    /**
     * Returns the input tensors, {@code "node:index"}.
     *
     * @return the inputs
     */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * Returns the output tensors as the signature or options name them.
     *
     * @return the outputs
     */
    public List<String> outputs() {
        return outputs;
    }

    /**
     * Returns a flat node's name inside the function it was inlined from, e.g.
     * {@code StatefulPartitionedCall/StatefulPartitionedCall/model/conv1/Conv2D} gives {@code model/conv1/Conv2D};
     * top-level nodes keep their name.
     *
     * @param flatNodeName the node's name in the flat graph
     * @return the local name
     */
    public String localName(String flatNodeName) {
        return localNames.getOrDefault(flatNodeName, flatNodeName);
    }

    /**
     * Returns where the weights came from.
     *
     * @return the report
     */
    public WeightsReport weights() {
        return weights;
    }

    /**
     * Returns what inlining did.
     *
     * @return the statistics
     */
    public Inlining inlining() {
        return inlining;
    }

    Optional<KerasMetadata> keras() {
        return Optional.ofNullable(keras);
    }

    /**
     * Returns the SavedModel signature used, empty for graphs.
     *
     * @return the signature key
     */
    public String signature() {
        return signature;
    }

    /**
     * Hands the graph over to the caller, who must close it; closing this object afterwards does nothing.
     *
     * @return the graph
     */
    public Graph release() {
        released = true;
        return graph;
    }

    @Override
    public void close() {
        if (!released) {
            graph.close();
        }
    }
}
