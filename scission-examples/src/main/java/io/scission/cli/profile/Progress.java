package io.scission.cli.profile;

import io.scission.spi.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Shows profiling progress on standard error: a bar redrawn in place on a terminal, otherwise one plain line per
 * step (for logs and CI).
 */
public final class Progress implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final long start = System.nanoTime();
    private boolean open;

    /**
     * Creates the display.
     *
     * @param err where to draw
     * @param terminal true to draw a bar in place, false for plain lines
     * @param label what is profiled, e.g. {@code ResNet50 on edge}
     */
    public Progress(PrintWriter err, boolean terminal, String label) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
    }

    /** The system property that says whether standard error is a terminal (the launcher, or a parent JVM, sets it). */
    public static final String TERMINAL_PROPERTY = "scission.stderr.terminal";

    /**
     * Returns true if the bar may be drawn: the tool writes to the process's own standard error, that stream is a
     * terminal ({@link #standardErrorIsTerminal}), and the terminal is not a dumb one.
     *
     * @param standardStreams whether the tool writes to the process's own streams
     * @return whether to draw a bar
     */
    public static boolean onTerminal(boolean standardStreams) {
        return standardStreams && standardErrorIsTerminal() && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Returns true if this process's standard error is a terminal. The JVM can only say whether standard input and
     * output are ({@link System#console()}), which is the wrong stream: with {@code 2>file} on a terminal the bar
     * would land in the file. So, in this order: the system property {@value #TERMINAL_PROPERTY} ({@code true} or
     * {@code false}) if set; on Linux, what {@code /proc/self/fd/2} points to; else the console, as a guess.
     *
     * @return whether standard error is a terminal
     */
    public static boolean standardErrorIsTerminal() {
        String link;
        try {
            link = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            link = null;
        }
        return isTerminal(System.getProperty(TERMINAL_PROPERTY), link, System.console() != null);
    }

    /**
     * Decides whether standard error is a terminal, see {@link #standardErrorIsTerminal()}.
     *
     * @param property the value of {@value #TERMINAL_PROPERTY}, or null
     * @param fd2 what {@code /proc/self/fd/2} points to, or null where there is no such link
     * @param console whether the JVM has a console
     * @return whether standard error is a terminal
     */
    static boolean isTerminal(@Nullable String property, @Nullable String fd2, boolean console) {
        if ("true".equals(property) || "false".equals(property)) {
            return Boolean.parseBoolean(property);
        }
        if (fd2 != null) {
            return fd2.startsWith("/dev/pts/") || fd2.startsWith("/dev/tty") || "/dev/console".equals(fd2);
        }
        return console;
    }

    /**
     * Says that the model is being loaded and warmed up: the first step is reported only after that. A whole line
     * even on a terminal, because TensorFlow's native runtime may write its own lines to standard error meanwhile.
     */
    public void start() {
        err.printf(Locale.ROOT, "%s: loading the model and warming up%n", label);
        err.flush();
    }

    @Override
    public void progress(int done, int total, String what) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (terminal) {
            int filled = total <= 0 ? WIDTH : (int) Math.round((double) WIDTH * Math.min(done, total) / total);
            err.printf(Locale.ROOT, "\r%s [%s%s] %d/%d %s, %.0f s\u001b[K", label, "#".repeat(filled),
                    "-".repeat(WIDTH - filled), done, total, what, seconds);
            open = true;
        } else {
            err.printf(Locale.ROOT, "%s: %d/%d %s (%.1f s)%n", label, done, total, what, seconds);
        }
        err.flush();
    }

    /** Ends the bar's line, if one was drawn. */
    public void finish() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    /** Erases the bar, if one was drawn, so that an error message stands alone on its line. */
    public void abort() {
        if (open) {
            err.print("\r\u001b[K");
            err.flush();
            open = false;
        }
    }
}
