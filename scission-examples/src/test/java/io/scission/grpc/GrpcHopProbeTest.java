package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scission.profile.HopCost;
import org.junit.jupiter.api.Test;

/** The gRPC part of a hop, measured with a real loopback Predict call in this process. */
class GrpcHopProbeTest {

    @Test
    void should_charge_each_hop_end_half_the_line_through_the_two_sizes_when_fitting() {
        // GIVEN 300 us at 4 KiB and 2 ms at 2 MiB; and a larger message measured faster (noise)
        GrpcHopProbe.Outcome o = new GrpcHopProbe.Outcome(300e-6, 2e-3);
        GrpcHopProbe.Outcome noisy = new GrpcHopProbe.Outcome(300e-6, 250e-6);

        // WHEN
        HopCost c = o.cost();

        // THEN by hand: slope 1.7 ms / 2,093,056 B = 0.8122095 ns/B, intercept 300 - 3.32677 = 296.6732 us; halves
        assertThat(c.secondsPerByte()).isCloseTo(0.4061048e-9, within(1e-15));
        assertThat(c.fixedSeconds()).isCloseTo(148.3366e-6, within(1e-10));
        assertThat(noisy.cost()).isEqualTo(new HopCost(150e-6, 0));
        assertThat(o.describe()).contains("148.3 us + 0.406 ns per byte");
    }

    @Test
    void should_measure_a_real_loopback_call_when_probing() {
        // WHEN a server on 127.0.0.1 is called with 4 KiB and 2 MiB tensors
        GrpcHopProbe.Outcome o = GrpcHopProbe.measure();

        // THEN both take time, the larger message longer (2 MiB are copied through Netty and parsed), and neither a
        // whole second on loopback
        assertThat(o.smallSeconds()).isPositive().isLessThan(1);
        assertThat(o.largeSeconds()).isGreaterThan(o.smallSeconds()).isLessThan(1);
        assertThat(o.cost().secondsPerByte()).isPositive();
        assertThat(ProcessHandle.current().descendants()).isEmpty();
    }
}
