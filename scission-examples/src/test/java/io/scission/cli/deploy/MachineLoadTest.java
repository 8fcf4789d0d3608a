package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The CPU other processes used while validate timed an inference. */
class MachineLoadTest {

    @Test
    void should_count_every_busy_column_but_idle_and_iowait_when_reading_proc_stat() {
        // GIVEN user 100, nice 5, system 50, idle 1000, iowait 20, irq 3, softirq 7, steal 11, guest 40, guest_nice 2
        String line = "cpu  100 5 50 1000 20 3 7 11 40 2";

        // WHEN / THEN 100 + 5 + 50 + 3 + 7 + 11 (guest time is already in user)
        assertThat(MachineLoad.busyTicks(line)).isEqualTo(176);
    }

    @Test
    void should_refuse_a_line_that_is_not_the_cpu_total() {
        assertThatThrownBy(() -> MachineLoad.busyTicks("cpu0 1 2 3 4 5")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void should_give_the_machines_busy_time_minus_ours_in_cores() {
        // GIVEN over 0.5 s the machine was busy 0.8 core-seconds, our processes 0.55
        long[] before = {1_000_000_000L, 300_000_000L};
        long[] after = {1_800_000_000L, 850_000_000L};

        // WHEN / THEN (0.8 - 0.55) / 0.5 = 0.5 cores
        assertThat(MachineLoad.outsideCores(before, after, 500_000_000L)).isCloseTo(0.5, Offset.offset(1e-12));
        // AND a negative difference (the 10 ms resolution) is 0, a missing reading none
        assertThat(MachineLoad.outsideCores(after, new long[] {1_800_000_000L, 900_000_000L}, 100_000_000L))
                .isEqualTo(0.0);
        assertThat(MachineLoad.outsideCores(null, after, 1)).isNull();
    }

    @Test
    void should_see_this_processs_own_cpu_time_when_reading_on_linux() {
        assumeThat(Files.isReadable(Path.of("/proc/stat"))).as("Linux /proc/stat").isTrue();
        // WHEN
        long[] r = MachineLoad.read(List.of(ProcessHandle.current()));

        // THEN the machine has been busy at least as long as this JVM used its cores (both since boot)
        assertThat(r).isNotNull().hasSize(2);
        assertThat(r[1]).isPositive();
        assertThat(r[0]).isGreaterThanOrEqualTo(r[1]);
    }
}
