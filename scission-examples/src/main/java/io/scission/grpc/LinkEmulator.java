package io.scission.grpc;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Emulates one network link at the sender, so that a loopback hop takes as long as the network file says: a
 * message of {@code b} bytes is delivered {@code latency + b / bandwidth} after it is handed over on an idle link
 * (the cost model's transfer time). The bandwidth is a token bucket: tokens (bytes) accrue at the link's rate up to
 * {@code burst}; a message takes the tokens it needs and, where there are not enough, waits until the link has
 * sent the missing bytes. Messages sent back to back therefore queue behind each other as on a real link; that extra
 * time is reported as {@link Delay#queueNanos()}. With the default burst of 0 an idle link charges exactly the cost
 * model's time. Thread-safe.
 */
final class LinkEmulator {

    /** How long a message waits, split into the cost model's part and the queueing behind earlier messages. */
    record Delay(long modelNanos, long queueNanos) {
        long totalNanos() {
            return modelNanos + queueNanos;
        }
    }

    private final double latencySeconds;
    private final double bytesPerSecond;
    private final double burstBytes;
    private final LongSupplier clock;
    /** Bytes of credit; negative while earlier messages are still being sent. */
    private double tokens;
    private long last;

    /**
     * @param latencySeconds the one-way latency
     * @param bytesPerSecond the bandwidth
     * @param burstBytes the bucket's size: bytes an idle link sends at once
     * @param clock the time in nanoseconds ({@link System#nanoTime} outside tests)
     */
    LinkEmulator(double latencySeconds, double bytesPerSecond, double burstBytes, LongSupplier clock) {
        if (!(latencySeconds >= 0) || Double.isInfinite(latencySeconds) || !(bytesPerSecond > 0)
                || !(burstBytes >= 0) || Double.isInfinite(burstBytes)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "A link needs a finite latency >= 0 (%s s), "
                    + "a bandwidth > 0 (%s B/s) and a finite burst >= 0 (%s B).%nMaybe check the network file.",
                    latencySeconds, bytesPerSecond, burstBytes));
        }
        this.latencySeconds = latencySeconds;
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.clock = clock;
        this.last = clock.getAsLong();
        this.tokens = burstBytes;
    }

    /** A link with no burst, on the system clock. */
    static LinkEmulator of(double latencySeconds, double bytesPerSecond) {
        return new LinkEmulator(latencySeconds, bytesPerSecond, 0, System::nanoTime);
    }

    double latencySeconds() {
        return latencySeconds;
    }

    double bytesPerSecond() {
        return bytesPerSecond;
    }

    /**
     * Takes a message of {@code bytes} onto the link and says how long from now it arrives.
     *
     * @param bytes the message's size
     * @return the delay, never negative
     */
    synchronized Delay send(long bytes) {
        long now = clock.getAsLong();
        tokens = Math.min(burstBytes, tokens + (now - last) / 1e9 * bytesPerSecond);
        last = now;
        double backlog = Math.max(0, -tokens);
        tokens -= bytes;
        double sendSeconds = Math.max(0, -tokens) / bytesPerSecond;
        double modelSeconds = latencySeconds + bytes / bytesPerSecond;
        long total = Math.round((latencySeconds + sendSeconds) * 1e9);
        long queue = Math.round(backlog / bytesPerSecond * 1e9);
        long model = Math.max(0, total - queue);
        return new Delay(Math.min(model, Math.round(modelSeconds * 1e9)), queue);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f ms + bytes / %.6g MB/s", latencySeconds * 1e3, bytesPerSecond / 1e6);
    }

    /**
     * Sleeps until a point of {@link System#nanoTime}, precisely: parks until shortly before, then spins.
     *
     * @param deadline the instant
     * @throws InterruptedException if interrupted
     */
    static void sleepUntil(long deadline) throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (left > 300_000) {
                java.util.concurrent.locks.LockSupport.parkNanos(left - 200_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
