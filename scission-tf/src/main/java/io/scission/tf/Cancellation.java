package io.scission.tf;

import io.scission.spi.ProgressListener;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * When profiling stops early: the calling thread was interrupted, or the listener reports itself cancelled. The
 * checks leave the interrupt status as they find it, so the caller still sees it.
 */
final class Cancellation {

    private Cancellation() {
    }

    /**
     * Returns true if the profiling should stop.
     *
     * @param listener the caller's listener
     * @return whether the thread is interrupted or the listener cancelled
     */
    static boolean requested(ProgressListener listener) {
        return Thread.currentThread().isInterrupted() || listener.isCancelled();
    }

    /**
     * Throws if the profiling should stop.
     *
     * @param listener the caller's listener
     * @param model the model, for the message
     * @throws CancellationException if it should
     */
    static void check(ProgressListener listener, String model) {
        if (requested(listener)) {
            throw stopped(model);
        }
    }

    /**
     * Returns the exception that says the profiling of a model stopped.
     *
     * @param model the model, for the message
     * @return the exception
     */
    static CancellationException stopped(String model) {
        return new CancellationException(String.format(Locale.ROOT, "The profiling of %s was stopped (%s); its "
                + "partial measurements were discarded.", model,
                Thread.currentThread().isInterrupted() ? "the thread was interrupted" : "cancelled"));
    }
}
