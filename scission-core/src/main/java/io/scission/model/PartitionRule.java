package io.scission.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a model may be cut. A cut after layer {@code i} (in the model's layer order) splits the layers into
 * {@code 0..i} and {@code i+1..}; blocks are the ranges between chosen cuts. The last layer always ends a block, and
 * a block's {@link Block#outputBytes() bytes} are the sum of every tensor crossing the cut after it (the hop to the
 * next resource carries all of them).
 *
 * <p>Three rules: {@link #SCISSION} (the original tool's), {@link #SINGLE_TENSOR} (every cut one tensor crosses) and
 * {@link #tensors(int) tensors(k)}, every cut crossed by 1 to {@code k} tensors (DADS-style multi-tensor cuts; issue
 * #14). {@code tensors(1)} <em>is</em> {@code SINGLE_TENSOR} (equal, and written {@code single-tensor}), and the cuts
 * of {@code tensors(k)} contain those of {@code tensors(k - 1)}. Rules are values: compare them with
 * {@code equals}.
 *
 * <p>A fourth, {@link #fused(PartitionRule, Collection) fused(base, crossed)}, is a base rule without the cuts that a
 * runtime's op fusion crosses: its blocks never split a group of layers the runtime runs as one fused kernel, so they
 * are timed, and deployed segments run, with that fusion on (scission-tf finds the cuts from TensorFlow's optimised
 * graph; docs/serving.md "Profiles of what TensorFlow runs").
 *
 * <pre>{@code
 * BlockLayout coarse = graph.blocks(PartitionRule.SCISSION);
 * BlockLayout fine = graph.blocks(PartitionRule.tensors(3));     // PartitionRule.parse("tensors:3") alike
 * }</pre>
 */
public sealed interface PartitionRule permits PartitionRule.Scission, PartitionRule.Tensors, PartitionRule.Fused {

    /**
     * Parity with the original Scission tool ({@code create_valid_splits}): walking layers {@code 1..n-1} in order, a
     * counter goes up by {@code consumers - 1} for a layer read by several consumer edges and down by
     * {@code inputs - 1} for a layer with several inputs; the cut after layer {@code i} is valid when the counter is
     * 0. With an input layer read once, that means exactly one producer-to-consumer edge crosses the cut and it
     * leaves layer {@code i}: a layer whose output feeds several layers always starts a block, and the input layer
     * is merged into the first block. Like the original, the input layer's own fan-out is not counted.
     */
    PartitionRule SCISSION = new Scission();

    /**
     * Every cut across which exactly one tensor flows (a model output produced before the cut counts as flowing
     * across it), except cuts that leave only input layers before them. A superset of {@link #SCISSION}'s cuts for
     * models whose input is read once; it also cuts after a branching layer, before its branches. Equal to
     * {@code tensors(1)}.
     */
    PartitionRule SINGLE_TENSOR = new Tensors(1);

    /**
     * Returns the rule that allows every cut crossed by at least 1 and at most {@code k} live tensors (a tensor is
     * live across the cut after layer {@code i} when a layer at or before {@code i} produced it and a layer after
     * {@code i} reads it, or it is a model output), except cuts that leave only input layers before them. The hop
     * across such a cut carries all the crossing tensors.
     *
     * @param k the most tensors a cut may be crossed by, at least 1; {@code tensors(1)} is {@link #SINGLE_TENSOR}
     * @return the rule
     * @throws IllegalArgumentException if {@code k < 1}
     */
    static PartitionRule tensors(int k) {
        return k == 1 ? SINGLE_TENSOR : new Tensors(k);
    }

    /**
     * Returns the rule that allows the base rule's cuts except {@code crossed}: the cuts inside groups of layers that
     * a runtime fuses into one kernel (a convolution with its batch norm and activation, say), so that a block never
     * splits such a group. Profiles under it are timed with the runtime's fusion on, which is what deployed segments
     * then run. Written {@code BASE-fused:I,J,...} (the layers the removed cuts follow, ascending), or
     * {@code BASE-fused} when fusion crosses none of the base's cuts.
     *
     * @param base the rule whose cuts are thinned; not itself a fused rule
     * @param crossed the cut positions (as {@link #cuts(ModelGraph)} gives them) that fusion crosses; each must be a
     *     cut of the base rule in the model the rule is applied to
     * @return the rule
     * @throws IllegalArgumentException if the base is a fused rule or a position is negative
     */
    static PartitionRule fused(PartitionRule base, Collection<Integer> crossed) {
        return new Fused(base, List.copyOf(new TreeSet<>(requireNonNull(crossed, "crossed"))));
    }

    /**
     * Returns the rule this one refines: itself, or the base of a {@link #fused fused} rule.
     *
     * @return the base rule
     */
    default PartitionRule base() {
        return this;
    }

    /**
     * Returns whether this rule leaves out the cuts a runtime's fusion crosses, so its blocks are timed and run with
     * that fusion on ({@link #fused}).
     *
     * @return true for a fused rule
     */
    default boolean isFused() {
        return false;
    }

    /**
     * Returns the valid cut positions before the last layer, ascending: {@code i} means a cut between layers
     * {@code i} and {@code i + 1}.
     *
     * @param graph the model
     * @return the cut positions
     */
    List<Integer> cuts(ModelGraph graph);

    /**
     * Returns the rule's spelling in files and on the command line: {@code scission}, {@code single-tensor} (k = 1)
     * or {@code tensors:K}.
     *
     * @return the id
     */
    String id();

    /**
     * Applies the rule.
     *
     * @param graph the model
     * @return the blocks, each with the bytes of every tensor crossing the cut after it
     */
    default BlockLayout apply(ModelGraph graph) {
        requireNonNull(graph, "graph");
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
     * Parses a rule: {@code scission}, {@code single-tensor} or {@code tensors:K} with {@code K >= 1}
     * ({@code tensors:1} is {@code single-tensor}), ignoring case and surrounding blanks.
     *
     * @param text the rule's id
     * @return the rule
     * @throws IllegalArgumentException if the text names no rule
     */
    static PartitionRule parse(String text) {
        requireNonNull(text, "text");
        String norm = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        int f = norm.indexOf(Fused.MARK);
        if (f > 0) {
            String rest = norm.substring(f + Fused.MARK.length());
            if (rest.isEmpty() || rest.matches(":[0-9]{1,9}(,[0-9]{1,9})*")) {
                List<Integer> crossed = new ArrayList<>();
                for (String i : rest.isEmpty() ? new String[0] : rest.substring(1).split(",")) {
                    crossed.add(Integer.parseInt(i));
                }
                String base = norm.substring(0, f);
                if (!base.contains(Fused.MARK) && (base.equals(SCISSION.id()) || base.equals(SINGLE_TENSOR.id())
                        || base.matches("tensors:[0-9]{1,9}") && Integer.parseInt(base.substring(8)) >= 1)) {
                    return fused(parse(base), crossed);
                }
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The partition rule (%s) is not a fused "
                    + "rule: BASE-fused or BASE-fused:I,J,... with BASE one of scission, single-tensor, tensors:K and "
                    + "I, J the layers whose cuts fusion crosses.%nMaybe profile the model again.", text));
        }
        if (norm.equals(SCISSION.id())) {
            return SCISSION;
        }
        if (norm.equals(SINGLE_TENSOR.id())) {
            return SINGLE_TENSOR;
        }
        if (norm.startsWith("tensors:")) {
            String k = norm.substring("tensors:".length()).trim();
            if (k.matches("[0-9]{1,9}") && Integer.parseInt(k) >= 1) {
                return tensors(Integer.parseInt(k));
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The partition rule (%s) is not one of scission, single-tensor, tensors:K (K from 1 to 999999999, "
                        + "the most tensors a cut may be crossed by).", text));
    }

    /**
     * Maps every tensor that is read or is a model output to its last reader's index; model outputs get
     * {@code n}, past the last layer.
     *
     * @param graph the model
     * @return last reader per live tensor
     */
    private static Map<TensorRef, Integer> lastReaders(ModelGraph graph) {
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
     * The original tool's rule; use {@link PartitionRule#SCISSION}.
     */
    record Scission() implements PartitionRule {

        @Override
        public List<Integer> cuts(ModelGraph graph) {
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
            return List.copyOf(cuts);
        }

        @Override
        public String id() {
            return "scission";
        }

        /**
         * Returns {@code SCISSION}, the name the rule had as an enum constant.
         *
         * @return {@code SCISSION}
         */
        @Override
        public String toString() {
            return "SCISSION";
        }
    }

    /**
     * Cuts crossed by 1 to {@code max} live tensors; use {@link PartitionRule#tensors(int)} or
     * {@link PartitionRule#SINGLE_TENSOR}.
     *
     * @param max the most tensors a cut may be crossed by, at least 1
     */
    record Tensors(int max) implements PartitionRule {

        /**
         * Validates the bound.
         *
         * @param max the most tensors a cut may be crossed by
         * @throws IllegalArgumentException if {@code max < 1}
         */
        public Tensors {
            if (max < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The k (%d) of tensors(k) must be at least 1 (1 is the single-tensor rule).", max));
            }
        }

        /**
         * Returns the cuts; linear in layers plus edges: the number of live tensors across each cut comes from a
         * prefix sum of +1 at each tensor's producer and -1 at its last reader.
         *
         * @param graph the model
         * @return the cut positions, ascending
         */
        @Override
        public List<Integer> cuts(ModelGraph graph) {
            int n = graph.size();
            int[] liveDelta = new int[n + 1];
            for (Map.Entry<TensorRef, Integer> e : lastReaders(graph).entrySet()) {
                liveDelta[e.getKey().layer()] += 1;
                liveDelta[e.getValue()] -= 1;
            }
            List<Integer> cuts = new ArrayList<>();
            int live = 0;
            boolean onlyInputs = true;
            for (int i = 0; i < n - 1; i++) {
                live += liveDelta[i];
                onlyInputs &= graph.layers().get(i).isInput();
                if (live >= 1 && live <= max && !onlyInputs) {
                    cuts.add(i);
                }
            }
            return List.copyOf(cuts);
        }

        @Override
        public String id() {
            return max == 1 ? "single-tensor" : "tensors:" + max;
        }

        /**
         * Returns {@code SINGLE_TENSOR} for k = 1 (its name as an enum constant), else {@code tensors(k)}.
         *
         * @return the name
         */
        @Override
        public String toString() {
            return max == 1 ? "SINGLE_TENSOR" : "tensors(" + max + ")";
        }
    }

    /**
     * A base rule without the cuts a runtime's fusion crosses; use {@link PartitionRule#fused}.
     *
     * @param base the rule whose cuts are thinned, not itself fused
     * @param crossed the removed cut positions, ascending and distinct
     */
    record Fused(PartitionRule base, List<Integer> crossed) implements PartitionRule {

        static final String MARK = "-fused";

        /**
         * Validates the rule.
         *
         * @param base the rule whose cuts are thinned
         * @param crossed the removed cut positions, ascending and distinct
         * @throws IllegalArgumentException if the base is fused, or the positions are negative, unsorted or repeated
         */
        public Fused {
            requireNonNull(base, "base");
            crossed = List.copyOf(requireNonNull(crossed, "crossed"));
            if (base.isFused()) {
                throw new IllegalArgumentException("The base of a fused rule (" + base.id() + ") must not be fused "
                        + "itself.");
            }
            for (int k = 0; k < crossed.size(); k++) {
                if (crossed.get(k) < 0 || k > 0 && crossed.get(k) <= crossed.get(k - 1)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "The cuts fusion crosses (%s) must "
                            + "be layer positions of 0 or more, ascending and distinct.", crossed));
                }
            }
        }

        /**
         * Returns the base rule's cuts without those fusion crosses.
         *
         * @param graph the model
         * @return the cut positions, ascending
         * @throws IllegalArgumentException if a removed cut is not a cut of the base rule in this model (the rule was
         *     made for another model)
         */
        @Override
        public List<Integer> cuts(ModelGraph graph) {
            List<Integer> all = base.cuts(graph);
            Set<Integer> removed = new HashSet<>(crossed);
            for (int c : crossed) {
                if (!all.contains(c)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "The partition rule %s leaves out "
                            + "the cut after layer %d, but the %s rule does not cut there in model %s.%nMaybe the "
                            + "rule was made for another model or version: profile %s again.", id(), c, base.id(),
                            graph.name(), graph.name()));
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int c : all) {
                if (!removed.contains(c)) {
                    kept.add(c);
                }
            }
            return List.copyOf(kept);
        }

        @Override
        public String id() {
            StringBuilder b = new StringBuilder(base.id()).append(MARK);
            for (int k = 0; k < crossed.size(); k++) {
                b.append(k == 0 ? ':' : ',').append(crossed.get(k));
            }
            return b.toString();
        }

        @Override
        public boolean isFused() {
            return true;
        }

        /**
         * Returns {@code fused(BASE, [I, J, ...])}.
         *
         * @return the name
         */
        @Override
        public String toString() {
            return "fused(" + base + ", " + crossed + ")";
        }
    }
}
