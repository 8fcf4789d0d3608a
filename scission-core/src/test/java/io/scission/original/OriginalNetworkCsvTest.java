package io.scission.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.InvalidFileException;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginalNetworkCsvTest {

    private static final Resource RASPI4 = Resource.of("raspi4", Tier.DEVICE);
    private static final Resource VM2CORE = Resource.of("vm2Core", Tier.EDGE);
    private static final Resource GPU = Resource.of("6700k(GPU)", Tier.CLOUD);

    @Test
    void should_read_ms_as_seconds_and_mbps_as_bytes_per_second_when_reading_the_sample_csv() {
        // GIVEN
        Path csv = OriginalData.folder().resolve("network_stats.csv");

        // WHEN
        Network network = OriginalNetworkCsv.read(csv);

        // THEN
        assertThat(network.links()).hasSize(8);
        Link up = network.link(RASPI4, VM2CORE).orElseThrow();
        assertThat(up.latencySeconds()).isEqualTo(66.7 / 1000);
        assertThat(up.bandwidth().bytesPerSecond()).isEqualTo(200_000.0);
        Link edgeCloud = network.link(VM2CORE, GPU).orElseThrow();
        assertThat(edgeCloud.latencySeconds()).isEqualTo(0.02);
        assertThat(edgeCloud.bandwidth().bytesPerSecond()).isEqualTo(6_250_000.0);
        assertThat(network.link(RASPI4, GPU).orElseThrow().latencySeconds()).isEqualTo(0.1);
    }

    @Test
    void should_keep_links_directed_when_only_one_direction_is_given() {
        // GIVEN
        Path csv = OriginalData.folder().resolve("network_stats_wired.csv");

        // WHEN
        Network network = OriginalNetworkCsv.read(csv);

        // THEN
        assertThat(network.link(VM2CORE, RASPI4)).isEmpty();
        assertThat(network.link(RASPI4, VM2CORE).orElseThrow().bandwidth().bytesPerSecond()).isEqualTo(2_500_000.0);
    }

    @Test
    void should_not_strip_names_when_they_are_padded_like_the_original_readme() {
        // GIVEN
        String text = "source,destination,ping,bw\nraspi4,     vm2Core, 66.7, 1.6\n";

        // WHEN
        Network network = OriginalNetworkCsv.parse("padded.csv", text);

        // THEN
        assertThat(network.link(RASPI4, VM2CORE)).isEmpty();
        assertThat(network.links()).extracting(Link::to).containsExactly("     vm2Core");
    }

    @Test
    void should_split_fields_like_python_csv_when_names_are_quoted() {
        // GIVEN
        String text = "h\r\n\"raspi4\",\"6700k(GPU)\",\"100\",1.6\r\n\"a,b\",\"say \"\"hi\"\"\",1,1\r\n";

        // WHEN
        Network network = OriginalNetworkCsv.parse("quoted.csv", text);

        // THEN
        assertThat(network.link(RASPI4, GPU).map(Link::latencySeconds)).isEqualTo(Optional.of(0.1));
        assertThat(network.links()).extracting(Link::from).contains("a,b");
        assertThat(network.links()).extracting(Link::to).contains("say \"hi\"");
    }

    @Test
    void should_let_the_later_row_win_when_a_pair_is_given_twice() {
        // GIVEN
        String text = "h\nraspi4,vm2Core,10,1\nraspi4,vm2Core,20,2\n";

        // WHEN
        Network network = OriginalNetworkCsv.parse("twice.csv", text);

        // THEN
        assertThat(network.link(RASPI4, VM2CORE).orElseThrow().latencySeconds()).isEqualTo(0.02);
    }

    @Test
    void should_skip_the_first_row_when_it_looks_like_data() {
        // GIVEN
        String text = "raspi4,vm2Core,10,1\n";

        // WHEN
        Network network = OriginalNetworkCsv.parse("noheader.csv", text);

        // THEN
        assertThat(network.links()).isEmpty();
    }

    @Test
    void should_name_the_line_when_a_row_is_short() {
        // GIVEN
        String text = "h\nraspi4,vm2Core,10,1\n\nraspi4,2500,10\n";

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalNetworkCsv.parse("short.csv", text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("short.csv at line 3")
                .hasMessageContaining("has 0 fields");
    }

    @Test
    void should_name_the_line_and_value_when_a_number_is_malformed() {
        // GIVEN
        String text = "h\nraspi4,vm2Core,fast,1\n";

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalNetworkCsv.parse("bad.csv", text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("bad.csv at line 2")
                .hasMessageContaining("the ping (fast) is not a number");
    }

    @Test
    void should_fail_when_the_bandwidth_rounds_to_zero_bytes_per_second() {
        // GIVEN
        String text = "h\nraspi4,vm2Core,10,0.000001\n";

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalNetworkCsv.parse("zero.csv", text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("bandwidth (0.000001 Mbps) from raspi4 to vm2Core");
    }

    @Test
    void should_fail_when_the_ping_is_negative() {
        // GIVEN
        String text = "h\nraspi4,vm2Core,-5,1\n";

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalNetworkCsv.parse("neg.csv", text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("the ping (-5 ms) from raspi4 to vm2Core");
    }

    @Test
    void should_fail_when_the_file_is_empty_or_missing() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> OriginalNetworkCsv.parse("empty.csv", ""))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("empty.csv: the file is empty");
        assertThatThrownBy(() -> OriginalNetworkCsv.read(Path.of("no-such-dir", "stats.csv")))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("stats.csv: the network statistics file does not exist");
    }
}
