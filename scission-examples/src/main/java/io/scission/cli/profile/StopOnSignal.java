package io.scission.cli.profile;

import io.scission.FileReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long run that stops cleanly when the process is told to stop (SIGTERM or SIGINT sent to this process, Ctrl-C,
 * {@code System.exit}): a shutdown hook marks the run stopped and interrupts the thread doing the work, which
 * then stops profiling (in this JVM, or in the child JVM, which scission-tf stops too) and closes TensorFlow; the
 * hook gives it {@value #GRACE_MILLIS} ms. Output files are written to a temporary file beside the target and
 * moved over it atomically only if the run was not stopped, so a stopped run never writes or replaces a file.
 */
public final class StopOnSignal implements AutoCloseable {

    /** How long the hook waits for the work to wind down. */
    static final long GRACE_MILLIS = 4000;

    private final Object lock = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private boolean stopped;

    private StopOnSignal(Thread worker) {
        this.hook = new Thread(() -> {
            synchronized (lock) {
                stopped = true;
            }
            worker.interrupt();
            try {
                finished.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scission-stop");
    }

    /**
     * Starts guarding the calling thread's run.
     *
     * @return the guard; close it when the run is over
     */
    public static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /**
     * Returns true once the process was told to stop.
     *
     * @return whether the run was stopped
     */
    public boolean stopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /**
     * Writes a file through a temporary file beside it, then moves it over the target in one step, unless the run
     * was stopped meanwhile; the temporary file never stays behind.
     *
     * @param target the file to write
     * @param writer writes the content to the path it is given
     * @throws CancellationException if the run was stopped: the target is left as it was
     * @throws UncheckedIOException if the file cannot be written, with a message naming it
     */
    public void write(Path target, Consumer<Path> writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try {
                writer.accept(tmp);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            synchronized (lock) {
                if (stopped) {
                    throw new CancellationException("Stopped before " + target + " was written; it is left as it "
                            + "was.");
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw cannotWrite(target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                tmp.toFile().deleteOnExit();
            }
        }
    }

    /**
     * Fails before any long work if a file could not be written there: its nearest existing directory must be a
     * writable directory, and the file itself, if present, a regular file.
     *
     * @param target the file to write later
     * @param option the option that named it, for the message, e.g. {@code -o}
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    public static void checkWritable(Path target, String option) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The output file (%s) of %s is a "
                    + "directory.%nMaybe name a file in it, e.g. %s.", target, option, target.resolve("profile.json")));
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Cannot write %s: %s.%nMaybe choose "
                    + "another file with %s.", target, dir == null ? "no directory of its path exists"
                    : !Files.isDirectory(dir) ? dir + " is a file, not a directory"
                    : "permission denied (" + dir + " is not writable)", option));
        }
    }

    /**
     * Returns the error for a file that cannot be written, in words: "cannot write FILE: permission denied".
     *
     * @param target the file
     * @param e the failure
     * @return the exception
     */
    static UncheckedIOException cannotWrite(Path target, IOException e) {
        return new UncheckedIOException(String.format(Locale.ROOT, "Cannot write %s: %s.%nMaybe check the path "
                + "and its permissions.", target, FileReasons.of(e)), e);
    }

    /** Ends the guard: the run is over, the hook is removed (unless the process is already stopping). */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the process is shutting down; the hook is running or has run
        }
    }
}
