package io.scission.issues;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.DataRate;
import io.scission.platform.DataSize;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import io.scission.search.SearchStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The wrong answers of issue 10 ("exact for every platform, constraint meanings pinned by independent tests"), each
 * as it was reported.
 */
class Issue10Test {

    private static final List<Tier> STANDARD = List.of(DEVICE, EDGE, CLOUD);

    /** A profile of the given seconds per block (means only) on a layout of one layer per block. */
    static Profile profile(Resource r, BlockLayout layout, double... seconds) {
        List<BlockTiming> timings = new ArrayList<>();
        for (int b = 0; b < seconds.length; b++) {
            timings.add(new BlockTiming(layout.blocks().get(b), Timing.meanOnly(5, seconds[b])));
        }
        return new Profile(r, layout, Provenance.unknown("test", 5, ""), timings, List.of());
    }

    static BlockLayout layout(long input, long... out) {
        List<Block> blocks = new ArrayList<>();
        for (int b = 0; b < out.length; b++) {
            blocks.add(new Block(b, b, b, out[b]));
        }
        return new BlockLayout("m", out.length, input, PartitionRule.SCISSION, blocks);
    }

    /** Tier links between every pair of the tiers (both directions), 10 ms and 100 Mbps. */
    static Network tierLinks(List<Tier> tiers) {
        Network.Builder net = Network.builder();
        for (Tier a : tiers) {
            for (Tier b : tiers) {
                net.tierLink(new TierLink(a, b, 0.01, DataRate.mbps(100)));
            }
        }
        return net.build();
    }

    static List<String> keys(QueryResult result) {
        return result.plans().stream().map(PartitionConfig::key).toList();
    }

    @Nested
    class MoreThan64Resources {

        /** 1 device, 32 edges, 32 clouds; c0 is the fastest cloud, c1 the next, and a cloud-to-cloud hop is cheap. */
        ProfileSet fleet(int edges, int clouds) {
            BlockLayout layout = layout(150_000, 100_000, 20_000, 4_000);
            List<Profile> profiles = new ArrayList<>();
            profiles.add(profile(Resource.of("d0", DEVICE), layout, 0.5, 0.5, 0.5));
            for (int i = 0; i < edges; i++) {
                profiles.add(profile(Resource.of("e" + i, EDGE), layout, 0.2 + i, 0.2 + i, 0.2 + i));
            }
            for (int i = 0; i < clouds; i++) {
                double speed = i == 0 ? 0.010 : i == 1 ? 0.001 : 0.05 + i;
                profiles.add(profile(Resource.of("c" + i, CLOUD), layout, i == 1 ? 0.03 : 0.005, 0.005 + i * 0.001,
                        speed));
            }
            return ProfileSet.of(profiles);
        }

        @Test
        void should_find_plans_over_two_clouds_when_65_resources() {
            // GIVEN 65 resources and two resources per tier allowed
            ProfileSet profiles = fleet(32, 32);
            Network network = tierLinks(STANDARD);
            Query query = Scission.query().maxResourcesPerTier(2).top(3);
            // WHEN
            QueryResult bb = query.solve(profiles, network);
            QueryResult ex = query.strategy(SearchStrategy.EXHAUSTIVE).solve(profiles, network);
            // THEN branch and bound finds the two-cloud plans that exhaustive enumeration finds
            assertThat(keys(bb)).isEqualTo(keys(ex)).anyMatch(k -> k.contains("|c"));
            assertThat(bb.plans()).isEqualTo(ex.plans());
        }

        @Test
        void should_give_the_same_plans_when_63_or_65_resources() {
            // GIVEN the same best resources, with and without 2 more slow ones
            Query query = Scission.query().maxResourcesPerTier(2).top(3);
            Network network = tierLinks(STANDARD);
            // WHEN
            QueryResult small = query.solve(fleet(31, 31), network);
            QueryResult large = query.solve(fleet(32, 32), network);
            // THEN
            assertThat(keys(large)).isEqualTo(keys(small)).hasSize(3);
        }
    }

    @Nested
    class LinksThatNoPlanUses {

        final BlockLayout layout = layout(1000, 500, 100);
        final Resource d1 = Resource.of("d1", DEVICE);
        final Resource e1 = Resource.of("e1", EDGE);
        final Resource c1 = Resource.of("c1", CLOUD);
        final ProfileSet profiles = ProfileSet.of(profile(d1, layout, 1, 1), profile(e1, layout, 0.1, 0.1),
                profile(c1, layout, 0.01, 0.01));

