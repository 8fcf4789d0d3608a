package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata beside TensorFlow Serving's messages: routing map, links and a worker's times, as text. */
class WireTest {

    @Test
    void should_read_back_what_it_wrote_when_encoding_the_route_links_and_times() {
        // GIVEN
        Map<Integer, String> route = new LinkedHashMap<>();
        route.put(0, "127.0.0.1:7001");
        route.put(2, "10.0.0.3:7003");
        Map<String, Wire.LinkSpec> links = new LinkedHashMap<>();
        links.put("1", new Wire.LinkSpec(0.055, 1_550_000));
        links.put("result", new Wire.LinkSpec(0.0, 6.25e6));
        Wire.Times t = new Wire.Times(1, "edge", 1e-3, 0, 0.0123, 2e-4, 5e-4, 0.4, 0.01, 0.2, 0.65, 1_000_000_123L,
                1_001_000_000L, 1_013_500_000L, 1_414_000_000L);

        // WHEN / THEN
        assertThat(Wire.parseRoute(Wire.routeText(route))).isEqualTo(route);
        assertThat(Wire.parseLinks(Wire.linksText(links))).isEqualTo(links);
        assertThat(Wire.Times.parse(t.text())).isEqualTo(t);
        assertThat(Wire.parseRoute(null)).isEmpty();
    }

    @Test
    void should_name_the_entry_when_a_route_is_malformed() {
        // WHEN / THEN
        assertThatThrownBy(() -> Wire.parseRoute("0=a:1,edge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The routing map entry (edge) must be segment=host:port.");
        assertThatThrownBy(() -> Wire.parseLinks("1=0.05")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The link entry (1=0.05) must be hop=latency/bytesPerSecond.");
    }
}
