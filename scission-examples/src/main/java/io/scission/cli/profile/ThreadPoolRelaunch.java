package io.scission.cli.profile;

import io.scission.cli.ScissionCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * TensorFlow sizes its intra-op thread pool once per process unless {@value #ENV}{@code =1} is in the environment
 * when the JVM starts, and a JVM cannot change its own environment. So a command that needs a thread count runs
 * itself again in a child JVM with the variable set: the same {@code java} binary, JVM options and class path,
 * the same arguments, standard streams inherited (or copied, when run inside another program).
 */
public final class ThreadPoolRelaunch {

    /** The environment variable TensorFlow reads. */
    public static final String ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";
    /** TensorFlow's native log level; the child gets 2 (warnings and errors only) unless it is set. */
    static final String LOG_ENV = "TF_CPP_MIN_LOG_LEVEL";

    private ThreadPoolRelaunch() {
    }

    /**
     * Returns true if thread counts cannot take effect in this process.
     *
     * @param environment the process environment
     * @return whether a child JVM is needed
     */
    static boolean needed(Map<String, String> environment) {
        return !"1".equals(environment.get(ENV));
    }

    /**
     * Runs the command again in a child JVM with {@value #ENV}{@code =1} if this process lacks it.
     *
     * @param root the running tool, with its arguments and streams
     * @param out where the child's output goes when the streams are not the process's own
     * @param err where the child's errors go, likewise
     * @return the child's exit code, or empty if no child was needed
     * @throws UncheckedIOException if the child cannot be started
     */
    public static OptionalInt ifNeeded(ScissionCli root, PrintWriter out, PrintWriter err) {
        if (!needed(System.getenv())) {
            return OptionalInt.empty();
        }
        List<String> jvmOptions = new ArrayList<>();
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-D" + Progress.TERMINAL_PROPERTY + "=")) {
                jvmOptions.add(option);
            }
        }
        // the child's standard error is a pipe to this process: tell it whether the stream it ends in is a terminal
        jvmOptions.add("-D" + Progress.TERMINAL_PROPERTY + "=" + (root.standardStreams()
                && Progress.standardErrorIsTerminal()));
        List<String> command = command(javaBinary(), jvmOptions, System.getProperty("java.class.path"), root.args());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(ENV, "1");
        boolean debug = root.args().contains("--debug");
        if (debug) {
            pb.environment().put(LOG_ENV, "0");
        } else {
            pb.environment().putIfAbsent(LOG_ENV, "2");
        }
        boolean quiet = !"0".equals(pb.environment().get(LOG_ENV));
        out.flush();
        err.flush();
        try {
            if (root.standardStreams()) {
                // stdin and stdout stay the terminal's (so a progress bar still draws); stderr passes through a
                // filter that drops the INFO lines TensorFlow's absl logging prints whatever TF_CPP_MIN_LOG_LEVEL says
                Process p = pb.redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                PrintWriter stderr = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
                copy(p.getErrorStream(), stderr, quiet).join();
                return OptionalInt.of(p.waitFor());
            }
            Process p = pb.redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            Thread errors = copy(p.getErrorStream(), err, quiet);
            copy(p.getInputStream(), out, false).join();
            errors.join();
            return OptionalInt.of(p.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "Cannot start a child JVM (%s) with %s=1: %s."
                    + "%nMaybe set %s=1 in the environment yourself and run the command again.", command.get(0), ENV,
                    e.getMessage(), ENV), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the child JVM.", e);
        }
    }

    /**
     * Returns the child's command line: the java binary, this JVM's options (less a debugger agent, whose port would
     * clash), the class path, the main class and the arguments.
     *
     * @param java the java binary
     * @param jvmOptions this JVM's options
     * @param classPath this JVM's class path
     * @param args the tool's arguments
     * @return the command
     */
    static List<String> command(String java, List<String> jvmOptions, String classPath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String option : jvmOptions) {
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(classPath);
        command.add(ScissionCli.class.getName());
        command.addAll(args);
        return command;
    }

    /** The running JVM's java binary, else the one in {@code java.home}. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Returns true for a line that TensorFlow's native runtime writes to standard error at INFO level through absl
     * logging, which ignores {@code TF_CPP_MIN_LOG_LEVEL}: {@code I0000 00:00:1795750154.842873   30278 file.cc:401] ...}
     * and absl's notice that it logs to stderr before being initialised.
     *
     * @param line a line, without its terminator
     * @return whether to drop it when TensorFlow's INFO logs are off
     */
    static boolean isNativeInfo(String line) {
        return ABSL_INFO.matcher(line).lookingAt()
                || line.startsWith("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR");
    }

    private static final Pattern ABSL_INFO = Pattern.compile("I\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ [^ \\]]+:\\d+\\] ");

    private static Thread copy(InputStream in, PrintWriter to, boolean dropNativeInfo) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(in, Charset.defaultCharset())) {
                // passes text on as it comes, a line (ended by \n or \r, so a redrawn progress bar still moves) at a time
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = r.read()) >= 0) {
                    line.append((char) c);
                    if (c == '\n' || c == '\r') {
                        emit(line, to, dropNativeInfo);
                    }
                }
                emit(line, to, dropNativeInfo);
            } catch (IOException e) {
                synchronized (to) {
                    to.println("error: lost the child JVM's output: " + e.getMessage());
                }
            }
        }, "scission-child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void emit(StringBuilder line, PrintWriter to, boolean dropNativeInfo) {
        if (line.length() == 0) {
            return;
        }
        String text = line.toString();
        line.setLength(0);
        if (dropNativeInfo && isNativeInfo(text.strip())) {
            return;
        }
        synchronized (to) {
            to.write(text);
            to.flush();
        }
    }
}