        @Test
        void should_not_ask_for_device_links_when_the_source_is_an_edge() {
            // GIVEN links between edge and cloud only
            Network network = Network.builder().tierLink(new TierLink(EDGE, CLOUD, 0.01, DataRate.mbps(10))).build();
            // WHEN
            QueryResult result = Scission.query().source("e1").solve(profiles, network);
            // THEN the device tier, below the source's, never runs and needs no link
            assertThat(keys(result)).containsExactly("e1>c1:0-1", "e1>e1:0-0|c1:1-1", "e1>e1:0-1");
        }

        @Test
        void should_not_ask_for_links_of_a_tier_below_the_source() {
            // GIVEN a sensor tier of negative rank, profiled but without any link
            Resource s1 = Resource.of("s1", Tier.of("sensor", -10));
            ProfileSet withSensor = profiles.with(profile(s1, layout, 0.001, 0.001));
            // WHEN
            QueryResult result = Scission.query().solve(withSensor, tierLinks(STANDARD));
            // THEN the default source is the device; the sensor, below it, never runs
            assertThat(result.plans()).isNotEmpty().allSatisfy(p -> assertThat(p.segments())
                    .noneMatch(s -> s.resource().equals(s1)));
        }

        @Test
        void should_explain_no_plan_when_the_excluded_tier_lacks_links() {
            // GIVEN no link into the edge tier
            Network network = Network.builder().tierLink(new TierLink(DEVICE, CLOUD, 0.01, DataRate.mbps(10)))
                    .build();
            // WHEN
            QueryResult result = Scission.query().exclude(EDGE).mustUse("e1").solve(profiles, network);
            // THEN no plan, explained, instead of an error about d1 -> e1
            assertThat(result.plans()).isEmpty();
            assertThat(result.whyEmpty().orElseThrow())
                    .contains("without exclude(EDGE) plans would need links the network lacks (d1 (device) -> e1 "
                            + "(edge), needed for the input upload");
        }
    }

    @Nested
    class TheSourceTier {

        final BlockLayout layout = layout(1000, 500, 100);
        final ProfileSet profiles = ProfileSet.of(profile(Resource.of("d1", DEVICE), layout, 0.1, 0.1),
                profile(Resource.of("d2", DEVICE), layout, 0.01, 0.01), profile(Resource.of("e1", EDGE), layout,
                        0.05, 0.05));
        final Network network = tierLinks(List.of(DEVICE, EDGE));

        @Test
        void should_let_a_device_run_when_an_unprofiled_camera_sends_the_input() {
            // WHEN
            QueryResult result = Scission.query().source(Resource.of("cam", DEVICE)).mustUse("d1")
                    .maxResourcesPerTier(2).solve(profiles, network);
            // THEN the camera's own tier runs blocks; the camera runs none
            assertThat(keys(result)).isNotEmpty().allMatch(k -> k.startsWith("cam>") && k.contains("d1:"))
                    .contains("cam>d1:0-1", "cam>d2:0-0|d1:1-1");
            assertThat(result.plans()).allSatisfy(p -> assertThat(p.segments())
                    .noneMatch(s -> s.resource().name().equals("cam")));
        }

        @Test
        void should_let_one_device_run_when_the_camera_sends_and_one_per_tier() {
            // WHEN the default: one resource per tier
            QueryResult result = Scission.query().source(Resource.of("cam", DEVICE)).top(3)
                    .solve(profiles, network);
            // THEN
            assertThat(keys(result)).containsExactly("cam>d2:0-1", "cam>d2:0-0|e1:1-1", "cam>e1:0-1");
        }

        @Test
        void should_hand_the_input_to_another_device_when_two_per_tier() {
            // WHEN
            QueryResult result = Scission.query().maxResourcesPerTier(2).source("d1").mustUse("d2")
                    .solve(profiles, network);
            // THEN d1 sends the input and d2 runs the first segment
            assertThat(keys(result)).contains("d1>d2:0-1", "d1>d1:0-0|d2:1-1");
        }

