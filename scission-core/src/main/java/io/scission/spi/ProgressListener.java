package io.scission.spi;

/** Receives profiling progress, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = (done, total, what) -> { };

    /**
     * Called after each unit of work.
     *
     * @param done units done
     * @param total units in all
     * @param what what was just done, e.g. {@code "block 6-17"}
     */
    void progress(int done, int total, String what);
}
