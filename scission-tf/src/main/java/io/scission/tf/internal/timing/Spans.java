package io.scission.tf.internal.timing;

import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The tensors that enter and leave a contiguous range of layers. */
public final class Spans {

    /**
     * What a range of layers reads from before it and hands on after it.
     *
     * @param feeds the tensors to feed: outputs of input layers in the range, and tensors read in the range but
     *     produced before it, in layer order
     * @param fetches the tensors produced in the range and read after it or returned by the model, in layer order
     */
    public record Span(List<TensorRef> feeds, List<TensorRef> fetches) {

        /**
         * Copies the lists.
         *
         * @param feeds the tensors to feed: outputs of input layers in the range, and tensors read in the range but
         *     produced before it, in layer order
         * @param fetches the tensors produced in the range and read after it or returned by the model, in layer order
         */
        public Span {
            feeds = List.copyOf(feeds);
            fetches = List.copyOf(fetches);
        }
    }

    private Spans() {
    }

    /**
     * Returns the span of layers {@code first..last}.
     *
     * @param g the model
     * @param first the first layer
     * @param last the last layer, inclusive
     * @return the span
     * @throws IllegalArgumentException if the range is empty or outside the model
     */
    public static Span of(ModelGraph g, int first, int last) {
        if (first < 0 || last < first || last >= g.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The layer range %d-%d is not within model %s's layers 0-%d.", first, last, g.name(),
                    g.size() - 1));
        }
        Set<TensorRef> feeds = new LinkedHashSet<>();
        for (int i = first; i <= last; i++) {
            Layer layer = g.layers().get(i);
            if (layer.isInput()) {
                for (int k = 0; k < layer.outputs().size(); k++) {
                    feeds.add(new TensorRef(i, k));
                }
            }
            for (TensorRef in : layer.inputs()) {
                if (in.layer() < first) {
                    feeds.add(in);
                }
            }
        }
        Set<TensorRef> readAfter = new HashSet<>(g.outputs());
        for (int i = last + 1; i < g.size(); i++) {
            readAfter.addAll(g.layers().get(i).inputs());
        }
        List<TensorRef> fetches = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            for (int k = 0; k < g.layers().get(i).outputs().size(); k++) {
                TensorRef ref = new TensorRef(i, k);
                if (readAfter.contains(ref)) {
                    fetches.add(ref);
                }
            }
        }
        return new Span(new ArrayList<>(feeds), fetches);
    }
}
