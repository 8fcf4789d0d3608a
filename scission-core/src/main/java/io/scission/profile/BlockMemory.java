package io.scission.profile;

import static java.util.Objects.requireNonNull;

import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The memory figures of one block: the static estimate a model parser makes, and optionally the peak a profiler
 * measured. A segment's working memory is worked out from its blocks' figures by {@link #segmentBytes}.
 *
 * <p><b>The estimate</b> (batch 1, bytes):
 * <ul>
 *   <li>{@code weightBytes}: the constant and variable tensors that the block's layers read (kernels, biases,
 *       batch-norm statistics, and small constants such as shapes), each counted once, in the first layer that
 *       reads it;
 *   <li>{@code activationBytes}: the largest <em>live activation set</em> while the block's layers run one after
 *       another in model order: at layer {@code i}, every layer output produced at or before {@code i} and read at
 *       or after {@code i} (a model output counts until the end). Tensors the block receives across the cut before
 *       it and the ones it sends on are therefore included.
 * </ul>
 * Because a cut between blocks carries exactly the tensors that are live across it, the live set at a layer is
 * the same whether the model runs whole or as a segment, so a segment's working memory is exact in terms of the
 * per-block figures: Σ weight bytes of its blocks + max activation bytes of its blocks ({@link #segmentBytes}).
 * Not included: the runtime itself (a TensorFlow process holds about 285 MB before it loads a model), the graph,
 * scratch buffers inside an operation (e.g. a convolution's workspace), buffers the runtime reuses in place (which
 * make the real peak lower), serialised copies of the tensors a hop sends, allocator rounding, and batches above 1.
 *
 * <p><b>The measured peak</b>, where the profiler can report it (scission-tf reads TensorFlow's per-operation
 * allocation records of a traced run of the block alone, fed its inputs): the bytes of the fed tensors, plus the
 * persistent memory of the constants the run uses, plus the highest point of the running sum of every allocation
 * and release the run's operations record (operation scratch included). It is per block, not per segment.
 *
 * @param weightBytes the bytes of the constants and variables the block's layers read, not negative
 * @param activationBytes the largest live activation set while its layers run, not negative
 * @param measuredPeakBytes the measured peak of a run of the block, or {@link #NOT_MEASURED}
 */
public record BlockMemory(long weightBytes, long activationBytes, long measuredPeakBytes) {

    /** The value of {@link #measuredPeakBytes()} when no peak was measured. */
    public static final long NOT_MEASURED = -1;

    /**
     * Validates the figures.
     *
     * @param weightBytes the bytes of the constants and variables the block's layers read, not negative
     * @param activationBytes the largest live activation set while its layers run, not negative
     * @param measuredPeakBytes the measured peak of a run of the block, or {@link #NOT_MEASURED}
     * @throws IllegalArgumentException if a figure is negative (other than {@link #NOT_MEASURED}) or a size is
     *     above 2^50 bytes
     */
    public BlockMemory {
        if (weightBytes < 0 || activationBytes < 0 || measuredPeakBytes < NOT_MEASURED
                || weightBytes > MAX_BYTES || activationBytes > MAX_BYTES || measuredPeakBytes > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The memory figures (weights %d B, activations %d B, measured peak %d B) must be from 0 to %d "
                            + "bytes (2^50); the measured peak may be %d when not measured.%n"
                            + "Maybe the sizes are not in bytes.",
                    weightBytes, activationBytes, measuredPeakBytes, MAX_BYTES, NOT_MEASURED));
        }
    }

    /** The largest figure accepted: 2^50 bytes (1 PiB), so that sums over any number of blocks stay exact. */
    private static final long MAX_BYTES = Block.MAX_BYTES;

    /**
     * Returns the estimate without a measured peak.
     *
     * @param weightBytes the weight bytes
     * @param activationBytes the activation bytes
     * @return the figures
     */
    public static BlockMemory estimate(long weightBytes, long activationBytes) {
        return new BlockMemory(weightBytes, activationBytes, NOT_MEASURED);
    }

    /**
     * Estimates every block's figures from the model's layers: the weight bytes of its layers, and the largest live
     * activation set while its layers run (see the class comment). Tensor sizes are the layers' output specs, batch
     * 1.
     *
     * @param graph the model
     * @param layout its blocks
     * @param layerWeightBytes the weight bytes of each layer, in layer order (what the model parser counted)
     * @return one estimate per block, in block order
     * @throws IllegalArgumentException if the layout or the weights do not match the graph's layers, or a weight
     *     figure is negative
     */
    public static List<BlockMemory> estimate(ModelGraph graph, BlockLayout layout, long[] layerWeightBytes) {
        requireNonNull(graph, "graph");
        requireNonNull(layout, "layout");
        requireNonNull(layerWeightBytes, "layerWeightBytes");
        int n = graph.size();
        if (layout.layerCount() != n || layerWeightBytes.length != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model %s has %d layers, but its blocks cover %d and its weights %d.%n"
                            + "Maybe the blocks were made from another model.",
                    graph.name(), n, layout.layerCount(), layerWeightBytes.length));
        }
        long[] live = liveBytes(graph);
        List<BlockMemory> result = new ArrayList<>();
        for (Block b : layout.blocks()) {
            long weights = 0;
            long activations = 0;
            for (int i = b.firstLayer(); i <= b.lastLayer(); i++) {
                if (layerWeightBytes[i] < 0) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The weight bytes (%d) of layer %s must not be negative.", layerWeightBytes[i],
                            graph.layers().get(i).name()));
                }
                weights = Math.addExact(weights, layerWeightBytes[i]);
                activations = Math.max(activations, live[i]);
            }
            result.add(estimate(weights, activations));
        }
        return List.copyOf(result);
    }

    /**
     * Returns, for each layer {@code i}, the bytes of the layer outputs live while it runs: produced at or before
     * {@code i} and read at or after it, a model output until the end, an output nobody reads only at its layer.
     */
    static long[] liveBytes(ModelGraph graph) {
        int n = graph.size();
        Map<TensorRef, Integer> lastUse = new HashMap<>();
        for (Layer layer : graph.layers()) {
            for (TensorRef in : layer.inputs()) {
                lastUse.merge(in, layer.index(), Math::max);
            }
        }
        for (TensorRef out : graph.outputs()) {
            lastUse.put(out, n - 1);
        }
        long[] delta = new long[n + 1];
        for (Layer layer : graph.layers()) {
            for (int k = 0; k < layer.outputs().size(); k++) {
                long bytes = layer.outputs().get(k).bytes();
                int until = lastUse.getOrDefault(new TensorRef(layer.index(), k), layer.index());
                delta[layer.index()] = Math.addExact(delta[layer.index()], bytes);
                delta[until + 1] -= bytes;
            }
        }
        long[] live = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum = Math.addExact(sum, delta[i]);
            live[i] = sum;
        }
        return live;
    }

    /**
     * Returns the measured peak, if any.
     *
     * @return the peak in bytes
     */
    public OptionalLong measuredPeak() {
        return measuredPeakBytes == NOT_MEASURED ? OptionalLong.empty() : OptionalLong.of(measuredPeakBytes);
    }

    /**
     * Returns a copy with a measured peak.
     *
     * @param bytes the peak
     * @return the copy
     */
    public BlockMemory withMeasuredPeak(long bytes) {
        return new BlockMemory(weightBytes, activationBytes, bytes);
    }

    /**
     * Returns the estimated bytes to run this block alone: weights + activations.
     *
     * @return bytes
     */
    public long workingBytes() {
        return weightBytes + activationBytes;
    }

    /**
     * Returns the estimated working memory of a segment: Σ weight bytes of its blocks + the largest activation
     * bytes among them. Exact: {@link Profile} checks that the sum over all its blocks fits a {@code long}.
     *
     * @param blocks the figures of every block of the model
     * @param first the segment's first block
     * @param last the segment's last block (inclusive)
     * @return bytes
     * @throws IndexOutOfBoundsException if the range lies outside the list
     */
    public static long segmentBytes(List<BlockMemory> blocks, int first, int last) {
        long weights = 0;
        long activations = 0;
        for (int b = first; b <= last; b++) {
            BlockMemory m = blocks.get(b);
            weights += m.weightBytes;
            activations = Math.max(activations, m.activationBytes);
        }
        return weights + activations;
    }
}
