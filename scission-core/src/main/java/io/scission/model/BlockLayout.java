package io.scission.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * A model's blocks under a partition rule: the structure that profiles time and plans place.
 *
 * @param model the model's name
 * @param layerCount the number of layers
 * @param inputBytes the bytes of the model's input, batch 1 (the default size of the first upload); at most
 *     {@link Block#MAX_BYTES}
 * @param rule the rule that produced the blocks
 * @param blocks the blocks, contiguous, covering layers {@code 0..layerCount-1} in order
 * @param fingerprint the model's {@link ModelGraph#fingerprint()}, or empty when unknown (e.g. data imported from
 *     the original tool, or a profile file written before fingerprints were recorded)
 */
public record BlockLayout(String model, int layerCount, long inputBytes, PartitionRule rule, List<Block> blocks,
        String fingerprint) {

    /**
     * Validates the layout.
     *
     * @param model the model's name
     * @param layerCount the number of layers
     * @param inputBytes the bytes of the model's input, batch 1 (the default size of the first upload); at most
     *     {@link Block#MAX_BYTES}
     * @param rule the rule that produced the blocks
     * @param blocks the blocks, contiguous, covering layers {@code 0..layerCount-1} in order
     * @param fingerprint the model's {@link ModelGraph#fingerprint()}, or empty when unknown (e.g. data imported from
     *     the original tool, or a profile file written before fingerprints were recorded)
     * @throws IllegalArgumentException if the blocks are empty, not numbered in order, or do not cover the layers
     *     contiguously
     */
    public BlockLayout {
        requireNonNull(model, "model");
        requireNonNull(rule, "rule");
        requireNonNull(fingerprint, "fingerprint");
        blocks = List.copyOf(requireNonNull(blocks, "blocks"));
        if (inputBytes < 0 || inputBytes > Block.MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The input size (%d bytes) of model %s must be from 0 to %d bytes (2^50, 1 PiB).", inputBytes,
                    model, Block.MAX_BYTES));
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The model %s has no blocks.", model));
        }
        int next = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.index() != i || b.firstLayer() != next) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The block at position %d of model %s is block %d with layers %s; expected block %d starting "
                                + "at layer %d.%nBlocks must be numbered in order and cover the layers without gaps.",
                        i, model, b.index(), b.label(), i, next));
            }
            next = b.lastLayer() + 1;
        }
        if (next != layerCount) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The blocks of model %s end at layer %d, but the model has %d layers (0-%d).",
                    model, next - 1, layerCount, layerCount - 1));
        }
    }

    /**
     * Returns a layout whose model fingerprint is unknown.
     *
     * @param model the model's name
     * @param layerCount the number of layers
     * @param inputBytes the bytes of the model's input, batch 1
     * @param rule the rule that produced the blocks
     * @param blocks the blocks
     * @throws IllegalArgumentException as the canonical constructor
     */
    public BlockLayout(String model, int layerCount, long inputBytes, PartitionRule rule, List<Block> blocks) {
        this(model, layerCount, inputBytes, rule, blocks, "");
    }

    /**
     * Returns the number of blocks.
     *
     * @return blocks
     */
    public int size() {
        return blocks.size();
    }

    /**
     * Returns the number of partition points: blocks − 1.
     *
     * @return partition points
     */
    public int partitionPoints() {
        return blocks.size() - 1;
    }

    /**
     * Returns the block holding a layer.
     *
     * @param layer the layer index
     * @return the block
     * @throws IllegalArgumentException if the layer does not exist
     */
    public Block blockOf(int layer) {
        if (layer < 0 || layer >= layerCount) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The layer (%d) does not exist in model %s, whose layers are 0-%d.",
                    layer, model, layerCount - 1));
        }
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (blocks.get(mid).lastLayer() < layer) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return blocks.get(lo);
    }

    /**
     * Returns true if the other layout has the same model name, layer count and blocks, and the same fingerprint
     * when both record one.
     *
     * @param other the other layout
     * @return whether the structures match
     */
    public boolean sameStructure(BlockLayout other) {
        return model.equals(other.model) && layerCount == other.layerCount && inputBytes == other.inputBytes
                && blocks.equals(other.blocks)
                && (fingerprint.isEmpty() || other.fingerprint.isEmpty() || fingerprint.equals(other.fingerprint));
    }
}
