package io.scission.cli.profile;

import io.scission.spi.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

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

    /**
     * Returns true if standard error is probably a terminal: the JVM has a console (stdin and stdout are one) and the
     * tool writes to the process's own streams.
     *
     * @param standardStreams whether the tool writes to the process's own streams
     * @return whether to draw a bar
     */
    public static boolean onTerminal(boolean standardStreams) {
        return standardStreams && System.console() != null && !"dumb".equals(System.getenv("TERM"));
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
