package io.scission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.CopyCost;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceNetwork;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The copies of the model's own input and output between host and runtime in predictions, worked by hand. */
class CopyCostTest {

    private static final Resource DEVICE = Resource.of("d", Tier.DEVICE);
    private static final Resource CLOUD = Resource.of("c", Tier.CLOUD);
    private static final Offset<Double> EXACT = Offset.offset(1e-12);
    /** Device: in 2 ms + 1 ns/B, out 0.5 ms + 10 ns/B. */
    private static final CopyCost DEVICE_COPY = new CopyCost(0.002, 1e-9, 0.0005, 1e-8);
    /** Cloud: in 3 ms + 2 ns/B, out 0.25 ms + 5 ns/B. */
    private static final CopyCost CLOUD_COPY = new CopyCost(0.003, 2e-9, 0.00025, 5e-9);

    /**
     * Two blocks (input 1,000,000 bytes; block outputs 200,000 and 4,000 bytes); device 0.1 s per block, cloud
     * 0.01 s; device hop ends 1 ms each, cloud none.
     */
    private static ProfileSet profiles(CopyCost device, CopyCost cloud) {
        BlockLayout layout = Fixtures.layout("m", new int[] {1, 1}, new long[] {200_000, 4_000}, 1_000_000);
        ProfileSet set = Fixtures.profiles(layout, List.of(DEVICE, CLOUD), new double[][] {{0.1, 0.1}, {0.01, 0.01}});
        return ProfileSet.of(set.profile("d").orElseThrow().withHopCost(new HopCost(0.001, 0)).withCopyCost(device),
                set.profile("c").orElseThrow().withCopyCost(cloud));
    }

    /** 10 ms and 8 Mbps (10^6 bytes/s) between every pair of tiers. */
    private static Network network() {
        Network.Builder b = Network.builder();
        for (Tier x : List.of(Tier.DEVICE, Tier.CLOUD)) {
            for (Tier y : List.of(Tier.DEVICE, Tier.CLOUD)) {
                b.tierLink(new TierLink(x, y, 0.010, DataRate.mbps(8)));
            }
        }
        return b.build();
    }

    private static Map<String, PartitionConfig> byKey(List<PartitionConfig> plans) {
        return plans.stream().collect(Collectors.toMap(PartitionConfig::key, Function.identity()));
    }

    @Test
    void should_add_the_input_copy_on_the_source_and_the_output_copy_on_the_last_resource_when_profiles_record_them() {
        // GIVEN device: in 2 ms + 1 ns/B, out 0.5 ms + 10 ns/B; cloud: in 3 ms + 2 ns/B, out 0.25 ms + 5 ns/B
        ProfileSet profiles = profiles(DEVICE_COPY, CLOUD_COPY);
        // WHEN every plan from the device is priced
        Map<String, PartitionConfig> plans = byKey(Scission.query().top(10).solve(profiles, network()).plans());
        // THEN on the device alone: 0.2 s of blocks + the input's copy in (2 ms + 1,000,000 x 1 ns = 3 ms) + the
        // output's copy out (0.5 ms + 4,000 x 10 ns = 0.54 ms), all on the device's one segment
        PartitionConfig device = plans.get("d>d:0-1");
        assertThat(device.segments().get(0).computeSeconds()).isCloseTo(0.2 + 0.003 + 0.00054, EXACT);
        assertThat(device.latencySeconds()).isCloseTo(0.20354, EXACT);
        // AND split after block 0: the device copies the input in (3 ms), the cloud copies the output out (0.25 ms +
        // 4,000 x 5 ns = 0.27 ms); the hop is 10 ms + 0.2 s + 2 ms of hop ends, with no copy term of its own
        PartitionConfig split = plans.get("d>d:0-0|c:1-1");
        assertThat(split.segments().get(0).computeSeconds()).isCloseTo(0.1 + 0.003, EXACT);
        assertThat(split.segments().get(1).computeSeconds()).isCloseTo(0.01 + 0.00027, EXACT);
        assertThat(split.hops().get(0).seconds()).isCloseTo(0.010 + 0.2 + 0.001, EXACT);
        assertThat(split.latencySeconds()).isCloseTo(0.103 + 0.01027 + 0.211, EXACT);
        // AND all on the cloud: the input hop's receiving end stands for the input's copy (no copy in on the cloud),
        // the cloud copies the output out
        PartitionConfig cloud = plans.get("d>c:0-1");
        assertThat(cloud.segments().get(0).computeSeconds()).isCloseTo(0.02 + 0.00027, EXACT);
        assertThat(cloud.latencySeconds()).isCloseTo(0.02027 + 0.010 + 1.0 + 0.001, EXACT);
    }

    @Test
    void should_leave_the_output_copy_to_the_result_hop_when_the_result_returns_to_the_source() {
        // GIVEN the same costs, and the result returned to the device
        ProfileSet profiles = profiles(DEVICE_COPY, CLOUD_COPY);
        // WHEN
        Map<String, PartitionConfig> plans = byKey(Scission.query().top(10).returnResult()
                .solve(profiles, network()).plans());
        // THEN the split plan's cloud segment has no copy out (the result hop's sending end holds it) ...
        PartitionConfig split = plans.get("d>d:0-0|c:1-1");
        assertThat(split.segments().get(1).computeSeconds()).isCloseTo(0.01, EXACT);
        assertThat(split.segments().get(0).computeSeconds()).isCloseTo(0.103, EXACT);
        // ... and the device-only plan, which sends no result, still copies its output out
        assertThat(plans.get("d>d:0-1").segments().get(0).computeSeconds()).isCloseTo(0.20354, EXACT);
    }

    @Test
    void should_predict_bit_for_bit_as_before_when_no_profile_records_a_copy_cost() {
        // GIVEN the paper's reference profiles (no copy cost) and the same with CopyCost.NONE set
        ProfileSet paper = Scission.referenceProfiles("resnet50");
        List<Profile> same = paper.profiles().stream().map(p -> p.withCopyCost(CopyCost.NONE)).toList();
        Network net = Scission.referenceNetwork(ReferenceNetwork.THREE_G);
        // WHEN
        List<PartitionConfig> plans = Scission.query().top(20).solve(paper, net).plans();
        // THEN every segment is exactly the sum of its blocks' times, and nothing changes
        for (PartitionConfig p : plans) {
            for (Segment s : p.segments()) {
                double sum = 0.0;
                Profile profile = paper.profile(s.resource().name()).orElseThrow();
                for (int b = s.firstBlock(); b <= s.lastBlock(); b++) {
                    sum += profile.seconds(b, io.scission.profile.TimingStatistic.MEAN);
                }
                assertThat(s.computeSeconds()).isEqualTo(sum);
            }
        }
        assertThat(Scission.query().top(20).solve(ProfileSet.of(same), net).plans()).isEqualTo(plans);
    }

    @Test
    void should_refuse_a_negative_or_infinite_copy_cost_with_one_clear_error() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> new CopyCost(-1e-3, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("copy cost").hasMessageContaining("Maybe profile the resource again.");
        assertThatThrownBy(() -> new CopyCost(0, 0, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CopyCost.NONE.isRecorded()).isFalse();
        assertThat(new CopyCost(0, 0, 0, 1e-9).isRecorded()).isTrue();
    }
}
