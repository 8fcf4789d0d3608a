package io.scission.examples;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.Scission;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.profile.ProfileSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a user's project asserts on its plans in its own JUnit tests: placement rules the team relies on, checked
 * against the profiles it ships. Here the "project" deploys VGG19 and ResNet50 on the paper's hardware, the built-in
 * reference profiles.
 */
class MyModelPlacementTest {

    static ProfileSet vgg19;
    static ProfileSet resnet50;

    @BeforeAll
    static void loadProfiles() {
        vgg19 = Scission.referenceProfiles("vgg19");
        resnet50 = Scission.referenceProfiles("resnet50");
    }

    @Test
    void should_keep_the_first_layers_on_the_device_when_the_whole_pipeline_is_used_under_4g() {
        // GIVEN our deployment rule: every tier takes part; the drone sends a 150 KB image over 4G
        Query pipeline = Scission.query().mustUse(DEVICE, EDGE, CLOUD).inputSize(150, DataUnit.KB).top(1);
        // WHEN
        PartitionConfig plan = pipeline.solve(vgg19, Network.preset(NetworkPreset.FOUR_G)).best().orElseThrow();
        // THEN the raw image never leaves the device: the device runs the first block
        assertThat(plan.segments().get(0).resource().tier()).isEqualTo(DEVICE);
        assertThat(plan.segments().get(0).firstLayer()).isZero();
        assertThat(plan.segmentOfLayer(0).orElseThrow().resource().name()).isEqualTo("raspi4");
        assertThat(plan.hops()).noneMatch(h -> h.kind() == io.scission.Hop.Kind.INPUT);
    }

    @Test
    void should_send_less_than_1_mb_to_the_cloud_when_the_edge_prefilters() {
        // GIVEN the paper's query: the edge must be used and may send at most 1 MB to the cloud
        Query q = Scission.query().mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1, DataUnit.MB).inputSize(150, DataUnit.KB)
                .top(3);
        // WHEN
        var plans = q.solve(resnet50, Network.preset(NetworkPreset.WIRED)).plans();
        // THEN
        assertThat(plans).hasSize(3).allSatisfy(p -> assertThat(p.segmentsOn(EDGE)).isNotEmpty());
        assertThat(plans.get(0).latencySeconds()).isLessThan(0.5);
    }

    @Test
    void should_not_need_the_cloud_when_the_wired_edge_is_fast_enough() {
        // GIVEN a latency budget of 300 ms and no cloud (e.g. the backhaul is down)
        Query noCloud = Scission.query().exclude(CLOUD).deadline(java.time.Duration.ofMillis(300))
                .inputSize(150, DataUnit.KB);
        // WHEN
        var result = noCloud.solve(resnet50, Network.preset(NetworkPreset.WIRED));
        // THEN some edge-based plan meets the budget
        assertThat(result.plans()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.latencySeconds()).isLessThanOrEqualTo(0.3));
    }
}
