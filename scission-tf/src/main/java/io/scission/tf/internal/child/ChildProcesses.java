package io.scission.tf.internal.child;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs this process runs, stopped when this process shuts down (SIGTERM, SIGINT, {@code System.exit}):
 * each gets SIGTERM, then SIGKILL if it has not exited within {@value #STOP_MILLIS} ms. One shutdown hook serves
 * them all; it is added with the first child.
 */
final class ChildProcesses {

    /** How long the shutdown hook waits for the children after SIGTERM. */
    static final long STOP_MILLIS = 3000;

    private static final Set<Process> LIVE = new LinkedHashSet<>();
    private static boolean hooked;
    private static volatile boolean shuttingDown;

    private ChildProcesses() {
    }

    /**
     * Registers a started child.
     *
     * @param p the child
     * @return false if this JVM is already shutting down (the caller then stops the child itself)
     */
    static synchronized boolean add(Process p) {
        if (shuttingDown) {
            return false;
        }
        if (!hooked) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "scission-child-reaper"));
            } catch (IllegalStateException e) {
                return false;
            }
            hooked = true;
        }
        LIVE.add(p);
        return true;
    }

    /**
     * Forgets a child that has ended.
     *
     * @param p the child
     */
    static synchronized void remove(Process p) {
        LIVE.remove(p);
    }

    /**
     * Returns true once this JVM has started to shut down.
     *
     * @return whether it has
     */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    private static void stopAll() {
        List<Process> children;
        synchronized (ChildProcesses.class) {
            shuttingDown = true;
            children = new ArrayList<>(LIVE);
        }
        for (Process p : children) {
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        for (Process p : children) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
