package io.scission.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a model may be cut. A cut after layer {@code i} (in the model's layer order) splits the layers into
 * {@code 0..i} and {@code i+1..}; blocks are the ranges between chosen cuts. The last layer always ends a block.
 */
public enum PartitionRule {

    /**
     * Parity with the original Scission tool ({@code create_valid_splits}): walking layers {@code 1..n-1} in order, a
     * counter goes up by {@code consumers - 1} for a layer read by several consumer edges and down by
     * {@code inputs - 1} for a layer with several inputs; the cut after layer {@code i} is valid when the counter is
     * 0. With an input layer read once, that means exactly one producer-to-consumer edge crosses the cut and it
     * leaves layer {@code i}: a layer whose output feeds several layers always starts a block, and the input layer
     * is merged into the first block. Like the original, the input layer's own fan-out is not counted.
     */
    SCISSION {
        @Override
        List<Integer> cuts(ModelGraph graph) {
            List<List<Integer>> consumers = graph.consumers();
            List<Integer> cuts = new ArrayList<>();
            int counter = 0;
            for (int i = 1; i < graph.size(); i++) {
                int out = consumers.get(i).size();
                if (out > 1) {
                    counter += out - 1;
                }
                int in = graph.layers().get(i).inputs().size();
                if (in > 1) {
                    counter -= in - 1;
                }
                if (counter == 0 && i < graph.size() - 1) {
                    cuts.add(i);
                }
            }
            return cuts;
        }
    },

    /**
     * Every cut across which exactly one tensor flows (a model output produced before the cut counts as flowing
     * across it), except cuts that leave only input layers before them. A superset of {@link #SCISSION}'s cuts for
     * models whose input is read once; it also cuts after a branching layer, before its branches.
     */
    SINGLE_TENSOR {
        @Override
        List<Integer> cuts(ModelGraph graph) {
            int n = graph.size();
            int[] liveDelta = new int[n + 1];
            for (Map.Entry<TensorRef, Integer> e : lastReaders(graph).entrySet()) {
                int producer = e.getKey().layer();
                int lastReader = e.getValue();
                liveDelta[producer] += 1;
                liveDelta[lastReader] -= 1;
            }
            List<Integer> cuts = new ArrayList<>();
            int live = 0;
            boolean onlyInputs = true;
            for (int i = 0; i < n - 1; i++) {
                live += liveDelta[i];
                onlyInputs &= graph.layers().get(i).isInput();
                if (live == 1 && !onlyInputs) {
                    cuts.add(i);
                }
            }
            return cuts;
        }
    };

    /** Returns the valid cut positions before the last layer, ascending. */
    abstract List<Integer> cuts(ModelGraph graph);

    /**
     * Applies the rule.
     *
     * @param graph the model
     * @return the blocks
     */
    public BlockLayout apply(ModelGraph graph) {
        List<Integer> cuts = new ArrayList<>(cuts(graph));
        cuts.add(graph.size() - 1);
        Map<TensorRef, Integer> lastReaders = lastReaders(graph);
        List<Block> blocks = new ArrayList<>();
        int first = 0;
        for (int cut : cuts) {
            long bytes = 0;
            for (Map.Entry<TensorRef, Integer> e : lastReaders.entrySet()) {
                if (e.getKey().layer() <= cut && e.getValue() > cut) {
                    bytes += graph.spec(e.getKey()).bytes();
                }
            }
            blocks.add(new Block(blocks.size(), first, cut, bytes));
            first = cut + 1;
        }
        return new BlockLayout(graph.name(), graph.size(), graph.inputBytes(), this, blocks, graph.fingerprint());
    }

    /**
     * Maps every tensor that is read or is a model output to its last reader's index; model outputs get
     * {@code n}, past the last layer.
     */
    static Map<TensorRef, Integer> lastReaders(ModelGraph graph) {
        Map<TensorRef, Integer> last = new HashMap<>();
        for (Layer layer : graph.layers()) {
            for (TensorRef in : layer.inputs()) {
                last.merge(in, layer.index(), Math::max);
            }
        }
        for (TensorRef out : graph.outputs()) {
            last.put(out, graph.size());
        }
        return last;
    }

    /**
     * Parses a rule name such as {@code scission} or {@code single-tensor}, ignoring case.
     *
     * @param text the name
     * @return the rule
     * @throws IllegalArgumentException if the name is unknown
     */
    public static PartitionRule parse(String text) {
        String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PartitionRule rule : values()) {
            if (rule.name().equals(norm)) {
                return rule;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The partition rule (%s) is not one of scission, single-tensor.", text));
    }

    /**
     * Returns the rule's command-line spelling, {@code scission} or {@code single-tensor}.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
