package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.InvalidFileException;
import io.scission.Scission;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiling in a child JVM: the thread count takes effect there, progress and errors come through, a stop or the
 * parent's death ends the child. Each test starts real JVMs (about 2 s each here).
 */
class ChildJvmProfilingTest {

    private static final Resource PI = Resource.of("pi", Tier.DEVICE);

    @AfterEach
    void noChildLeftBehind() throws InterruptedException {
        assertThat(waitForNoChildren(10)).as("child JVMs still running after the test").isEmpty();
    }

    /** Waits until this JVM has no child processes, at most the given seconds; returns those left. */
    static List<ProcessHandle> waitForNoChildren(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<ProcessHandle> left = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        }
        return left;
    }

    @Test
    void should_profile_with_the_thread_count_in_a_child_jvm_when_asked() {
        // GIVEN
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        ProfileRequest request = new ProfileRequest(PI, PartitionRule.SCISSION, 1, 0, 2, 42L);

        // WHEN
        Profile p = Scission.profile(ProfilingCancellationTest.tinyCnn(), request,
                (done, total, what) -> progress.add(done + "/" + total + " " + what),
                new TensorFlowProfiler().inChildJvm());

        // THEN the child had the variable, so the one thread took effect; progress came through
        assertThat(p.provenance().threads()).isEqualTo(1);
        assertThat(p.provenance().notes()).contains("1 intra-op, 1 inter-op").contains("TF_OVERRIDE_GLOBAL_THREADPOOL=1");
        assertThat(p.resource()).isEqualTo(PI);
        assertThat(p.blocks()).hasSize(5);
        assertThat(progress).containsExactly("1/2 pass 1 of 2", "2/2 pass 2 of 2");
    }

    @Test
    void should_stop_the_child_jvm_within_seconds_when_the_future_is_cancelled() throws InterruptedException {
        // GIVEN a profile in a child JVM that would run for hours
        CountDownLatch passes = new CountDownLatch(2);
        ProfileRequest endless = new ProfileRequest(PI, PartitionRule.SCISSION, 1, 0, 1_000_000, 42L);
        CompletableFuture<Profile> f = Scission.profileAsync(ProfilingCancellationTest.tinyCnn(), endless,
                (done, total, what) -> passes.countDown(), new TensorFlowProfiler().inChildJvm());
        assertThat(passes.await(120, TimeUnit.SECONDS)).isTrue();
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        assertThat(children).hasSize(1);

        // WHEN
        long t0 = System.nanoTime();
        f.cancel(true);
        children.get(0).onExit().join();
        double seconds = (System.nanoTime() - t0) / 1e9;

        // THEN the child JVM is gone within the bound (it stops at its next run, closes its session and exits)
        assertThat(seconds).isLessThan(ProfilingCancellationTest.STOP_BOUND_SECONDS);
        assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void should_stop_the_child_when_the_calling_thread_is_interrupted() throws InterruptedException {
        // GIVEN
        CountDownLatch passes = new CountDownLatch(2);
        List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                new TensorFlowProfiler().inChildJvm().profile(ProfilingCancellationTest.tinyCnn(),
                        new ProfileRequest(PI, PartitionRule.SCISSION, 1, 0, 1_000_000, 42L),
                        (done, total, what) -> passes.countDown());
            } catch (RuntimeException e) {
                thrown.add(e);
            }
        });
        t.start();
        assertThat(passes.await(120, TimeUnit.SECONDS)).isTrue();

        // WHEN
        long t0 = System.nanoTime();
        t.interrupt();
        t.join(60_000);
        double seconds = (System.nanoTime() - t0) / 1e9;

        // THEN the call returned after the child had gone (checked by noChildLeftBehind)
        assertThat(t.isAlive()).isFalse();
        assertThat(seconds).isLessThan(ProfilingCancellationTest.STOP_BOUND_SECONDS);
        assertThat(thrown).singleElement().isInstanceOf(CancellationException.class);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void should_throw_the_childs_error_as_it_would_be_thrown_here_when_the_model_is_broken(@TempDir Path dir)
            throws IOException {
        // GIVEN an h5 file that is not HDF5
        Path broken = dir.resolve("broken.h5");
        Files.writeString(broken, "not an hdf5 file");
        ModelSource src = ModelSource.of(broken);
        ProfileRequest request = new ProfileRequest(PI, PartitionRule.SCISSION, 0, 0, 1, 42L);
        Throwable here = catchThrowable(() -> new TensorFlowProfiler().profile(src, request, ProgressListener.NONE));

        // WHEN
        Throwable there = catchThrowable(() -> new TensorFlowProfiler().inChildJvm().profile(src, request,
                ProgressListener.NONE));

        // THEN same type, same message, same parts
        assertThat(here).isInstanceOf(InvalidFileException.class);
        assertThat(there).isInstanceOf(here.getClass()).hasMessage(here.getMessage());
        assertThat(((InvalidFileException) there).file()).isEqualTo(((InvalidFileException) here).file());
    }

    @Test
    void should_exit_when_its_parent_jvm_is_killed() throws IOException, InterruptedException {
        // GIVEN a parent JVM profiling in a child JVM
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ParentThatDies.class.getName());
        Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle child;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("child ")) { // log lines may come first
                line = out.readLine();
            }
            assertThat(line).as("the parent's report of its child").isNotNull();
            child = ProcessHandle.of(Long.parseLong(line.substring("child ".length()).strip())).orElseThrow();
        } finally {
            // WHEN the parent dies without a chance to stop its child (SIGKILL)
            parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        // THEN the child sees its standard input close and exits within its grace period
        long t0 = System.nanoTime();
        boolean gone = child.onExit().completeOnTimeout(child, 20, TimeUnit.SECONDS).join().isAlive();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (child.isAlive()) {
            child.destroyForcibly();
        }
        assertThat(gone).as("child still alive 20 s after its parent was killed").isFalse();
        assertThat(seconds).isLessThan(ProfilingCancellationTest.STOP_BOUND_SECONDS);
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("expected an exception");
    }
}
