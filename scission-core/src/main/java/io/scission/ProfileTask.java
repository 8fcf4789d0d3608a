package io.scission;

import io.scission.profile.Profile;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A profile computed on a thread of its own, completed when it ends. Completing the future in any other way
 * ({@link #cancel}, {@link #completeExceptionally}, {@link #orTimeout}, ...) stops the profiling: the listener the
 * profiler sees reports itself cancelled once the future is done, and {@code cancel(true)} also interrupts the
 * thread.
 */
final class ProfileTask extends CompletableFuture<Profile> {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Object lock = new Object();
    private @Nullable Thread worker;

    private ProfileTask() {
    }

    /** Starts profiling on a new daemon thread; the profiler is picked on that thread. */
    static ProfileTask start(ModelSource source, ProfileRequest request, ProgressListener listener,
            Supplier<BlockProfiler> profiler) {
        ProfileTask task = new ProfileTask();
        Thread t = new Thread(() -> task.run(source, request, listener, profiler),
                "scission-profile-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return task;
    }

    private void run(ModelSource source, ProfileRequest request, ProgressListener listener,
            Supplier<BlockProfiler> profiler) {
        synchronized (lock) {
            if (isDone()) {
                return;
            }
            worker = Thread.currentThread();
        }
        try {
            Profile p = profiler.get().profile(source, request, new ProgressListener() {
                @Override
                public void progress(int done, int total, String what) {
                    if (!isDone()) {
                        listener.progress(done, total, what);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return isDone() || listener.isCancelled();
                }
            });
            complete(p);
        } catch (Throwable e) { // the future carries every failure, as CompletableFuture.supplyAsync does
            completeExceptionally(e);
        } finally {
            synchronized (lock) {
                worker = null;
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && mayInterruptIfRunning) {
            synchronized (lock) {
                if (worker != null) {
                    worker.interrupt();
                }
            }
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
