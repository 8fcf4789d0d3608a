package io.scission.tf;

import io.scission.Scission;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures what issue 15 asks about stopping and child JVMs, for one model (default zoo:mobilenet):
 * <ol>
 *   <li>stop latency: the time from a cancel (future.cancel(true), in this JVM and in a child JVM) to the
 *       profiling thread's end (in a child: to the child process's exit), after 2 timed passes;
 *   <li>child overhead: whole-call wall time of the same profile (threads 1) in this JVM and in a child JVM,
 *       alternated, and the time to the first progress event.
 * </ol>
 * Run through {@code /work/tools/measure scission-tf/measurements/study.sh CancelStudy zoo:mobilenet}; needs
 * TF_OVERRIDE_GLOBAL_THREADPOOL=1 (study.sh sets it) so that the in-JVM profile honours the thread count too.
 */
public final class CancelStudy {

    private CancelStudy() {
    }

    /**
     * Runs the study.
     *
     * @param args the model (default zoo:mobilenet), then the rounds (default 3)
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        ModelSource model = new ModelSource(args.length > 0 ? args[0] : "zoo:mobilenet");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Resource r = Resource.of("study", Tier.DEVICE);
        ProfileRequest endless = new ProfileRequest(r, PartitionRule.SCISSION, 1, 0, 1_000_000, 42L);
        ProfileRequest full = new ProfileRequest(r, PartitionRule.SCISSION, 1, 1, 5, 42L);
        TensorFlowProfiler here = new TensorFlowProfiler();
        TensorFlowProfiler child = new TensorFlowProfiler().inChildJvm();
        System.out.printf(Locale.ROOT, "model %s, %d rounds, %d logical CPUs%n", model.location(), rounds,
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < rounds; i++) {
            double[] h = stop(model, endless, here, false);
            System.out.printf(Locale.ROOT, "stop latency, this JVM:  %.3f s (a pass took %.3f s)%n", h[0], h[1]);
            double[] c = stop(model, endless, child, true);
            System.out.printf(Locale.ROOT, "stop latency, child JVM: %.3f s to the child's exit (a pass took %.3f s)%n",
                    c[0], c[1]);
        }
        for (int i = 0; i < rounds; i++) {
            double[] a = whole(model, full, here);
            double[] b = whole(model, full, child);
            System.out.printf(Locale.ROOT, "full profile (threads 1, 1 warm-up, 5 repeats): this JVM %.2f s (first "
                    + "pass after %.2f s), child JVM %.2f s (first pass after %.2f s): child adds %.2f s%n", a[0], a[1],
                    b[0], b[1], b[0] - a[0]);
        }
    }

    /** Cancels after 2 passes; returns the seconds to the end and the seconds of one pass. */
    private static double[] stop(ModelSource model, ProfileRequest request, TensorFlowProfiler profiler,
            boolean inChild) throws Exception {
        CountDownLatch passes = new CountDownLatch(2);
        long[] at = new long[3];
        Thread[] worker = new Thread[1];
        CompletableFuture<Profile> f = Scission.profileAsync(model, request, (done, total, what) -> {
            worker[0] = Thread.currentThread();
            at[(int) Math.min(2, 2 - passes.getCount())] = System.nanoTime();
            passes.countDown();
        }, profiler);
        if (!passes.await(600, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no progress within 600 s");
        }
        ProcessHandle kid = inChild ? ProcessHandle.current().children().findFirst().orElseThrow() : null;
        long t0 = System.nanoTime();
        f.cancel(true);
        if (kid != null) {
            kid.onExit().get(60, TimeUnit.SECONDS);
        } else {
            worker[0].join(60_000);
        }
        long t1 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (at[1] - at[0]) / 1e9};
    }

    /** One full profile; returns its wall seconds and the seconds to its first progress event. */
    private static double[] whole(ModelSource model, ProfileRequest request, TensorFlowProfiler profiler) {
        long t0 = System.nanoTime();
        long[] first = new long[1];
        ProgressListener l = (done, total, what) -> {
            if (first[0] == 0) {
                first[0] = System.nanoTime();
            }
        };
        Scission.profile(model, request, l, profiler);
        long t1 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (first[0] - t0) / 1e9};
    }
}
