package io.scission.tf.internal.child;

import io.scission.profile.Profile;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.tf.TensorFlowProfiler;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM's main: reads one job from standard input, profiles it in this process with
 * {@link TensorFlowProfiler}, and writes progress and the result to standard output ({@link ChildProtocol}).
 *
 * <p>It dies with its parent: a {@value ChildProtocol#CANCEL} line, the end of standard input (the parent closed it
 * or died, even by SIGKILL) or the parent's process ending stops the profiling at its next run, and a child that
 * has not exited {@value #GRACE_MILLIS} ms after losing its parent halts. SIGTERM and SIGINT stop the profiling
 * too, and give it the same time to close what it opened.
 */
public final class ChildMain {

    /** Exit code: the profile was written. */
    static final int OK = 0;
    /** Exit code: the profiling failed or was cancelled; the error event says why. */
    static final int FAILED = 1;
    /** Exit code: no job came, or the parent went away. */
    static final int NO_PARENT = 3;
    /** How long a child that lost its parent may take to stop before it halts. */
    static final long GRACE_MILLIS = 3000;

    private ChildMain() {
    }

    /**
     * Runs the child.
     *
     * @param args the parent's process id
     */
    public static void main(String[] args) {
        // the protocol owns the real standard output; anything else that prints goes to standard error
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cancel.set(true);
            try {
                finished.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scission-child-stop"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code;
        try {
            code = run(in, protocol, cancel, args.length > 0 ? Long.parseLong(args[0]) : -1);
        } finally {
            finished.countDown();
        }
        protocol.flush();
        System.exit(code);
    }

    private static int run(BufferedReader in, PrintStream protocol, AtomicBoolean cancel, long parentPid) {
        String line;
        try {
            line = in.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            return NO_PARENT;
        }
        ChildProtocol.Job job;
        try {
            job = ChildProtocol.job(line);
        } catch (RuntimeException e) {
            protocol.println(ChildProtocol.failed(e));
            return FAILED;
        }
        watchParent(in, cancel, parentPid);
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(int done, int total, String what) {
                protocol.println(ChildProtocol.progress(done, total, what));
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        try {
            Profile p = new TensorFlowProfiler(job.load(), job.timing()).profile(new ModelSource(job.source()),
                    job.request(), listener);
            protocol.println(ChildProtocol.done(p));
            return OK;
        } catch (RuntimeException | Error e) {
            protocol.println(ChildProtocol.failed(e));
            return FAILED;
        }
    }

    /** Stops the profiling on a cancel line, and the whole JVM soon after the parent is gone. */
    private static void watchParent(BufferedReader in, AtomicBoolean cancel, long parentPid) {
        Runnable parentGone = () -> {
            cancel.set(true);
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(NO_PARENT);
            }, "scission-child-halt");
            halt.setDaemon(true);
            halt.start();
        };
        Thread stdin = new Thread(() -> {
            try {
                String l;
                while ((l = in.readLine()) != null) {
                    if (l.strip().equals(ChildProtocol.CANCEL)) {
                        cancel.set(true);
                    }
                }
            } catch (IOException e) {
                // a broken pipe is a parent gone too
            }
            parentGone.run();
        }, "scission-child-stdin");
        stdin.setDaemon(true);
        stdin.start();
        Optional<ProcessHandle> parent = parentPid > 0 ? ProcessHandle.of(parentPid) : Optional.empty();
        if (parentPid > 0 && parent.isEmpty()) {
            parentGone.run();
        }
        parent.ifPresent(p -> p.onExit().thenRun(parentGone));
    }
}
