package io.scission.deploy;

/**
 * How a deployment is exported ({@link io.scission.Scission#export}). Immutable; every {@code with...} method returns a copy.
 *
 * @param seed the seed of random weights (when the model has none of its own) and of the verification input
 * @param verify whether to run the whole model and the chained segments on a seeded random input before the
 *     deployment is published, and refuse it if they differ by more than 1e-5 × max(1, max|y|) (float) or at all
 *     (integer types)
 * @param replaceExisting whether a non-empty output directory may be replaced (it never is half-way: the deployment
 *     is written to a temporary directory next to it and renamed)
 */
public record ExportOptions(long seed, boolean verify, boolean replaceExisting) {

    /** The default seed, as the profiler's. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * Returns the defaults: seed 42, verification on, an existing non-empty directory refused.
     *
     * @return the defaults
     */
    public static ExportOptions defaults() {
        return new ExportOptions(DEFAULT_SEED, true, false);
    }

    /**
     * Returns a copy with another seed.
     *
     * @param newSeed the seed
     * @return the options
     */
    public ExportOptions withSeed(long newSeed) {
        return new ExportOptions(newSeed, verify, replaceExisting);
    }

    /**
     * Returns a copy that does or does not verify the export.
     *
     * @param check whether to verify
     * @return the options
     */
    public ExportOptions withVerify(boolean check) {
        return new ExportOptions(seed, check, replaceExisting);
    }

    /**
     * Returns a copy that may or may not replace a non-empty output directory.
     *
     * @param replace whether to replace
     * @return the options
     */
    public ExportOptions withReplaceExisting(boolean replace) {
        return new ExportOptions(seed, verify, replace);
    }
}
