package io.scission.query;

/** What a time share is a share of. */
public enum ShareOf {
    /** The plan's total compute time (Σ segment compute), as the original tool's {@code %} caps. */
    COMPUTE,
    /** The plan's end-to-end latency (compute plus transfer). */
    LATENCY
}
