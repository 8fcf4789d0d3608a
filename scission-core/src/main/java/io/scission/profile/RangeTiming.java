package io.scission.profile;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The timing of a contiguous range of blocks run as one unit, e.g. the whole model; used to measure how well
 * block times add up.
 *
 * @param firstBlock the first block's index
 * @param lastBlock the last block's index, not before the first
 * @param timing its samples and summary, in seconds
 */
public record RangeTiming(int firstBlock, int lastBlock, Timing timing) {

    /**
     * Validates the range.
     *
     * @param firstBlock the first block's index
     * @param lastBlock the last block's index, not before the first
     * @param timing its samples and summary, in seconds
     * @throws IllegalArgumentException if the range is empty or negative
     */
    public RangeTiming {
        requireNonNull(timing, "timing");
        if (firstBlock < 0 || lastBlock < firstBlock) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The block range %d-%d must be non-empty and non-negative.", firstBlock, lastBlock));
        }
    }
}
