package io.scission.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How much CPU processes other than ours used while validate timed an inference: the machine's busy time (all
 * cores, Linux {@code /proc/stat}) minus the CPU time of validate and its workers. On the 2-core build machine a
 * process on the other core slows a 1-thread TensorFlow segment by up to 28 % (docs/serving.md, "Stop 20"), so
 * validate reports it beside each inference instead of guessing afterwards.
 */
final class MachineLoad {

    /** Linux's USER_HZ: /proc/stat counts in 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private MachineLoad() {
    }

    /**
     * Reads the machine's busy time and our processes' CPU time.
     *
     * @param ours validate's process and its workers
     * @return {busy nanoseconds of all cores, our CPU nanoseconds}, or null where either cannot be read (not Linux)
     */
    static long @Nullable [] read(List<ProcessHandle> ours) {
        long busy;
        try {
            busy = busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0)) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        long own = 0;
        for (ProcessHandle p : ours) {
            Optional<Duration> d = p.info().totalCpuDuration();
            if (d.isEmpty()) {
                return null;
            }
            own += d.get().toNanos();
        }
        return new long[] {busy, own};
    }

    /**
     * The busy ticks of the first line of /proc/stat ({@code cpu user nice system idle iowait irq softirq steal
     * ...}): everything but idle and iowait, steal included (the hypervisor ran something else on our core), guest
     * time excluded (already counted in user).
     *
     * @param line the line
     * @return the busy ticks
     * @throws IllegalArgumentException if the line is not the "cpu" line
     */
    static long busyTicks(String line) {
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 5) {
            throw new IllegalArgumentException("Not the cpu line of /proc/stat: " + line);
        }
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    /**
     * The CPU other processes used between two readings, in cores.
     *
     * @param before the first reading, or null
     * @param after the second reading, or null
     * @param elapsedNanos the time between them
     * @return cores (at least 0), or null if a reading is missing
     */
    static @Nullable Double outsideCores(long @Nullable [] before, long @Nullable [] after, long elapsedNanos) {
        if (before == null || after == null || elapsedNanos <= 0) {
            return null;
        }
        double outside = (after[0] - before[0]) - (double) (after[1] - before[1]);
        return Math.max(0, outside / elapsedNanos);
    }
}
