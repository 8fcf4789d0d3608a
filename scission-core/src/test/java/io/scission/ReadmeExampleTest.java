package io.scission;

import static io.scission.platform.DataUnit.MB;
import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.BlockLayout;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.profile.ProfileSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The query of README.md's library example on a three-block model whose plans are worked out by hand. The README's code
 * itself is compiled and run as written, outside our packages, by {@code SnippetsIT} in scission-examples.
 */
class ReadmeExampleTest {

    @Test
    void should_run_the_readme_example_when_copied_verbatim() {
        // GIVEN a three-block model profiled on a device, an edge and a cloud
        BlockLayout layout = Fixtures.layout("tiny", new int[] {2, 3, 2}, new long[] {2_000_000, 400_000, 4_000},
                150_000);
        ProfileSet profiles = Fixtures.profiles(layout,
                List.of(Resource.of("pi", DEVICE), Resource.of("edge1", EDGE), Resource.of("gpu", CLOUD)),
                new double[][] {{0.30, 0.40, 0.10}, {0.05, 0.06, 0.20}, {0.01, 0.01, 0.001}});
        Network network = Scission.network(NetworkPreset.FOUR_G);

        // WHEN (README "Use it as a library")
        QueryResult result = Scission.query().mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1, MB).top(3)
                .solve(profiles, network);

        // THEN every plan uses the edge and sends at most 1 MB from edge to cloud, best first
        assertThat(result.plans()).hasSize(3);
        assertThat(result.plans()).allSatisfy(p -> {
            assertThat(p.segmentsOn(EDGE)).isNotEmpty();
            assertThat(p.hops().stream().filter(h -> h.from().tier().equals(EDGE) && h.to().tier().equals(CLOUD))
                    .mapToLong(Hop::bytes).sum()).isLessThanOrEqualTo(1_000_000);
        });
        assertThat(result.plans()).isSortedAccordingTo(PartitionConfig.RANKING);
        // the best plan uploads the 150 KB input to the edge, which runs blocks 0-1 and sends 400 KB to the cloud
        PartitionConfig best = result.best().orElseThrow();
        assertThat(best.key()).isEqualTo("pi>edge1:0-1|gpu:2-2");
        double expected = 0.055 + 150_000 / 1_550_000.0 + 0.05 + 0.06 + 0.025 + 400_000 / 6_250_000.0 + 0.001;
        assertThat(best.latencySeconds()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(best.bytesSent()).isEqualTo(550_000);
    }
}