        @Test
        void should_keep_a_profiled_source_as_its_tiers_resource_when_one_per_tier() {
            // WHEN
            QueryResult result = Scission.query().source("d1").mustUse("d2").solve(profiles, network);
            // THEN d1 holds the device tier's one place, so d2 cannot run
            assertThat(result.plans()).isEmpty();
        }
    }

    @Nested
    class Overflow {

        @Test
        void should_refuse_an_output_size_above_two_to_the_fifty_bytes() {
            assertThatThrownBy(() -> new Block(0, 0, 0, Long.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The output size (9223372036854775807 bytes) of block 0 must be at most "
                            + "1125899906842624 bytes");
            assertThat(new Block(0, 0, 0, Block.MAX_BYTES).outputBytes()).isEqualTo(1L << 50);
        }

        @Test
        void should_sum_bytes_exactly_when_sizes_are_at_the_limit() {
            // GIVEN every output at the largest size
            BlockLayout layout = layout(Block.MAX_BYTES, Block.MAX_BYTES, Block.MAX_BYTES, Block.MAX_BYTES);
            ProfileSet profiles = ProfileSet.of(profile(Resource.of("d", DEVICE), layout, 1, 1, 1),
                    profile(Resource.of("e", EDGE), layout, 0, 0, 0), profile(Resource.of("c", CLOUD), layout, 0,
                            0, 0));
            Query capped = Scission.query().distributedOnly().maxTotalTransfer(DataSize.ofBytes(2 * Block.MAX_BYTES));
            // WHEN
            QueryResult all = capped.strategy(SearchStrategy.EXHAUSTIVE).top(100).solve(profiles,
                    tierLinks(STANDARD));
            // THEN no total is negative, and the cap holds exactly
            assertThat(all.plans()).isNotEmpty().allSatisfy(p -> assertThat(p.bytesSent())
                    .isBetween(Block.MAX_BYTES, 2 * Block.MAX_BYTES));
            assertThat(capped.solve(profiles, tierLinks(STANDARD)).plans()).isEqualTo(all.plans().subList(0, 5));
        }

        @Test
        void should_name_the_size_when_a_query_size_overflows() {
            assertThatThrownBy(() -> Query.parse("maxTotalTransfer(1e30B)"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The data size (1e30 B) is too large: more than 9223372036854775807 bytes");
            assertThat(Query.parse("maxTotalTransfer(9223372036854775807B)").toParsableString())
                    .isEqualTo("maxTotalTransfer(9223372036854775807B)");
            assertThatThrownBy(() -> DataSize.of(1e30, DataUnit.B)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too large");
            assertThatThrownBy(() -> Scission.query().inputSize(2, DataUnit.GIB).inputSize(DataSize.ZERO))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> Scission.query().inputSize(DataSize.ofBytes(Block.MAX_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The size (1125899906842625 bytes) of inputSize(...) must be at most");
        }

        @Test
        void should_round_a_cap_down_when_it_has_a_fraction_of_a_byte() {
            assertThat(Query.parse("maxTotalTransfer(0.9995KB)").toParsableString())
                    .isEqualTo("maxTotalTransfer(999B)");
            assertThat(DataSize.of(0.9995, DataUnit.KB).bytes()).isEqualTo(999);
            assertThat(DataSize.of(0.9995, DataUnit.KB, java.math.RoundingMode.UP).bytes()).isEqualTo(1000);
            assertThat(DataSize.parse("0.15MB").bytes()).isEqualTo(150_000);
        }

        @Test
        void should_refuse_profiles_when_they_disagree_on_the_input_size() {
            Profile a = profile(Resource.of("d", DEVICE), layout(1_000, 10), 1);
            Profile b = profile(Resource.of("e", EDGE), layout(5_000_000, 10), 1);
            assertThatThrownBy(() -> ProfileSet.of(a, b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The profile of d gives model m an input of 1000 bytes but the profile "
                            + "of e gives 5000000 bytes");
        }

        @Test
        void should_name_the_resource_when_its_block_times_add_up_to_infinity() {
            BlockLayout layout = layout(10, 10, 10, 10);
            ProfileSet profiles = ProfileSet.of(profile(Resource.of("d", DEVICE), layout, 1e308, 1e308, 1e308));
            assertThatThrownBy(() -> Scission.query().solve(profiles, tierLinks(STANDARD)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The block times of d (device) add up to more than");
        }
    }
}
