package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scission.profile.HopCost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hop between two JVMs, measured with a real child JVM on loopback. */
class ProcessHopProbeTest {

    @Test
    void should_charge_each_hop_end_half_the_least_squares_line_when_fitting() {
        // GIVEN 1 ms + 2 ns per byte exactly at three sizes; and a larger message measured faster (noise)
        ProcessHopProbe.Outcome exact = new ProcessHopProbe.Outcome(List.of(4096L, 65536L, 2097152L),
                List.of(1e-3 + 4096 * 2e-9, 1e-3 + 65536 * 2e-9, 1e-3 + 2097152 * 2e-9), 20);
        ProcessHopProbe.Outcome noisy = new ProcessHopProbe.Outcome(List.of(4096L, 2097152L), List.of(3e-3, 2e-3), 0);
        // three points off the line: by hand, x = 0, 1, 2, y = 1, 3, 4 -> slope 1.5, intercept 1.1667
        ProcessHopProbe.Outcome off = new ProcessHopProbe.Outcome(List.of(0L, 1L, 2L), List.of(1.0, 3.0, 4.0), 0);

        // WHEN
        HopCost c = exact.cost();

        // THEN
        assertThat(c.fixedSeconds()).isCloseTo(0.5e-3, within(1e-12));
        assertThat(c.secondsPerByte()).isCloseTo(1e-9, within(1e-18));
        assertThat(noisy.cost()).isEqualTo(new HopCost(1.25e-3, 0));
        assertThat(off.cost().secondsPerByte()).isCloseTo(0.75, within(1e-12));
        assertThat(off.cost().fixedSeconds()).isCloseTo(7.0 / 12, within(1e-12));
        assertThat(exact.describe()).contains("after 20 ms idle").contains("500.0 us + 1.000 ns per byte");
    }

    @Test
    void should_measure_a_real_hop_to_a_child_jvm_and_stop_it_when_probing() {
        // GIVEN no child processes yet
        assertThat(ProcessHandle.current().descendants()).isEmpty();

        // WHEN a child JVM on 127.0.0.1 receives 4 KiB, 64 KiB and 2 MiB tensors: fewer calls and a shorter idle gap
        // than profile's probe (which spends ~2 s of idle gaps alone), since this checks how it works, not its numbers
        ProcessHopProbe.Outcome o = ProcessHopProbe.measure(ProcessHopProbe.childCommand(), 1, 5, 9);

        // THEN every size takes time, 2 MiB longer than 4 KiB (copied four times and sent), none a whole second on
        // loopback; the fitted line has a fixed and a per-byte part; and the child is gone
        assertThat(o.bytes()).isEqualTo(ProcessHopProbe.SIZES);
        assertThat(o.idleMillis()).isEqualTo(1);
        assertThat(o.seconds()).allSatisfy(s -> assertThat(s).isPositive().isLessThan(1));
        assertThat(o.seconds().get(2)).isGreaterThan(o.seconds().get(0));
        assertThat(o.cost().fixedSeconds()).isPositive();
        assertThat(o.cost().secondsPerByte()).isPositive();
        assertThat(ProcessHandle.current().descendants()).as("the child JVM is stopped").isEmpty();
    }

    @Test
    void should_fall_back_to_the_one_process_probe_with_one_line_when_the_child_cannot_start() {
        // GIVEN a child command that exits without listening, and one that cannot start at all; the one-process probe
        // (real, run once for both: GrpcHopProbeTest checks it) counted
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> warnings = new ArrayList<>();
        List<GrpcHopProbe.Outcome> probed = new ArrayList<>();
        java.util.function.Supplier<GrpcHopProbe.Outcome> oneProcess = () -> {
            probed.add(probed.isEmpty() ? GrpcHopProbe.measure() : probed.get(0));
            return probed.get(0);
        };

        // WHEN
        ProcessHopProbe.Share exits = ProcessHopProbe.measureOrFallback(warnings::add, List.of(java, "-version"),
                oneProcess);
        ProcessHopProbe.Share missing = ProcessHopProbe.measureOrFallback(warnings::add,
                List.of("/nonexistent/scission-java"), oneProcess);

        // THEN each says so in one line and uses the in-process gRPC call; nothing is left running
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).startsWith(
                "warning: the hop probe could not use a second JVM (").doesNotContain("\n"));
        assertThat(warnings.get(0)).contains("exited before it listened");
        assertThat(warnings.get(1)).contains("cannot start the child JVM");
        assertThat(probed).hasSize(2);
        assertThat(exits).isEqualTo(missing).isEqualTo(new ProcessHopProbe.Share(probed.get(0).cost(),
                probed.get(0).describe()));
        assertThat(exits.description()).startsWith("Plus a loopback gRPC Predict call");
        assertThat(missing.cost().fixedSeconds()).isPositive();
        assertThat(ProcessHandle.current().descendants()).isEmpty();
    }
}
