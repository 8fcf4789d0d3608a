package io.scission.profile;

import static java.util.Objects.requireNonNull;

import io.scission.model.Block;

/**
 * The timing of one block on one resource.
 *
 * @param block the block
 * @param timing its samples and summary, in seconds
 */
public record BlockTiming(Block block, Timing timing) {

    /**
     * Validates the block timing.
     *
     * @param block the block
     * @param timing its samples and summary, in seconds
     */
    public BlockTiming {
        requireNonNull(block, "block");
        requireNonNull(timing, "timing");
    }
}
