package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The plan's latency is measured across processes on {@link System#nanoTime} (docs/serving.md): that needs one
 * clock for every process on the machine (CLOCK_MONOTONIC on Linux), and a check that refuses stamps from another
 * clock.
 */
class SharedClockTest {

    /** A child JVM's main: prints its System.nanoTime once. */
    public static final class Probe {
        private Probe() {
        }

        /**
         * Prints the time.
         *
         * @param args none
         */
        public static void main(String[] args) {
            System.out.println(System.nanoTime());
        }
    }

    @Test
    void should_read_one_clock_when_another_process_reads_nanoTime() throws Exception {
        // GIVEN a child JVM that prints its System.nanoTime
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);

        // WHEN it runs between two readings of this process's clock
        long before = System.nanoTime();
        Process p = pb.start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        } finally {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        long after = System.nanoTime();

        // THEN its reading lies between them: the same clock, not one per process (which would start near 0 or
        // anywhere); the bracket is the child's whole life, at most a minute
        assertThat(p.isAlive()).isFalse();
        assertThat(Long.parseLong(line.strip())).isBetween(before, after);
        assertThat(after - before).isLessThan(TimeUnit.SECONDS.toNanos(60));
    }

    private static Wire.Times times(int segment, long arrived, long ready, long out, long sent) {
        return new Wire.Times(segment, "r" + segment, 0, 0, 0, 0, 0, 0, 0, 0, 0, arrived, ready, out, sent);
    }

    @Test
    void should_accept_stamps_only_when_they_follow_the_chain_inside_the_drivers_call() {
        // GIVEN a driver that started at 100, called at 110 and got the answer at 1000; two workers
        Map<Integer, Wire.Times> ok = new LinkedHashMap<>();
        ok.put(0, times(0, 120, 130, 400, 450));
        ok.put(1, times(1, 460, 470, 900, 0));
        Map<Integer, Wire.Times> early = new LinkedHashMap<>(ok);
        early.put(1, times(1, 440, 470, 900, 0)); // arrives before it was sent
        Map<Integer, Wire.Times> late = new LinkedHashMap<>(ok);
        late.put(1, times(1, 460, 470, 1_001, 0)); // ready after the answer came back
        Map<Integer, Wire.Times> other = new LinkedHashMap<>();
        other.put(0, times(0, 5, 6, 7, 8)); // another machine's clock, near its boot
        other.put(1, times(1, 9, 10, 11, 0));

        // WHEN / THEN
        assertThat(Pipeline.sharedClock(ok, 100, 110, 1_000)).isTrue();
        for (Map<Integer, Wire.Times> bad : List.of(early, late, other)) {
            assertThat(Pipeline.sharedClock(bad, 100, 110, 1_000)).isFalse();
        }
    }
}
