package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.Scission;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Stopping a profile: an interrupt, a listener that cancels or throws, a cancelled future. Each run would take
 * hours (a million timed passes of a small CNN, a few ms each); the bound on how long it runs on after the stop is
 * generous (seconds), yet four orders of magnitude below the work left.
 */
class ProfilingCancellationTest {

    /** Far below the hours of work a run has left, far above one pass (a few ms) plus closing the session. */
    static final double STOP_BOUND_SECONDS = 5.0;

    private static final ProfileRequest ENDLESS = new ProfileRequest(Resource.of("test-machine", Tier.EDGE),
            PartitionRule.SCISSION, 0, 0, 1_000_000, 42L);

    static ModelSource tinyCnn() {
        try {
            return ModelSource.of(Path.of(ProfilingCancellationTest.class.getResource("tiny_cnn.json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a profile on a thread of its own; remembers how it ended. */
    private static final class Run {
        final CountDownLatch passes;
        final AtomicInteger progressAfterStop = new AtomicInteger();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicBoolean interruptedAfter = new AtomicBoolean();
        volatile boolean stopped;
        final Thread thread;

        Run(int passesBeforeStop, ProgressListener extra) {
            passes = new CountDownLatch(passesBeforeStop);
            ProgressListener listener = new ProgressListener() {
                @Override
                public void progress(int done, int total, String what) {
                    if (stopped) {
                        progressAfterStop.incrementAndGet();
                    }
                    passes.countDown();
                    extra.progress(done, total, what);
                }

                @Override
                public boolean isCancelled() {
                    return extra.isCancelled();
                }
            };
            thread = new Thread(() -> {
                try {
                    new TensorFlowProfiler().profile(tinyCnn(), ENDLESS, listener);
                } catch (Throwable e) {
                    thrown.set(e);
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                }
            }, "cancellation-test");
            thread.start();
        }

        /** Waits for the passes, then stops the run and returns how long it ran on, in seconds. */
        double stopAfterPasses(Runnable stop) throws InterruptedException {
            assertThat(passes.await(120, TimeUnit.SECONDS)).as("timed passes started").isTrue();
            long t0 = System.nanoTime();
            stopped = true;
            stop.run();
            thread.join(60_000);
            assertThat(thread.isAlive()).as("profiling thread still running 60 s after the stop").isFalse();
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    @Test
    void should_stop_within_seconds_when_the_profiling_thread_is_interrupted() throws InterruptedException {
        // GIVEN a profile that has run 3 of its million passes
        Run run = new Run(3, ProgressListener.NONE);

        // WHEN
        double seconds = run.stopAfterPasses(run.thread::interrupt);

        // THEN it stops at once, says so, keeps the interrupt status, and reports no progress after the stop
        assertThat(seconds).isLessThan(STOP_BOUND_SECONDS);
        assertThat(run.thrown.get()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("tiny_cnn").hasMessageContaining("the thread was interrupted")
                .hasMessageContaining("partial measurements were discarded");
        assertThat(run.interruptedAfter).isTrue();
        assertThat(run.progressAfterStop).hasValueLessThanOrEqualTo(1);
    }

    @Test
    void should_stop_within_seconds_when_the_listener_reports_itself_cancelled() throws InterruptedException {
        // GIVEN a listener whose cancel flag the caller sets
        AtomicBoolean cancel = new AtomicBoolean();
        Run run = new Run(3, new ProgressListener() {
            @Override
            public void progress(int done, int total, String what) {
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        });

        // WHEN
        double seconds = run.stopAfterPasses(() -> cancel.set(true));

        // THEN
        assertThat(seconds).isLessThan(STOP_BOUND_SECONDS);
        assertThat(run.thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("tiny_cnn")
                .hasMessageContaining("(cancelled)");
        assertThat(run.interruptedAfter).isFalse();
    }

    @Test
    void should_stop_when_the_listener_throws_a_cancellation_exception() throws InterruptedException {
        // GIVEN a listener that throws at the third pass
        Run run = new Run(3, (done, total, what) -> {
            if (done == 3) {
                throw new CancellationException("enough");
            }
        });

        // WHEN
        double seconds = run.stopAfterPasses(() -> { });

        // THEN
        assertThat(seconds).isLessThan(STOP_BOUND_SECONDS);
        assertThat(run.thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("tiny_cnn");
    }

    @Test
    void should_stop_the_profiling_thread_when_the_future_is_cancelled() throws InterruptedException {
        // GIVEN an asynchronous profile that has run 3 passes
        CountDownLatch passes = new CountDownLatch(3);
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Profile> f = Scission.profileAsync(tinyCnn(), ENDLESS, (done, total, what) -> {
            worker.set(Thread.currentThread());
            passes.countDown();
        }, new TensorFlowProfiler());
        assertThat(passes.await(120, TimeUnit.SECONDS)).isTrue();

        // WHEN
        long t0 = System.nanoTime();
        boolean cancelled = f.cancel(true);
        worker.get().join(60_000);
        double seconds = (System.nanoTime() - t0) / 1e9;

        // THEN the future says cancelled and the thread that ran TensorFlow has ended
        assertThat(cancelled).isTrue();
        assertThat(worker.get().isAlive()).isFalse();
        assertThat(seconds).isLessThan(STOP_BOUND_SECONDS);
        assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void should_stop_when_the_future_times_out() throws InterruptedException {
        // GIVEN
        CountDownLatch passes = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Profile> f = Scission.profileAsync(tinyCnn(), ENDLESS, (done, total, what) -> {
            worker.set(Thread.currentThread());
            passes.countDown();
        }, new TensorFlowProfiler());
        assertThat(passes.await(120, TimeUnit.SECONDS)).isTrue();

        // WHEN the future completes exceptionally by a timeout, not by cancel
        f.orTimeout(10, TimeUnit.MILLISECONDS);
        assertThatThrownBy(f::join).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        worker.get().join(60_000);

        // THEN the profiling stopped too
        assertThat(worker.get().isAlive()).isFalse();
    }

    @Test
    void should_complete_the_future_with_the_profile_when_not_cancelled() {
        // GIVEN
        ProfileRequest quick = new ProfileRequest(Resource.of("test-machine", Tier.EDGE), PartitionRule.SCISSION, 0,
                0, 2, 42L);

        // WHEN
        Profile p = Scission.profileAsync(tinyCnn(), quick, ProgressListener.NONE).join();

        // THEN
        assertThat(p.blocks()).isNotEmpty();
        assertThat(p.provenance().repeats()).isEqualTo(2);
    }

    @Test
    void should_fail_the_future_with_the_profilers_error_when_the_model_is_missing() {
        // GIVEN / WHEN
        CompletableFuture<Profile> f = Scission.profileAsync(ModelSource.of(Path.of("no/such/model.h5")), ENDLESS,
                ProgressListener.NONE, new TensorFlowProfiler());

        // THEN
        assertThatThrownBy(f::join).hasCauseInstanceOf(io.scission.ScissionException.class)
                .hasMessageContaining("no/such/model.h5");
    }
}
