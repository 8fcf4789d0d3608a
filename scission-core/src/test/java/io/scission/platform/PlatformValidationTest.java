package io.scission.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformValidationTest {

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void should_reject_bandwidth_when_not_finite_and_positive(double mbps) {
        assertThatThrownBy(() -> DataRate.mbps(mbps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The bandwidth (" + mbps + " Mbps) must be a finite number greater than zero");
        assertThatThrownBy(() -> new DataRate(mbps))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(" + mbps + " bytes/s)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, Double.NaN, Double.NEGATIVE_INFINITY})
    void should_reject_latency_when_negative_or_not_finite(double seconds) {
        assertThatThrownBy(() -> new Link("a", "b", seconds, DataRate.mbps(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The latency (" + seconds + " s) of link a -> b");
    }

    @Test
    void should_name_the_tier_when_unknown() {
        assertThatThrownBy(() -> Tier.named("fog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The tier (fog) is not one of device, edge, cloud")
                .hasMessageContaining("Maybe declare it with its rank, e.g. Tier.of(\"fog\", 150)");
        assertThatThrownBy(() -> Tier.of("Edge", 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved for the standard tier edge");
        assertThatThrownBy(() -> Tier.of("fog", 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The rank (100) of tier fog");
        assertThatThrownBy(() -> Tier.of("my fog", 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Maybe use \"my_fog\"");
    }

    @Test
    void should_order_tiers_by_rank() {
        Tier gateway = Tier.of("gateway", 50);
        assertThat(java.util.List.of(Tier.CLOUD, gateway, Tier.DEVICE, Tier.EDGE).stream().sorted())
                .containsExactly(Tier.DEVICE, gateway, Tier.EDGE, Tier.CLOUD);
        assertThat(Tier.named("EDGE")).isSameAs(Tier.EDGE);
    }

    @Test
    void should_use_si_units_when_converting() {
        assertThat(DataSize.of(1, DataUnit.MB).bytes()).isEqualTo(1_000_000);
        assertThat(DataSize.of(1, DataUnit.MIB).bytes()).isEqualTo(1_048_576);
        assertThat(DataSize.of(0.15, DataUnit.MB).bytes()).isEqualTo(150_000);
        assertThat(DataSize.parse("150 KB")).isEqualTo(DataSize.ofBytes(150_000));
        assertThat(DataRate.mbps(1.6).bytesPerSecond()).isEqualTo(200_000.0);
        assertThatThrownBy(() -> DataSize.parse("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(\"lots\")").hasMessageContaining("Maybe write \"1MB\"");
        assertThatThrownBy(() -> DataSize.of(Long.MAX_VALUE, DataUnit.GB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is too large");
    }

    @Test
    void should_prefer_resource_links_over_tier_defaults() {
        // GIVEN
        Resource pi = Resource.of("pi", Tier.DEVICE);
        Resource e1 = Resource.of("e1", Tier.EDGE);
        Resource e2 = Resource.of("e2", Tier.EDGE);
        Network net = Network.builder().preset(NetworkPreset.THREE_G)
                .link("pi", "e1", Duration.ofMillis(5), DataRate.mbps(100)).build();
        // WHEN / THEN
        assertThat(net.link(pi, e1).orElseThrow().latencySeconds()).isEqualTo(0.005);
        assertThat(net.link(pi, e2).orElseThrow().latencySeconds()).isEqualTo(0.067);
        assertThat(net.link(pi, e2).orElseThrow().bandwidth().mbps()).isEqualTo(1.6);
        assertThat(net.link(e1, pi).orElseThrow().latencySeconds()).as("downlink mirrors the preset").isEqualTo(0.067);
        assertThat(net.link(e1, e2)).isEmpty();
        assertThatThrownBy(() -> net.toBuilder().link("pi", "e1", Duration.ZERO, DataRate.mbps(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The link pi -> e1 is already set").hasMessageContaining("replace(...)");
    }
}
