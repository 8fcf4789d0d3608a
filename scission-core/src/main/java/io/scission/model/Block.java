package io.scission.model;

import java.util.Locale;

/**
 * A contiguous, inclusive range of layers that ends at a valid partition point: the unit that is profiled and
 * placed on a resource.
 *
 * @param index the block's position, from 0
 * @param firstLayer the index of its first layer
 * @param lastLayer the index of its last layer, not before the first
 * @param outputBytes the bytes that leave the block across the partition point after it (for the last block, the
 *     model's output), batch 1, no file header (data imported from the original tool keeps its sizes as stored,
 *     which include a 128-byte {@code .npy} header); at most {@link #MAX_BYTES}
 */
public record Block(int index, int firstLayer, int lastLayer, long outputBytes) {

    /**
     * The largest tensor size accepted anywhere (a block's output, a model's input, a query's input size): 2^50
     * bytes (1 PiB). It is far above any real tensor, and it keeps every byte total of a plan exact in a
     * {@code long}.
     */
    public static final long MAX_BYTES = 1L << 50;

    /**
     * Validates the block.
     *
     * @param index the block's position, from 0
     * @param firstLayer the index of its first layer
     * @param lastLayer the index of its last layer, not before the first
     * @param outputBytes the bytes that leave the block across the partition point after it (for the last block, the
     *     model's output), batch 1, no file header (data imported from the original tool keeps its sizes as stored,
     *     which include a 128-byte {@code .npy} header); at most {@link #MAX_BYTES}
     * @throws IllegalArgumentException if an index or the size is negative, the size is above {@link #MAX_BYTES},
     *     or the range is empty
     */
    public Block {
        if (index < 0 || firstLayer < 0 || lastLayer < firstLayer || outputBytes < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The block %d (layers %d-%d, %d output bytes) must have a non-empty layer range, "
                            + "non-negative indices and a non-negative output size.",
                    index, firstLayer, lastLayer, outputBytes));
        }
        if (outputBytes > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The output size (%d bytes) of block %d must be at most %d bytes (2^50, 1 PiB).%n"
                            + "Maybe the size is not in bytes.", outputBytes, index, MAX_BYTES));
        }
    }

    /**
     * Returns the number of layers in the block.
     *
     * @return layers
     */
    public int layerCount() {
        return lastLayer - firstLayer + 1;
    }

    /**
     * Returns the block's label as the original tool prints it: {@code "6-17"}, or {@code "2"}.
     *
     * @return label
     */
    public String label() {
        return firstLayer == lastLayer ? Integer.toString(firstLayer) : firstLayer + "-" + lastLayer;
    }

    /*
     * equals and hashCode are written out, with the meaning a record's have (all four components equal): a record's
     * own are linked by an invokedynamic bootstrap at their first call, which costs a command-line run milliseconds
     * at start.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Block b && index == b.index && firstLayer == b.firstLayer
                && lastLayer == b.lastLayer && outputBytes == b.outputBytes;
    }

    @Override
    public int hashCode() {
        return ((31 * index + firstLayer) * 31 + lastLayer) * 31 + Long.hashCode(outputBytes);
    }
}
