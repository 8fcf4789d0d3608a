package io.scission.spi;

/**
 * Receives profiling progress, e.g. to draw a progress bar, and may stop the profiling.
 *
 * <p>A profiler asks {@link #isCancelled()} before each timed run and stops with a
 * {@link java.util.concurrent.CancellationException} when it returns true; it stops the same way when
 * {@link #progress} throws a {@code CancellationException}, or when its thread is interrupted. Partial
 * measurements are then discarded and nothing is written.
 */
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
     * @throws java.util.concurrent.CancellationException to stop the profiling
     */
    void progress(int done, int total, String what);

    /**
     * Returns true to stop the profiling at the next check (before each timed run, typically within
     * milliseconds). Called often, from the profiling thread: keep it cheap, e.g. read a volatile flag.
     *
     * @return whether to stop; false by default
     */
    default boolean isCancelled() {
        return false;
    }
}
