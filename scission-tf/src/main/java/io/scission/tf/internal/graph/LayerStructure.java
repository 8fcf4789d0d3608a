package io.scission.tf.internal.graph;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import java.util.List;

/**
 * A flat graph's layers: the core model graph, and for every layer the graph tensor of each output and the graph
 * nodes it groups.
 *
 * @param model the layer DAG
 * @param tensors for each layer, the tensor name ({@code "node:index"}) of each output
 * @param nodes for each layer, its graph nodes in graph order (the input layer: its placeholders)
 * @param grouping how layers were found: {@code keras-metadata}, {@code keras-metadata+scope-heuristic} or
 *     {@code scope-heuristic}
 */
public record LayerStructure(ModelGraph model, List<List<String>> tensors, List<List<String>> nodes,
        String grouping) {

    /**
     * Validates and copies.
     *
     * @param model the layer DAG
     * @param tensors for each layer, the tensor name ({@code "node:index"}) of each output
     * @param nodes for each layer, its graph nodes in graph order (the input layer: its placeholders)
     * @param grouping how layers were found: {@code keras-metadata}, {@code keras-metadata+scope-heuristic} or
     *     {@code scope-heuristic}
     */
    public LayerStructure {
        requireNonNull(model, "model");
        tensors = tensors.stream().map(List::copyOf).toList();
        nodes = nodes.stream().map(List::copyOf).toList();
        requireNonNull(grouping, "grouping");
    }
}
