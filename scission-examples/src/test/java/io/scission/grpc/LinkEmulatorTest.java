package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scission.platform.Link;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sender-side link emulation against the cost model's transfer time, on a controlled clock. */
class LinkEmulatorTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void should_charge_the_cost_models_transfer_time_when_the_link_is_idle() {
        // GIVEN the 4g preset's device -> edge link, the truth the cost model uses (Link.secondsFor)
        Link link = Network.preset(NetworkPreset.FOUR_G).link(Resource.of("device", Tier.DEVICE),
                Resource.of("edge", Tier.EDGE)).orElseThrow();
        LinkEmulator e = new LinkEmulator(link.latencySeconds(), link.bandwidth().bytesPerSecond(), 0, now::get);

        for (long bytes : new long[] {0, 1, 4_000, 602_112, 3_211_264}) {
            // WHEN a message is sent on an idle link
            now.addAndGet(10_000_000_000L);
            LinkEmulator.Delay d = e.send(bytes);

            // THEN it arrives latency + bytes / bandwidth later, nothing queued
            assertThat(d.modelNanos() / 1e9).isCloseTo(link.secondsFor(bytes), within(1e-9));
            assertThat(d.queueNanos()).isZero();
        }
    }

    @Test
    void should_queue_a_message_behind_the_bytes_still_on_the_link_when_sent_back_to_back() {
        // GIVEN 1 MB/s, 10 ms latency
        LinkEmulator e = new LinkEmulator(0.010, 1e6, 0, now::get);

        // WHEN two 100 kB messages are sent at once, and a third after the link drained
        LinkEmulator.Delay first = e.send(100_000);
        LinkEmulator.Delay second = e.send(100_000);
        now.addAndGet(1_000_000_000L);
        LinkEmulator.Delay third = e.send(100_000);

        // THEN the second waits for the first's 100 ms of sending; the third does not
        assertThat(first.totalNanos()).isEqualTo(110_000_000L);
        assertThat(second.queueNanos()).isEqualTo(100_000_000L);
        assertThat(second.totalNanos()).isEqualTo(210_000_000L);
        assertThat(third.totalNanos()).isEqualTo(110_000_000L);
    }

    @Test
    void should_send_a_burst_at_once_and_refill_it_at_the_links_rate_when_the_bucket_has_room() {
        // GIVEN 1 MB/s, no latency, a bucket of 50 kB
        LinkEmulator e = new LinkEmulator(0, 1e6, 50_000, now::get);

        // WHEN 30 kB go twice at once, then 30 kB after 10 ms
        LinkEmulator.Delay a = e.send(30_000);
        LinkEmulator.Delay b = e.send(30_000);
        now.addAndGet(10_000_000L);
        LinkEmulator.Delay c = e.send(30_000);

        // THEN the first fits the bucket; the second lacks 10 kB (10 ms); the third finds the bucket empty again
        // (the 10 ms refilled exactly the debt) and waits its own 30 ms
        assertThat(a.totalNanos()).isZero();
        assertThat(b.totalNanos()).isEqualTo(10_000_000L);
        assertThat(c.totalNanos()).isEqualTo(30_000_000L);
    }

    @Test
    void should_refuse_a_link_when_its_bandwidth_is_not_positive() {
        // WHEN / THEN
        assertThatThrownBy(() -> new LinkEmulator(0.01, 0, 0, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bandwidth > 0 (0.0 B/s)")
                .hasMessageContaining("Maybe check the network file.");
    }

    @Test
    void should_sleep_until_the_instant_but_not_long_after_when_sleeping_precisely() throws InterruptedException {
        // GIVEN an instant 20 ms ahead
        long due = System.nanoTime() + 20_000_000L;

        // WHEN
        LinkEmulator.sleepUntil(due);

        // THEN never early (how late depends on the machine's load, so only the order is checked here)
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(due);
    }
}
