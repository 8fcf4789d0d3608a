package io.scission;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.BlockLayout;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-hop cost of the profiles (format version 3) in predictions, worked by hand. */
class HopCostTest {

    private static final Resource DEVICE = Resource.of("d", Tier.DEVICE);
    private static final Resource CLOUD = Resource.of("c", Tier.CLOUD);

    /** Two blocks; device 0.1 s per block, cloud 0.01 s; 10 ms and 8 Mbps (10^6 bytes/s) between them. */
    private static ProfileSet profiles(HopCost device, HopCost cloud) {
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {200_000, 4_000}, 1_000_000);
        ProfileSet set = Fixtures.profiles(layout, List.of(DEVICE, CLOUD), new double[][] {{0.1, 0.1}, {0.01, 0.01}});
        return ProfileSet.of(set.profile("d").orElseThrow().withHopCost(device),
                set.profile("c").orElseThrow().withHopCost(cloud));
    }


    @Test
    void should_add_both_ends_fixed_and_per_byte_cost_to_each_hop_when_the_profiles_record_them() {
        // GIVEN device: 1 ms + 2 ns/B per hop end, cloud: 0.5 ms + 1 ns/B
        ProfileSet profiles = profiles(new HopCost(0.001, 2e-9), new HopCost(0.0005, 1e-9));
        // WHEN the plan that cuts after block 0 is evaluated
        PartitionConfig split = Scission.query().top(10).solve(profiles, Fixtures.deviceCloudAt8Mbps()).plans().stream()
                .filter(p -> p.segments().size() == 2).findFirst().orElseThrow();
        // THEN its hop carries 200,000 bytes: 10 ms + 0.2 s link, + 1.5 ms fixed + 200,000 x 3 ns = 0.6 ms
        Hop hop = split.hops().get(0);
        assertThat(hop.bytes()).isEqualTo(200_000);
        assertThat(hop.seconds()).isCloseTo(0.010 + 0.2 + 0.0015 + 0.0006, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(split.latencySeconds()).isCloseTo(0.1 + 0.01 + 0.2121, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void should_predict_bit_for_bit_as_before_when_no_profile_records_a_hop_cost() {
        // GIVEN the paper's reference profiles (format version 1, no hop cost) and the same with HopCost.NONE set
        ProfileSet paper = Scission.referenceProfiles("resnet50");
        List<Profile> same = paper.profiles().stream().map(p -> p.withHopCost(HopCost.NONE)).toList();
        Network net = Scission.referenceNetwork(ReferenceNetwork.THREE_G);
        // WHEN
        List<PartitionConfig> plans = Scission.query().top(20).solve(paper, net).plans();
        // THEN every hop is exactly latency + bytes / bandwidth
        for (PartitionConfig p : plans) {
            for (Hop h : p.hops()) {
                assertThat(h.seconds()).isEqualTo(net.link(h.from(), h.to()).orElseThrow().latencySeconds()
                        + h.bytes() / net.link(h.from(), h.to()).orElseThrow().bandwidth().bytesPerSecond());
            }
        }
        assertThat(Scission.query().top(20).solve(ProfileSet.of(same), net).plans()).isEqualTo(plans);
    }

    @Test
    void should_cost_nothing_at_an_unprofiled_source() {
        // GIVEN a camera (no profile) that sends the input to the device, whose hop end costs 1 ms + 1 ns/B
        ProfileSet profiles = profiles(new HopCost(0.001, 1e-9), HopCost.NONE);
        Resource camera = Resource.of("camera", Tier.DEVICE);
        // WHEN
        PartitionConfig best = Scission.query().source(camera).nativeOnly().mustUse(Tier.DEVICE)
                .solve(profiles, Fixtures.deviceCloudAt8Mbps()).plans().get(0);
        // THEN the input hop pays the link and the device's end only
        Hop input = best.hops().get(0);
        assertThat(input.seconds()).isCloseTo(0.010 + 1.0 + 0.001 + 0.001, org.assertj.core.data.Offset.offset(1e-12));
    }
}
