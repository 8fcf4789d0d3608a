package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.DataSize;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.TierLink;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolveValidationTest {

    private final BlockLayout layout = Fixtures.layout("m", new int[] {2, 1, 1}, new long[] {800_000, 5_000, 40},
            150_000);
    private final Resource pi = Resource.of("pi", DEVICE);
    private final Resource edge = Resource.of("edge1", EDGE);
    private final Resource gpu = Resource.of("gpu", CLOUD);
    private final ProfileSet profiles = Fixtures.profiles(layout, List.of(pi, edge, gpu),
            new double[][] {{0.5, 0.3, 0.1}, {0.05, 0.03, 0.01}, {0.01, 0.01, 0.01}});
    private final Network network = Network.preset(NetworkPreset.WIRED);

    @Test
    void should_name_the_resource_when_unknown() {
        assertThatThrownBy(() -> Scission.query().exclude("raspberry").solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude(\"raspberry\") names resource raspberry, which has no profile")
                .hasMessageContaining("known: pi, edge1, gpu").hasMessageContaining("Maybe check the spelling");
        assertThatThrownBy(() -> Scission.query().include(EDGE, "gpu").solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names gpu, which is in tier cloud, not edge");
        assertThatThrownBy(() -> Scission.query().source("camera").solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resource camera");
    }

    @Test
    void should_name_the_layer_or_block_when_out_of_range() {
        assertThatThrownBy(() -> Scission.query().layerOn(4, EDGE).solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layerOn(4, EDGE) names layer 4, but model m has layers 0-3");
        assertThatThrownBy(() -> Scission.query().blockNotOn(3, "pi").solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names block 3, but model m has blocks 0-2 (under the scission rule)");
    }

    @Test
    void should_list_missing_links() {
        Network partial = Network.builder()
                .tierLink(new TierLink(DEVICE, EDGE, 0.02, DataRate.mbps(20))).build();
        assertThatThrownBy(() -> Scission.query().solve(profiles, partial))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The network has no link for pi (device) -> gpu (cloud), needed for the input "
                        + "upload and plans that run on both; edge1 (edge) -> gpu (cloud), needed for plans that run "
                        + "on both.")
                .hasMessageContaining("or exclude the resources you do not want to use");
        assertThat(Scission.query().exclude(CLOUD).solve(profiles, partial).plans()).isNotEmpty();
    }

    @Test
    void should_ask_for_the_mean_when_a_profile_has_no_median() {
        assertThatThrownBy(() -> Scission.query().statistic(TimingStatistic.MEDIAN).solve(profiles, network))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The profile of pi records no median for block 0 (layers 0-1)")
                .hasMessageContaining("Maybe use statistic(MEAN)");
    }

    @Test
    void should_reject_profiles_when_blocks_are_missing_or_differ() {
        BlockLayout shorter = Fixtures.layout("m", new int[] {2, 2}, new long[] {800_000, 40}, 150_000);
        Profile other = Fixtures.profile(edge, shorter, new double[] {0.1, 0.1});
        assertThatThrownBy(() -> ProfileSet.of(profiles.profile("pi").orElseThrow(), other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The profiles of pi (3 blocks, 4 layers) and edge1 (2 blocks, 4 layers) split "
                        + "model m differently");
        assertThatThrownBy(() -> new Profile(pi, layout, profiles.profile("pi").orElseThrow().provenance(),
                profiles.profile("pi").orElseThrow().blocks().subList(0, 2), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The profile of pi for model m times 2 blocks, but the model has 3")
                .hasMessageContaining("Maybe the profile is incomplete: profile pi again");
    }

    @Test
    void should_explain_which_constraint_left_nothing() {
        // WHEN
        QueryResult result = Scission.query().mustUse(EDGE).maxTransferOut(DEVICE, DataSize.ofBytes(1_000))
                .solve(profiles, network);
        // THEN the input (150 KB) or the first block output must leave the device, unless the device runs
        // everything, which mustUse(EDGE) forbids
        assertThat(result.isEmpty()).isTrue();
        assertThat(result.blockers()).extracting(c -> c.id())
                .containsExactly("mustUse(EDGE)", "maxTransferOut(DEVICE)");
        assertThat(result.whyEmpty().orElseThrow())
                .startsWith("No plan satisfies all 2 constraints; without mustUse(EDGE) the best plan would be")
                .contains("without maxTransferOut(DEVICE, 1000B) the best plan would be");
    }

    @Test
    void should_explain_when_no_resource_of_a_required_tier_exists() {
        ProfileSet noCloud = ProfileSet.of(profiles.profile("pi").orElseThrow(), profiles.profile("edge1")
                .orElseThrow());
        QueryResult result = Scission.query().mustUse(CLOUD).solve(noCloud, network);
        assertThat(result.plans()).isEmpty();
        assertThat(result.whyEmpty().orElseThrow()).contains("without mustUse(CLOUD) the best plan would be");
    }

    @Test
    void should_use_the_camera_as_source_when_it_has_no_profile() {
        Resource camera = Resource.of("camera", DEVICE);
        QueryResult result = Scission.query().source(camera).exclude(DEVICE).solve(profiles, network);
        assertThat(result.best().orElseThrow().source()).isEqualTo(camera);
        assertThat(result.best().orElseThrow().hops().get(0).kind()).isEqualTo(Hop.Kind.INPUT);
        assertThat(result.plans()).allSatisfy(p -> assertThat(p.segmentsOn(DEVICE)).isEmpty());
    }

    @Test
    void should_count_the_returned_result_when_asked() {
        Network uplinksOnly = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0.02, DataRate.mbps(20)))
                .tierLink(new TierLink(DEVICE, CLOUD, 0.02, DataRate.mbps(20)))
                .tierLink(new TierLink(EDGE, CLOUD, 0.025, DataRate.mbps(50))).build();
        assertThatThrownBy(() -> Scission.query().returnResult().solve(profiles, uplinksOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("edge1 (edge) -> pi (device), needed for returning the result");
        Network both = network; // the presets mirror their uplinks as downlinks
        PartitionConfig oneWay = Scission.query().exclude(DEVICE).top(1).solve(profiles, both).best()
                .orElseThrow();
        PartitionConfig back = Scission.query().exclude(DEVICE).returnResult().top(1).solve(profiles, both)
                .best().orElseThrow();
        assertThat(back.hops().get(back.hops().size() - 1).kind()).isEqualTo(Hop.Kind.RESULT);
        assertThat(back.bytesSent()).isEqualTo(oneWay.bytesSent() + 40);
        assertThat(back.latencySeconds()).isGreaterThan(oneWay.latencySeconds() + 0.02);
        assertThat(Scission.query().deadline(Duration.ofMillis(1)).solve(profiles, network).isEmpty()).isTrue();
    }
}
