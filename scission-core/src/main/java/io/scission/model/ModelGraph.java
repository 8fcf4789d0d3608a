package io.scission.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A model as a DAG of layers in a fixed topological order, with its output tensors. Model parsers (see
 * {@link io.scission.spi.ModelParser}) produce it; {@link PartitionRule}s turn it into a {@link BlockLayout}.
 */
public final class ModelGraph {

    private final String name;
    private final List<Layer> layers;
    private final List<TensorRef> outputs;
    private final Map<String, Integer> byName;

    private ModelGraph(String name, List<Layer> layers, List<TensorRef> outputs) {
        this.name = name;
        this.layers = layers;
        this.outputs = outputs;
        this.byName = new HashMap<>();
        for (Layer layer : layers) {
            byName.put(layer.name(), layer.index());
        }
    }

    /**
     * Returns a graph with the given outputs.
     *
     * @param name the model's name
     * @param layers the layers, each at the position of its index
     * @param outputs the model's output tensors
     * @return the graph
     * @throws IllegalArgumentException if the layers are empty, out of order, have duplicate names, read missing
     *     outputs, or if an output does not exist
     */
    public static ModelGraph of(String name, List<Layer> layers, List<TensorRef> outputs) {
        requireNonNull(name, "name");
        List<Layer> copy = List.copyOf(requireNonNull(layers, "layers"));
        List<TensorRef> outs = List.copyOf(requireNonNull(outputs, "outputs"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model %s has no layers.", name));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            Layer layer = copy.get(i);
            if (layer.index() != i) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The layer %s of model %s has index %d but is at position %d.",
                        layer.name(), name, layer.index(), i));
            }
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The layer name %s appears twice in model %s.", layer.name(), name));
            }
            for (TensorRef in : layer.inputs()) {
                checkRef(name, copy, in, "layer " + layer.name());
            }
        }
        if (copy.get(0).inputs().size() > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The first layer (%s) of model %s must be an input (a layer without inputs).",
                    copy.get(0).name(), name));
        }
        if (outs.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model %s has no outputs.", name));
        }
        for (TensorRef out : outs) {
            checkRef(name, copy, out, "the model outputs");
        }
        return new ModelGraph(name, copy, outs);
    }

    /**
     * Returns a graph whose outputs are the tensors that no layer reads, in layer order.
     *
     * @param name the model's name
     * @param layers the layers
     * @return the graph
     */
    public static ModelGraph of(String name, List<Layer> layers) {
        Set<TensorRef> read = new HashSet<>();
        for (Layer layer : layers) {
            read.addAll(layer.inputs());
        }
        List<TensorRef> outputs = new ArrayList<>();
        for (Layer layer : layers) {
            for (int k = 0; k < layer.outputs().size(); k++) {
                TensorRef ref = new TensorRef(layer.index(), k);
                if (!read.contains(ref)) {
                    outputs.add(ref);
                }
            }
        }
        return of(name, layers, outputs);
    }

    private static void checkRef(String model, List<Layer> layers, TensorRef ref, String where) {
        if (ref.layer() >= layers.size() || ref.output() >= layers.get(ref.layer()).outputs().size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The tensor (layer %d, output %d) read by %s does not exist in model %s.",
                    ref.layer(), ref.output(), where, model));
        }
    }

    /**
     * Returns the model's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the layers in order.
     *
     * @return the layers
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Returns the model's output tensors.
     *
     * @return the outputs
     */
    public List<TensorRef> outputs() {
        return outputs;
    }

    /**
     * Returns the layer count.
     *
     * @return the number of layers
     */
    public int size() {
        return layers.size();
    }

    /**
     * Returns the layer with the given name.
     *
     * @param layerName the name
     * @return the layer
     * @throws IllegalArgumentException if no layer has that name
     */
    public Layer layer(String layerName) {
        Integer index = byName.get(layerName);
        if (index == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model %s has no layer named %s.", name, layerName));
        }
        return layers.get(index);
    }

    /**
     * Returns the spec of a tensor.
     *
     * @param ref the tensor
     * @return its spec
     */
    public TensorSpec spec(TensorRef ref) {
        return layers.get(ref.layer()).outputs().get(ref.output());
    }

    /**
     * Returns the total bytes of the model's inputs (the outputs of its input layers), batch 1.
     *
     * @return bytes
     */
    public long inputBytes() {
        long bytes = 0;
        for (Layer layer : layers) {
            if (layer.isInput()) {
                for (TensorSpec spec : layer.outputs()) {
                    bytes += spec.bytes();
                }
            }
        }
        return bytes;
    }

    /**
     * Returns, for every layer, the indices of the layers that read it (one entry per reading edge, in order).
     *
     * @return consumers per layer
     */
    public List<List<Integer>> consumers() {
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (Layer layer : layers) {
            for (TensorRef in : layer.inputs()) {
                consumers.get(in.layer()).add(layer.index());
            }
        }
        List<List<Integer>> frozen = new ArrayList<>();
        for (List<Integer> c : consumers) {
            frozen.add(List.copyOf(c));
        }
        return List.copyOf(frozen);
    }

    /**
     * Partitions the model under the given rule.
     *
     * @param rule the rule
     * @return the block layout
     */
    public BlockLayout blocks(PartitionRule rule) {
        return requireNonNull(rule, "rule").apply(this);
    }

    /**
     * Returns the SHA-256 (64 hex digits) of the layer structure: every layer's index, name, type, inputs and
     * output types and shapes, in order, then the model outputs. The model's name and weights do not count, so two
     * loads of one architecture agree, and profiles and deployments can tell whether they were made from it.
     *
     * @return the fingerprint
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder("scission-model-graph/1\n");
        for (Layer layer : layers) {
            sb.append(layer.index()).append('\t').append(layer.name()).append('\t').append(layer.type()).append('\t');
            for (TensorRef in : layer.inputs()) {
                sb.append(in.layer()).append(':').append(in.output()).append(',');
            }
            sb.append('\t');
            for (TensorSpec out : layer.outputs()) {
                sb.append(out.dtype()).append(out.shape()).append(',');
            }
            sb.append('\n');
        }
        for (TensorRef out : outputs) {
            sb.append(out.layer()).append(':').append(out.output()).append(',');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256.", e);
        }
    }

    @Override
    public String toString() {
        return "ModelGraph{" + name + ", " + layers.size() + " layers}";
    }
}
