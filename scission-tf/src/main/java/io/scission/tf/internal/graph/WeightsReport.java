package io.scission.tf.internal.graph;

import static java.util.Objects.requireNonNull;

/**
 * Where a flat graph's weights came from.
 *
 * @param seeded true if some or all weights are seeded random values instead of the model's own
 * @param tensors the number of weight tensors frozen into constants or generated
 * @param bytes their total size in bytes
 * @param seed the seed of the random values (meaningful only when seeded)
 * @param reason why random values were used; empty otherwise
 */
public record WeightsReport(boolean seeded, int tensors, long bytes, long seed, String reason) {

    /**
     * Validates the report.
     *
     * @param seeded true if some or all weights are seeded random values instead of the model's own
     * @param tensors the number of weight tensors frozen into constants or generated
     * @param bytes their total size in bytes
     * @param seed the seed of the random values (meaningful only when seeded)
     * @param reason why random values were used; empty otherwise
     */
    public WeightsReport {
        requireNonNull(reason, "reason");
    }

    static WeightsReport fromFile(int tensors, long bytes) {
        return new WeightsReport(false, tensors, bytes, 0, "");
    }

    static WeightsReport seeded(int tensors, long bytes, long seed, String reason) {
        return new WeightsReport(true, tensors, bytes, seed, reason);
    }

    /**
     * Returns the origin as profiles record it: {@code file}, or {@code seeded-random(seed=N) because <reason>}.
     *
     * @return the description
     */
    public String describe() {
        return seeded ? "seeded-random(seed=" + seed + ") because " + reason : "file";
    }
}
