package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.platform.Resource;

/**
 * A contiguous run of blocks placed on one resource.
 *
 * @param resource where the blocks run
 * @param firstBlock the first block's index
 * @param lastBlock the last block's index (inclusive)
 * @param firstLayer the first layer of the first block
 * @param lastLayer the last layer of the last block
 * @param computeSeconds the sum of the blocks' times on the resource, in seconds
 * @param memoryBytes the estimated working memory of the segment on the resource
 *     ({@link io.scission.profile.BlockMemory#segmentBytes}: Σ weight bytes + the largest activation bytes of its
 *     blocks), or {@link #UNKNOWN_MEMORY} (-1) when the resource's profile records no memory figures
 */
public record Segment(Resource resource, int firstBlock, int lastBlock, int firstLayer, int lastLayer,
        double computeSeconds, long memoryBytes) {

    /** The value of {@link #memoryBytes()} when the profile records no memory figures. */
    public static final long UNKNOWN_MEMORY = -1;

    /**
     * Validates the segment.
     *
     * @param resource where the blocks run
     * @param firstBlock the first block's index
     * @param lastBlock the last block's index (inclusive)
     * @param firstLayer the first layer of the first block
     * @param lastLayer the last layer of the last block
     * @param computeSeconds the sum of the blocks' times on the resource, in seconds
     * @param memoryBytes the estimated working memory, or {@link #UNKNOWN_MEMORY}
     */
    public Segment {
        requireNonNull(resource, "resource");
        if (firstBlock < 0 || lastBlock < firstBlock || firstLayer < 0 || lastLayer < firstLayer) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "The segment on %s must cover a non-empty block range (got blocks %d-%d, layers %d-%d).",
                    resource.name(), firstBlock, lastBlock, firstLayer, lastLayer));
        }
        if (memoryBytes < UNKNOWN_MEMORY) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "The memory (%d bytes) of the segment on %s must not be negative.", memoryBytes,
                    resource.name()));
        }
    }

    /**
     * Returns a segment whose memory is unknown.
     *
     * @param resource where the blocks run
     * @param firstBlock the first block's index
     * @param lastBlock the last block's index (inclusive)
     * @param firstLayer the first layer of the first block
     * @param lastLayer the last layer of the last block
     * @param computeSeconds the sum of the blocks' times on the resource, in seconds
     */
    public Segment(Resource resource, int firstBlock, int lastBlock, int firstLayer, int lastLayer,
            double computeSeconds) {
        this(resource, firstBlock, lastBlock, firstLayer, lastLayer, computeSeconds, UNKNOWN_MEMORY);
    }

    /**
     * Returns the estimated working memory, if the profile records memory figures.
     *
     * @return bytes
     */
    public java.util.OptionalLong memory() {
        return memoryBytes == UNKNOWN_MEMORY ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(memoryBytes);
    }

    /**
     * Returns the number of layers the segment runs.
     *
     * @return layers
     */
    public int layerCount() {
        return lastLayer - firstLayer + 1;
    }

    /**
     * Returns the number of blocks the segment runs.
     *
     * @return blocks
     */
    public int blockCount() {
        return lastBlock - firstBlock + 1;
    }

    /**
     * Returns true if the segment runs the given layer.
     *
     * @param layer the layer index
     * @return whether the layer is in the segment
     */
    public boolean runsLayer(int layer) {
        return layer >= firstLayer && layer <= lastLayer;
    }

    /**
     * Returns true if the segment runs the given block.
     *
     * @param block the block index
     * @return whether the block is in the segment
     */
    public boolean runsBlock(int block) {
        return block >= firstBlock && block <= lastBlock;
    }
}
