package io.scission.tf.internal.child;

import static java.util.Objects.requireNonNull;

import io.scission.ScissionException;
import io.scission.profile.Profile;
import io.scission.spi.ProgressListener;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent side of profiling in a child JVM: starts {@link ChildMain} with this JVM's {@code java}, sends it the
 * job, passes its progress to the listener, and returns its profile or throws its error.
 *
 * <p>A stop (the {@code stop} check turns true, or the listener throws a {@link CancellationException}) sends the
 * child a {@value ChildProtocol#CANCEL} line; a child still alive {@value #CANCEL_MILLIS} ms later gets SIGTERM,
 * and {@value #TERM_MILLIS} ms after that SIGKILL. This JVM's shutdown stops its children too
 * ({@link ChildProcesses}), and a child whose parent is gone stops itself ({@link ChildMain}).
 */
public final class ChildRun {

    /** The environment variable that makes TensorFlow honour per-session thread counts. */
    public static final String THREADPOOL_ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";
    /** TensorFlow's native log level; the child gets 2 (warnings and errors) unless it is set. */
    public static final String LOG_LEVEL_ENV = "TF_CPP_MIN_LOG_LEVEL";
    /** How long a cancelled child may take to close what it opened and exit. */
    static final long CANCEL_MILLIS = 5000;
    /** How long a child may take to exit after SIGTERM. */
    static final long TERM_MILLIS = 2000;
    /** How many of the child's last standard error lines an error quotes. */
    static final int KEPT_LINES = 20;

    private static final Logger LOG = LoggerFactory.getLogger("io.scission.tf.child");
    private static final Object END = new Object();
    private static final Pattern ABSL_INFO = Pattern.compile("I\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ [^ \\]]+:\\d+\\] ");

    private ChildRun() {
    }

    /**
     * Returns the child's command: the java binary, JVM options, the class or module path and main class, and this
     * process's id (the child watches it).
     *
     * @param java the java binary
     * @param jvmOptions the JVM options
     * @param classPath the class path to use; empty to use this JVM's, found from how {@code anchor} was loaded
     * @param anchor a class of scission-tf
     * @return the command
     * @throws IllegalStateException if the class path is empty and scission-tf was not loaded from this JVM's
     *     class path or boot-layer module path
     */
    public static List<String> command(String java, List<String> jvmOptions, List<Path> classPath, Class<?> anchor) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        if (!classPath.isEmpty()) {
            List<String> entries = new ArrayList<>();
            classPath.forEach(e -> entries.add(e.toString()));
            command.add("-cp");
            command.add(String.join(File.pathSeparator, entries));
            command.add(ChildMain.class.getName());
        } else if (anchor.getModule().isNamed()) {
            Module m = anchor.getModule();
            if (m.getLayer() != ModuleLayer.boot()) {
                throw unknownClassPath("in a module layer of its own");
            }
            command.add("--module-path");
            command.add(System.getProperty("jdk.module.path", ""));
            String cp = System.getProperty("java.class.path", "");
            if (!cp.isEmpty()) {
                command.add("-cp");
                command.add(cp);
            }
            // the same modules as here, also those added with --add-modules (e.g. an SLF4J binding)
            TreeSet<String> modules = new TreeSet<>();
            for (ResolvedModule r : ModuleLayer.boot().configuration().modules()) {
                Optional<URI> location = r.reference().location();
                if (location.isPresent() && !"jrt".equals(location.get().getScheme())) {
                    modules.add(r.name());
                }
            }
            if (!modules.isEmpty()) {
                command.add("--add-modules");
                command.add(String.join(",", modules));
            }
            command.add("-m");
            command.add(m.getName() + "/" + ChildMain.class.getName());
        } else {
            if (anchor.getClassLoader() != ClassLoader.getSystemClassLoader()) {
                throw unknownClassPath("by a class loader of its own (" + anchor.getClassLoader() + ")");
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path", ""));
            command.add(ChildMain.class.getName());
        }
        command.add(Long.toString(ProcessHandle.current().pid()));
        return command;
    }

    private static IllegalStateException unknownClassPath(String how) {
        return new IllegalStateException(String.format(Locale.ROOT, "Cannot start a child JVM to profile in: "
                + "scission-tf was loaded %s, so this JVM's class path does not say where it is.%nMaybe give the "
                + "child its class path: TensorFlowProfiler.inChildJvm(ChildJvmOptions.defaults().withClassPath("
                + "...)) with the jars of scission-tf and its dependencies.", how));
    }

    /**
     * The running JVM's java binary, else the one in {@code java.home}.
     *
     * @return the binary
     */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Profiles in a child JVM.
     *
     * @param command the child's command, from {@link #command}
     * @param environment variables to set in the child
     * @param job what to profile
     * @param model the model's name, for messages
     * @param listener receives the child's progress
     * @param stop asked often; true stops the child
     * @return the profile
     * @throws CancellationException if stopped (the child is gone when this returns)
     * @throws ScissionException and the other exceptions the profiler throws, as the child threw them
     * @throws UncheckedIOException if the child cannot be started
     */
    public static Profile profile(List<String> command, Map<String, String> environment, ChildProtocol.Job job,
            String model, ProgressListener listener, BooleanSupplier stop) {
        requireNonNull(listener, "listener");
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")));
        pb.environment().put(THREADPOOL_ENV, "1");
        pb.environment().putIfAbsent(LOG_LEVEL_ENV, "2");
        pb.environment().putAll(environment);
        boolean quiet = !"0".equals(pb.environment().get(LOG_LEVEL_ENV));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "Cannot start a child JVM (%s) to profile "
                    + "%s: %s.%nMaybe set %s=1 in this JVM's environment and profile in this process instead.",
                    command.get(0), model, e.getMessage(), THREADPOOL_ENV), e);
        }
        try {
            if (!ChildProcesses.add(p)) {
                throw new CancellationException("The profiling of " + model + " was stopped: this JVM is shutting "
                        + "down.");
            }
            LOG.debug("Profiling {} in a child JVM, process {}: {}", model, p.pid(), command);
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            Deque<String> lastLines = new ArrayDeque<>();
            read(p.getInputStream(), "scission-child-stdout", events::add, () -> events.add(END));
            read(p.getErrorStream(), "scission-child-stderr", line -> {
                if (quiet && isNativeInfo(line)) {
                    return;
                }
                LOG.info("{}", line);
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
            }, () -> { });
            send(p, ChildProtocol.job(job));
            return loop(p, events, lastLines, model, listener, stop);
        } finally {
            if (p.isAlive()) {
                stop(p);
            }
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                LOG.debug("Closing the child's standard input: {}", e.getMessage());
            }
            ChildProcesses.remove(p);
        }
    }

    private static Profile loop(Process p, BlockingQueue<Object> events, Deque<String> lastLines, String model,
            ProgressListener listener, BooleanSupplier stop) {
        while (true) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("The profiling of " + model + " was stopped.");
            }
            Object item;
            try {
                item = events.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // seen by the stop check above
                continue;
            }
            if (item == null) {
                continue;
            }
            if (item == END) {
                int code = exitCode(p);
                if (ChildProcesses.shuttingDown()) {
                    throw new CancellationException("The profiling of " + model + " was stopped: this JVM is "
                            + "shutting down.");
                }
                String last;
                synchronized (lastLines) {
                    last = lastLines.isEmpty() ? "(none)" : String.join(System.lineSeparator(), lastLines);
                }
                throw new ScissionException(String.format(Locale.ROOT, "The child JVM that profiled %s ended "
                        + "(exit code %d) before it sent the profile. Its last lines:%n%s%nMaybe it ran out of memory "
                        + "(give it more with ChildJvmOptions.withJvmOptions(\"-Xmx8g\")), or was killed.", model,
                        code, last));
            }
            Optional<ChildProtocol.Event> event = ChildProtocol.event((String) item, model);
            if (event.isEmpty()) {
                LOG.info("{}", item);
            } else if (event.get() instanceof ChildProtocol.Progress) {
                ChildProtocol.Progress pr = (ChildProtocol.Progress) event.get();
                listener.progress(pr.done(), pr.total(), pr.what());
            } else if (event.get() instanceof ChildProtocol.Done) {
                exitCode(p);
                return ((ChildProtocol.Done) event.get()).profile();
            } else {
                exitCode(p);
                throw ((ChildProtocol.Failed) event.get()).error();
            }
        }
    }

    /** Waits (bounded) for the child to exit and returns its code, -1 if it had not exited. */
    private static int exitCode(Process p) {
        boolean interrupted = Thread.interrupted();
        try {
            return p.waitFor(CANCEL_MILLIS, TimeUnit.MILLISECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            interrupted = true;
            return -1;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the child to stop, then terminates it, then kills it; returns when it is gone. */
    static void stop(Process p) {
        boolean interrupted = Thread.interrupted();
        try {
            try {
                send(p, ChildProtocol.CANCEL);
                if (p.waitFor(CANCEL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
                LOG.warn("The profiler's child JVM (process {}) did not stop within {} ms of a cancel; terminating it.",
                        p.pid(), CANCEL_MILLIS);
                p.destroy();
                if (p.waitFor(TERM_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
                p.destroyForcibly().waitFor(TERM_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                p.destroyForcibly();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(Process p, String line) {
        try {
            OutputStream in = p.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            LOG.debug("The child JVM does not read its standard input any more: {}", e.getMessage());
        }
    }

    private static void read(InputStream stream, String name, java.util.function.Consumer<String> line,
            Runnable end) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    line.accept(l);
                }
            } catch (IOException e) {
                LOG.debug("Lost the child JVM's {}: {}", name, e.getMessage());
            } finally {
                end.run();
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Returns true for a line that TensorFlow's native runtime writes to standard error at INFO level through absl
     * logging, which ignores {@code TF_CPP_MIN_LOG_LEVEL}: {@code I0000 00:00:1795750154.842873   30278 file.cc:401] ...}
     * and absl's notice that it logs to standard error before being initialised.
     *
     * @param line a line, without its terminator
     * @return whether to drop it when TensorFlow's INFO logs are off
     */
    public static boolean isNativeInfo(String line) {
        String l = line.strip();
        return ABSL_INFO.matcher(l).lookingAt()
                || l.startsWith("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR");
    }
}
