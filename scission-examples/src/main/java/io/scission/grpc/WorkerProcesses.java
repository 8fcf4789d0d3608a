package io.scission.grpc;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Worker processes ({@code scission serve}, one JVM each) on 127.0.0.1, started for a run and always stopped: by
 * {@link #close}, by a shutdown hook if this JVM is stopped (Ctrl-C), and, if this JVM dies without running hooks,
 * by the workers themselves, which stop when their standard input (a pipe from this JVM) closes. A worker counts as
 * started once it prints that it listens; nothing waits a fixed time.
 */
public final class WorkerProcesses implements AutoCloseable {

    /** The line a worker prints once it accepts requests (ServeCommand.READY). */
    static final String READY = "Listening on ";

    /**
     * One worker to start.
     *
     * @param resource the resource whose segments it serves
     * @param threads TensorFlow's threads, 0 for TensorFlow's default
     */
    public record Spec(String resource, int threads) {
        /**
         * Validates.
         *
         * @param resource the resource whose segments it serves
         * @param threads TensorFlow's threads, 0 for TensorFlow's default
         */
        public Spec {
            requireNonNull(resource, "resource");
            if (threads < 0) {
                throw new IllegalArgumentException("The threads (" + threads + ") must be 0 or more.");
            }
        }
    }

    /** A started worker. */
    private record Started(String resource, Process process, String address, Deque<String> log) {
    }

    private final List<Started> started = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "scission-workers-stop");

    private WorkerProcesses() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts one worker per spec, each on a free port of 127.0.0.1, and waits until each listens.
     *
     * @param dir the deployment directory
     * @param specs the workers
     * @param readyTimeout how long a worker may take to load its segments and listen
     * @return the running workers
     * @throws IllegalStateException if a worker exits or is not ready in time; the others are stopped then
     */
    public static WorkerProcesses start(Path dir, List<Spec> specs, Duration readyTimeout) {
        WorkerProcesses w = new WorkerProcesses();
        try {
            List<CompletableFuture<String>> ready = new ArrayList<>();
            for (Spec s : specs) {
                ready.add(w.launch(dir, s));
            }
            long deadline = System.nanoTime() + readyTimeout.toNanos();
            for (int i = 0; i < specs.size(); i++) {
                Started st = w.started.get(i);
                String address;
                try {
                    address = ready.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "The worker %s did not start within "
                            + "%d s.%s%nMaybe allow more time, or run it alone: scission serve %s --resource %s "
                            + "--listen 127.0.0.1:0", st.resource(), readyTimeout.toSeconds(), tail(st.log()), dir,
                            st.resource()));
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
                w.started.set(i, new Started(st.resource(), st.process(), address, st.log()));
            }
            return w;
        } catch (RuntimeException | InterruptedException e) {
            w.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the workers.", e);
            }
            throw (RuntimeException) e;
        }
    }

    private CompletableFuture<String> launch(Path dir, Spec s) {
        List<String> cmd = new ArrayList<>(javaCommand("io.scission.cli.ScissionCli"));
        cmd.addAll(List.of("serve", dir.toAbsolutePath().toString(), "--resource", s.resource(), "--listen",
                "127.0.0.1:0", "--threads", String.valueOf(s.threads()), "--exit-with-parent"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
        // as the profiler's child JVM: each session's thread counts take effect, as when the profile was timed
        pb.environment().put("TF_OVERRIDE_GLOBAL_THREADPOOL", "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a worker JVM (" + e.getMessage() + ").\nMaybe check the "
                    + "Java installation.", e);
        }
        Deque<String> log = new ArrayDeque<>();
        Started st = new Started(s.resource(), p, "", log);
        started.add(st);
        CompletableFuture<String> ready = new CompletableFuture<>();
        drain(p, s.resource(), log, ready, true);
        drain(p, s.resource(), log, ready, false);
        p.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(String.format(Locale.ROOT,
                "The worker %s exited (code %d) before it was ready.%s%nMaybe run it alone to see why: scission serve "
                        + "%s --resource %s --listen 127.0.0.1:0", s.resource(), p.exitValue(), tail(log), dir,
                s.resource()))));
        return ready;
    }

    private static void drain(Process p, String resource, Deque<String> log, CompletableFuture<String> ready,
            boolean stdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    stdout ? p.getInputStream() : p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (stdout && line.startsWith(READY)) {
                        ready.complete(line.substring(READY.length()).strip());
                    }
                    synchronized (log) {
                        log.addLast(line);
                        while (log.size() > 20) {
                            log.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "scission-worker-" + resource + (stdout ? "-out" : "-err"));
        t.setDaemon(true);
        t.start();
    }

    private static String tail(Deque<String> log) {
        synchronized (log) {
            return log.isEmpty() ? "" : " Its last output: " + String.join(" | ", log);
        }
    }

    /**
     * Returns each worker's address, host:port, by resource.
     *
     * @return the addresses
     */
    public Map<String, String> addresses() {
        Map<String, String> m = new LinkedHashMap<>();
        started.forEach(s -> m.put(s.resource(), s.address()));
        return m;
    }

    /**
     * Returns each worker's process, by resource (e.g. for a test that kills one).
     *
     * @return the processes
     */
    public Map<String, Process> processes() {
        Map<String, Process> m = new LinkedHashMap<>();
        started.forEach(s -> m.put(s.resource(), s.process()));
        return m;
    }

    /**
     * Waits until the workers and this process are quiet: each used less than {@code share} of one core over the
     * last {@code window} (a JVM that has just started keeps compiling and loading classes for seconds after it
     * listens, beside the TensorFlow threads of the worker being timed), or until {@code limit} has passed.
     *
     * @param share the CPU share of one core below which a process counts as quiet, e.g. 0.05
     * @param window how long each sample lasts
     * @param limit how long to wait at most
     * @return the wait in seconds, or -1 if the processes' CPU time cannot be read here or they did not become
     *     quiet within the limit
     * @throws IllegalStateException if interrupted
     */
    public double awaitQuiet(double share, Duration window, Duration limit) {
        return awaitQuiet(List.of(this), share, window, limit);
    }

    /**
     * Waits until the workers of every group and this process are quiet, as {@link #awaitQuiet(double, Duration,
     * Duration)} does for one group (e.g. every plan's workers when validate runs plans in turns).
     *
     * @param groups the groups of workers
     * @param share the CPU share of one core below which a process counts as quiet, e.g. 0.05
     * @param window how long each sample lasts
     * @param limit how long to wait at most
     * @return the wait in seconds, or -1 if the processes' CPU time cannot be read here or they did not become
     *     quiet within the limit
     * @throws IllegalStateException if interrupted
     */
    public static double awaitQuiet(List<WorkerProcesses> groups, double share, Duration window, Duration limit) {
        List<ProcessHandle> all = new ArrayList<>();
        groups.forEach(g -> g.started.forEach(w -> all.add(w.process().toHandle())));
        all.add(ProcessHandle.current());
        long t0 = System.nanoTime();
        long[] before = cpu(all);
        if (before == null) {
            return -1;
        }
        while (System.nanoTime() - t0 < limit.toNanos()) {
            try {
                Thread.sleep(window.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the workers to be quiet.", e);
            }
            long[] after = cpu(all);
            if (after == null) {
                return -1;
            }
            boolean quiet = true;
            for (int i = 0; i < after.length; i++) {
                quiet &= after[i] - before[i] < share * window.toNanos();
            }
            if (quiet) {
                return (System.nanoTime() - t0) / 1e9;
            }
            before = after;
        }
        return -1;
    }

    private static long @org.jspecify.annotations.Nullable [] cpu(List<ProcessHandle> all) {
        long[] r = new long[all.size()];
        for (int i = 0; i < r.length; i++) {
            java.util.Optional<Duration> d = all.get(i).info().totalCpuDuration();
            if (d.isEmpty()) {
                return null;
            }
            r[i] = d.get().toNanos();
        }
        return r;
    }

    /**
     * Checks an address, host:port.
     *
     * @param address the address
     * @throws IllegalArgumentException if it is not host:port
     */
    public static void checkAddress(String address) {
        Calls.socket(address);
    }

    private void stopAll() {
        for (Started s : started) {
            s.process().destroy();
        }
        for (Started s : started) {
            awaitExit(s.process());
        }
    }

    /**
     * The command that starts {@code mainClass} in a child JVM: this JVM's {@code java} with this JVM's class path.
     *
     * @param mainClass the child's main class
     * @return the command, to which the child's arguments may be added
     */
    static List<String> javaCommand(String mainClass) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), mainClass);
    }

    /**
     * Waits up to 5 s for a process that was asked to stop ({@link Process#destroy}), then kills it and waits up to
     * 5 s more; if interrupted, kills it and keeps the interrupt.
     *
     * @param p the process
     */
    static void awaitExit(Process p) {
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every worker: asks, waits up to 5 s, then kills. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stopAll
        }
    }
}
