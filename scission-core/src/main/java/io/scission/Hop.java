package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.platform.Resource;

/**
 * One transfer between resources in a plan.
 *
 * @param kind what is sent
 * @param from the sender
 * @param to the receiver
 * @param bytes the bytes sent
 * @param seconds the transfer time: link latency plus bytes over bandwidth, plus both ends' hop costs
 *     ({@link io.scission.profile.HopCost}) when their profiles record them
 */
public record Hop(Kind kind, Resource from, Resource to, long bytes, double seconds) {

    /** What a hop carries. */
    public enum Kind {
        /** The model's raw input, from the source to the first resource that computes. */
        INPUT,
        /** A block's output, between two segments. */
        INTERMEDIATE,
        /** The model's output, back to the source (only when the query asks for it). */
        RESULT
    }

    /**
     * Validates the hop.
     *
     * @param kind what is sent
     * @param from the sender
     * @param to the receiver
     * @param bytes the bytes sent
     * @param seconds the transfer time: link latency plus bytes over bandwidth, plus both ends' hop costs
     */
    public Hop {
        requireNonNull(kind, "kind");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        if (bytes < 0 || !(seconds >= 0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "The hop %s -> %s must have non-negative bytes (%d) and seconds (%s).",
                    from.name(), to.name(), bytes, seconds));
        }
    }
}
