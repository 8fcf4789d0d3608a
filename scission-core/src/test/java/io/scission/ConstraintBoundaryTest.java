package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.DataSize;
import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.BlockMemory;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The meaning of every constraint kind, objective and plan rule, pinned on one tiny platform whose numbers are all
 * exact in binary, so each boundary is hit exactly: a plan at a limit is kept, and one byte, one layer or one ulp
 * past it is dropped. Every row is computed by hand below; the plans are keys {@code source>resource:blocks|...}.
 *
 * <pre>
 * blocks        0 (layers 0-1)   1 (layer 2)   2 (layers 3-4)     input 4096 B
 * output bytes  1024             256           16
 * d (device)    0.5 s            0.25 s        0.5 s
 * e (edge)      0.125 s          0.125 s       0.25 s
 * f (edge)      1 s              1 s           1 s
 * c (cloud)     0.0625 s         0.0625 s      0.125 s
 * links (no latency): device-edge 1024 B/s, device-cloud 512 B/s, edge-cloud 2048 B/s, edge-edge 2048 B/s,
 *                     device-device 1024 B/s, and the same bandwidths back
 * memory (every resource): weight bytes 1000, 2000, 4000; activation bytes 8000, 500, 3000, so a segment's working
 *                     memory (Σ weights + largest activations) is 0-0: 9000, 1-1: 2500, 2-2: 7000, 0-1: 11000,
 *                     1-2: 9000, 0-2: 15000
 * power (W)     compute  transmit  receive  idle
 * d             4        2         1        0.5
 * e             8        1         2        2
 * f, c          1        1         1        1
 * </pre>
 *
 * The best plans for the default query (minimum latency, default source d):
 * <pre>
 * d>d:0-2            1.25 s   0 B      compute 0.5+0.25+0.5
 * d>d:0-1|e:2-2      1.25 s   256 B    0.75 + 256/1024 + 0.25        (a latency tie: fewer bytes first)
 * d>d:0-1|c:2-2      1.375 s  256 B    0.75 + 256/512 + 0.125
 * d>d:0-0|e:1-2      1.875 s  1024 B   0.5 + 1024/1024 + 0.375
 * d>d:0-0|e:1-1|c:2-2 1.875 s 1280 B   0.5 + 1 + 0.125 + 256/2048 + 0.125
 * d>d:0-1|f:2-2      2.0 s    256 B    0.75 + 0.25 + 1
 * </pre>
 */
class ConstraintBoundaryTest {

    static final Tier FOG = Tier.of("fog", 50);
    static final List<BlockMemory> MEMORY = List.of(BlockMemory.estimate(1000, 8000), BlockMemory.estimate(2000, 500),
            BlockMemory.estimate(4000, 3000));

    static final ProfileSet PROFILES;
    static final Network NETWORK;

    static {
        BlockLayout layout = Fixtures.layout("tiny", new int[] {2, 1, 2}, new long[] {1024, 256, 16}, 4096);
        PROFILES = withMemory(Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE).withPower(new Power(4, 2, 1,
                0.5)), Resource.of("e", EDGE).withPower(Power.of(8, 1, 2)), Resource.of("f", EDGE).withPower(Power.of(1,
                1, 1)), Resource.of("c", CLOUD).withPower(Power.of(1, 1, 1))), new double[][] {{0.5, 0.25, 0.5},
                    {0.125, 0.125, 0.25}, {1, 1, 1}, {0.0625, 0.0625, 0.125}}));
        NETWORK = Network.builder()
                .tierLink(new TierLink(DEVICE, EDGE, 0, new DataRate(1024)))
                .tierLink(new TierLink(EDGE, DEVICE, 0, new DataRate(1024)))
                .tierLink(new TierLink(DEVICE, CLOUD, 0, new DataRate(512)))
                .tierLink(new TierLink(CLOUD, DEVICE, 0, new DataRate(512)))
                .tierLink(new TierLink(EDGE, CLOUD, 0, new DataRate(2048)))
                .tierLink(new TierLink(CLOUD, EDGE, 0, new DataRate(2048)))
                .tierLink(new TierLink(EDGE, EDGE, 0, new DataRate(2048)))
                .tierLink(new TierLink(DEVICE, DEVICE, 0, new DataRate(1024)))
                .build();
    }

    static ProfileSet withMemory(ProfileSet profiles) {
        return ProfileSet.of(profiles.profiles().stream().map(p -> p.withMemory(MEMORY)).toList());
    }

    /** A query, a plan, and whether the query keeps it. */
    record Row(String query, String plan, boolean kept) {
        @Override
        public String toString() {
            return query + (kept ? " keeps " : " drops ") + plan;
        }
    }

    static Row keeps(String query, String plan) {
        return new Row(query, plan, true);
    }

    static Row drops(String query, String plan) {
        return new Row(query, plan, false);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // mustUse / exclude: "runs there" means runs a block; the source that only sends runs nothing
                keeps("mustUse(EDGE)", "d>d:0-1|e:2-2"), drops("mustUse(EDGE)", "d>d:0-2"),
                keeps("mustUse(\"d\")", "d>d:0-2"), drops("mustUse(\"d\")", "d>e:0-2"),
                drops("exclude(DEVICE)", "d>d:0-1|e:2-2"), keeps("exclude(DEVICE)", "d>e:0-2"),
                drops("exclude(\"e\")", "d>d:0-1|e:2-2"), keeps("exclude(\"e\")", "d>d:0-1|f:2-2"),
                // include: on the tier, only the named ones may run
                keeps("include(EDGE, \"e\")", "d>d:0-1|e:2-2"), drops("include(EDGE, \"e\")", "d>d:0-1|f:2-2"),
                keeps("include(EDGE, \"e\")", "d>d:0-1|c:2-2"),
                // nativeOnly / distributedOnly count segments, not hops
                keeps("nativeOnly()", "d>e:0-2"), drops("nativeOnly()", "d>d:0-1|e:2-2"),
                drops("distributedOnly()", "d>e:0-2"), keeps("distributedOnly()", "d>d:0-1|e:2-2"),
                // placement: layer 1 is in block 0, layer 2 is block 1
                keeps("layerOn(1, DEVICE)", "d>d:0-0|e:1-2"), drops("layerOn(1, DEVICE)", "d>e:0-2"),
                keeps("layerOn(2, EDGE)", "d>d:0-0|e:1-2"), drops("layerOn(2, EDGE)", "d>d:0-1|e:2-2"),
                drops("layerNotOn(2, DEVICE)", "d>d:0-1|e:2-2"), keeps("layerNotOn(2, DEVICE)", "d>d:0-0|e:1-2"),
                keeps("blockOn(1, \"e\")", "d>d:0-0|e:1-2"), drops("blockOn(1, \"e\")", "d>d:0-0|f:1-2"),
                drops("blockNotOn(2, CLOUD)", "d>d:0-1|c:2-2"), keeps("blockNotOn(2, CLOUD)", "d>d:0-1|e:2-2"),
                // maxTransfer: hops from a matching sender to a matching receiver, the input upload included
                keeps("maxTransfer(DEVICE, EDGE, 1024B)", "d>d:0-0|e:1-2"),
                drops("maxTransfer(DEVICE, EDGE, 1023B)", "d>d:0-0|e:1-2"),
                keeps("maxTransfer(DEVICE, EDGE, 4096B)", "d>e:0-2"),
                drops("maxTransfer(DEVICE, EDGE, 4095B)", "d>e:0-2"),
                keeps("maxTransfer(EDGE, CLOUD, 256B)", "d>d:0-0|e:1-1|c:2-2"),
                drops("maxTransfer(EDGE, CLOUD, 255B)", "d>d:0-0|e:1-1|c:2-2"),
                keeps("maxTransfer(EDGE, CLOUD, 0B)", "d>d:0-0|e:1-2"),
                // maxTransferOut: hops that leave the target (device -> edge leaves the device, not the edge)
                keeps("maxTransferOut(DEVICE, 1024B)", "d>d:0-0|e:1-2"),
                drops("maxTransferOut(DEVICE, 1023B)", "d>d:0-0|e:1-2"),
                keeps("maxTransferOut(EDGE, 0B)", "d>d:0-0|e:1-2"),
                drops("maxTransferOut(EDGE, 255B)", "d>d:0-0|e:1-1|c:2-2"),
                keeps("maxTransferOut(\"e\", 256B)", "d>d:0-0|e:1-1|c:2-2"),
                // maxTotalTransfer, and a fraction of a byte rounded down: 1.2805 KB is 1280 B, 1.2799 KB 1279 B
                keeps("maxTotalTransfer(1280B)", "d>d:0-0|e:1-1|c:2-2"),
                drops("maxTotalTransfer(1279B)", "d>d:0-0|e:1-1|c:2-2"),
                keeps("maxTotalTransfer(1.2805KB)", "d>d:0-0|e:1-1|c:2-2"),
                drops("maxTotalTransfer(1.2799KB)", "d>d:0-0|e:1-1|c:2-2"),
                // maxComputeTime: 0.5 s on the device
                keeps("maxComputeTime(DEVICE, 500ms)", "d>d:0-0|e:1-2"),
                drops("maxComputeTime(DEVICE, 0.49999999999999994s)", "d>d:0-0|e:1-2"),
                keeps("maxComputeTime(\"e\", 0.375s)", "d>d:0-0|e:1-2"),
                drops("maxComputeTime(EDGE, 0.37499999999999994s)", "d>d:0-0|e:1-2"),
                // compute shares of d>d:0-0|e:1-2: device 0.5 s of compute 0.875 s, of latency 1.875 s
                keeps("maxComputeShare(DEVICE, " + (0.5 / 0.875) + ", COMPUTE)", "d>d:0-0|e:1-2"),
                drops("maxComputeShare(DEVICE, " + Math.nextDown(0.5 / 0.875) + ", COMPUTE)", "d>d:0-0|e:1-2"),
                drops("maxComputeShare(DEVICE, 0.3, COMPUTE)", "d>d:0-0|e:1-2"),
                keeps("maxComputeShare(DEVICE, 0.3, LATENCY)", "d>d:0-0|e:1-2"),
                keeps("minComputeShare(EDGE, " + (0.375 / 0.875) + ", COMPUTE)", "d>d:0-0|e:1-2"),
                drops("minComputeShare(EDGE, " + Math.nextUp(0.375 / 0.875) + ", COMPUTE)", "d>d:0-0|e:1-2"),
                keeps("minComputeShare(EDGE, 0.2, LATENCY)", "d>d:0-0|e:1-2"),
                drops("minComputeShare(EDGE, 0.25, LATENCY)", "d>d:0-0|e:1-2"),
                keeps("maxComputeShare(EDGE, 0, COMPUTE)", "d>d:0-2"),
                // layers: d>d:0-0|e:1-2 runs 2 of the 5 layers on the device
                keeps("minLayers(DEVICE, 2)", "d>d:0-0|e:1-2"), drops("minLayers(DEVICE, 3)", "d>d:0-0|e:1-2"),
                keeps("maxLayers(DEVICE, 2)", "d>d:0-0|e:1-2"), drops("maxLayers(DEVICE, 1)", "d>d:0-0|e:1-2"),
                keeps("minLayers(\"e\", 3)", "d>d:0-0|e:1-2"), drops("minLayers(\"e\", 4)", "d>d:0-0|e:1-2"),
                keeps("minLayerShare(DEVICE, 0.4)", "d>d:0-0|e:1-2"),
                drops("minLayerShare(DEVICE, " + Math.nextUp(0.4) + ")", "d>d:0-0|e:1-2"),
                keeps("maxLayerShare(DEVICE, 0.4)", "d>d:0-0|e:1-2"),
                drops("maxLayerShare(DEVICE, " + Math.nextDown(0.4) + ")", "d>d:0-0|e:1-2"),
                // deadline: end-to-end latency 1.875 s
                keeps("deadline(1875ms)", "d>d:0-0|e:1-2"),
                drops("deadline(" + Math.nextDown(1.875) + "s)", "d>d:0-0|e:1-2"),
                // maxEnergy of d>d:0-0|e:1-2 (latency 1.875 s): the device computes 0.5 s, sends 1 s, idles 0.375 s:
                // 4*0.5 + 2*1 + 0.5*0.375 = 4.1875 J; the edge computes 0.375 s, receives 1 s, idles 0.5 s:
                // 8*0.375 + 2*1 + 2*0.5 = 6 J; the cloud takes no part: 0 J
                keeps("maxEnergy(DEVICE, 4.1875J)", "d>d:0-0|e:1-2"),
                drops("maxEnergy(DEVICE, " + Math.nextDown(4.1875) + "J)", "d>d:0-0|e:1-2"),
                keeps("maxEnergy(\"e\", 6J)", "d>d:0-0|e:1-2"),
                drops("maxEnergy(EDGE, " + Math.nextDown(6.0) + "J)", "d>d:0-0|e:1-2"),
                keeps("maxEnergy(CLOUD, 0J)", "d>d:0-0|e:1-2"), drops("maxEnergy(CLOUD, 0J)", "d>d:0-1|c:2-2"),
                keeps("maxEnergy(DEVICE, 4187.5mJ)", "d>d:0-0|e:1-2"),
                // the result hop is received at 1 W: 4*0.75 + 2*0.25 + 1*0.015625 + 0.5*0.25 = 3.640625 J
                keeps("returnResult().maxEnergy(DEVICE, 3.640625J)", "d>d:0-1|e:2-2"),
                drops("returnResult().maxEnergy(DEVICE, " + Math.nextDown(3.640625) + "J)", "d>d:0-1|e:2-2"),
                // returnResult: the 16-byte output goes back from the last resource; 1.25 + 16/1024 s
                keeps("returnResult().deadline(1.265625s)", "d>d:0-1|e:2-2"),
                drops("returnResult().deadline(" + Math.nextDown(1.265625) + "s)", "d>d:0-1|e:2-2"),
                keeps("returnResult().maxTotalTransfer(272B)", "d>d:0-1|e:2-2"),
                keeps("returnResult().maxTotalTransfer(0B)", "d>d:0-2"),
                // inputSize replaces the model's input in the first hop: 2048/1024 + 0.5 s
                keeps("inputSize(2048B).deadline(2.5s)", "d>e:0-2"),
                drops("inputSize(2048B).deadline(" + Math.nextDown(2.5) + "s)", "d>e:0-2"),
                drops("deadline(2.5s)", "d>e:0-2"),
                // sources: a profiled source holds its tier's place; tiers below it never run
                keeps("source(\"e\")", "e>e:0-2"), keeps("source(\"e\")", "e>c:0-2"),
                drops("source(\"e\")", "e>f:0-2"), keeps("source(\"e\").maxResourcesPerTier(2)", "e>f:0-2"),
                keeps("source(\"e\").maxResourcesPerTier(2)", "e>e:0-0|f:1-2"),
                drops("source(\"e\").maxResourcesPerTier(2)", "e>f:0-0|e:1-2"),
                // an unprofiled camera only sends: a device of its tier runs
                keeps("source(\"cam\", DEVICE)", "cam>d:0-2"), keeps("source(\"cam\", DEVICE)", "cam>d:0-1|e:2-2"),
                drops("source(\"cam\", DEVICE)", "cam>cam:0-2"),
                // two per tier, one after another, each resource once
                keeps("maxResourcesPerTier(2)", "d>d:0-0|e:1-1|f:2-2"), drops("", "d>d:0-0|e:1-1|f:2-2"),
                // maxMemory: each segment on the target, Σ weights + largest activations; the sending source
                // runs nothing; each resource of a tier on its own (e 2500 + f 7000 would be 9500)
                keeps("maxMemory(DEVICE, 15000B)", "d>d:0-2"), drops("maxMemory(DEVICE, 14999B)", "d>d:0-2"),
                keeps("maxMemory(DEVICE, 11000B)", "d>d:0-1|e:2-2"),
                drops("maxMemory(DEVICE, 10999B)", "d>d:0-1|e:2-2"),
                keeps("maxMemory(EDGE, 7000B)", "d>d:0-1|e:2-2"), drops("maxMemory(EDGE, 6999B)", "d>d:0-1|e:2-2"),
                keeps("maxMemory(DEVICE, 0B)", "d>e:0-2"),
                keeps("maxMemory(\"e\", 9000B)", "d>d:0-0|e:1-2"), drops("maxMemory(\"e\", 8999B)", "d>d:0-0|e:1-2"),
                keeps("maxMemory(\"e\", 0B)", "d>d:0-0|f:1-2"),
                keeps("maxResourcesPerTier(2).maxMemory(EDGE, 7000B)", "d>d:0-0|e:1-1|f:2-2"),
                drops("maxResourcesPerTier(2).maxMemory(EDGE, 6999B)", "d>d:0-0|e:1-1|f:2-2"),
                keeps("maxMemory(DEVICE, 15KB)", "d>d:0-2"), drops("maxMemory(DEVICE, 0.0149999MB)", "d>d:0-2"),
                // a user tier between device and edge is not in these profiles: nothing runs on it
                keeps("exclude(tier(\"fog\", 50))", "d>d:0-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void should_keep_a_plan_exactly_when_it_meets_the_constraint(Row row) {
        // GIVEN
        Query query = Query.parse(row.query().isEmpty() ? "top(1000)" : row.query() + ".top(1000)");
        // WHEN
        List<String> kept = query.solve(PROFILES, NETWORK).plans().stream().map(PartitionConfig::key).toList();
        List<String> reference = ReferenceEvaluator.solve(query, PROFILES, NETWORK).stream()
                .map(PartitionConfig::key).toList();
        // THEN
        if (row.kept()) {
            assertThat(kept).as(row.toString()).contains(row.plan());
        } else {
            assertThat(kept).as(row.toString()).doesNotContain(row.plan());
        }
        assertThat(kept).as("the reference for %s", row.query()).isEqualTo(reference);
    }

    @Test
    void should_apply_a_resource_memory_capacity_when_no_constraint_names_it() {
        // GIVEN the device holds at most 11000 bytes, then one byte less
        ProfileSet at = PROFILES.withResource(Resource.of("d", DEVICE).withMemory(DataSize.ofBytes(11_000)));
        ProfileSet below = PROFILES.withResource(Resource.of("d", DEVICE).withMemory(DataSize.ofBytes(10_999)));
        Query query = Query.parse("top(1000)");
        // WHEN
        List<String> keptAt = query.solve(at, NETWORK).plans().stream().map(PartitionConfig::key).toList();
        List<String> keptBelow = query.solve(below, NETWORK).plans().stream().map(PartitionConfig::key).toList();
        // THEN the whole model on the device (15000) never fits; blocks 0-1 (11000) fit only at the limit
        assertThat(keptAt).doesNotContain("d>d:0-2").contains("d>d:0-1|e:2-2", "d>e:0-2");
        assertThat(keptBelow).doesNotContain("d>d:0-2", "d>d:0-1|e:2-2").contains("d>d:0-0|e:1-2", "d>e:0-2");
        assertThat(keptAt).isEqualTo(ReferenceEvaluator.solve(query, at, NETWORK).stream().map(PartitionConfig::key)
                .toList());
        assertThat(keptBelow).isEqualTo(ReferenceEvaluator.solve(query, below, NETWORK).stream()
                .map(PartitionConfig::key).toList());
        assertThat(query.strategy(SearchStrategy.EXHAUSTIVE).solve(below, NETWORK).plans())
                .isEqualTo(query.solve(below, NETWORK).plans());
    }

    @Test
    void should_name_the_capacity_when_it_leaves_no_plan() {
        // GIVEN a device of 8999 bytes that must run everything
        ProfileSet small = PROFILES.withResource(Resource.of("d", DEVICE).withMemory(DataSize.ofBytes(8_999)));
        // WHEN
        QueryResult result = Query.parse("nativeOnly().exclude(EDGE).exclude(CLOUD)").solve(small, NETWORK);
        // THEN
        assertThat(result.plans()).isEmpty();
        assertThat(result.whyEmpty().orElseThrow()).contains("without maxMemory(\"d\", 8999B) the best plan would "
                + "be");
    }

    @Test
    void should_report_each_segment_memory_in_the_plan() {
        // WHEN
        PartitionConfig plan = Query.parse("maxResourcesPerTier(2).top(1000)").solve(PROFILES, NETWORK).plans()
                .stream().filter(p -> p.key().equals("d>d:0-0|e:1-1|f:2-2")).findFirst().orElseThrow();
        // THEN
        assertThat(plan.segments()).extracting(Segment::memoryBytes).containsExactly(9000L, 2500L, 7000L);
    }

    @Test
    void should_cover_every_constraint_kind() {
        // GIVEN
        Set<Class<?>> covered = new HashSet<>();
        // WHEN
        rows().forEach(r -> Query.parse(r.query()).constraints().forEach(c -> covered.add(c.getClass())));
        // THEN
        assertThat(covered).containsExactlyInAnyOrder(Constraint.class.getPermittedSubclasses());
    }

    @Test
    void should_rank_by_latency_then_bytes_then_key_when_the_default_query() {
        // WHEN
        List<PartitionConfig> plans = Scission.query().top(6).solve(PROFILES, NETWORK).plans();
        // THEN
        assertThat(plans).extracting(PartitionConfig::key, PartitionConfig::latencySeconds, PartitionConfig::bytesSent)
                .containsExactly(tuple("d>d:0-2", 1.25, 0L), tuple("d>d:0-1|e:2-2", 1.25, 256L),
                        tuple("d>d:0-1|c:2-2", 1.375, 256L), tuple("d>d:0-0|e:1-2", 1.875, 1024L),
                        tuple("d>d:0-0|e:1-1|c:2-2", 1.875, 1280L), tuple("d>d:0-1|f:2-2", 2.0, 256L));
        assertThat(plans.get(3).computeSeconds()).isEqualTo(0.875);
        assertThat(plans.get(3).transferSeconds()).isEqualTo(1.0);
        assertThat(plans.get(3).hops()).extracting(Hop::kind, Hop::bytes, Hop::seconds)
                .containsExactly(tuple(Hop.Kind.INTERMEDIATE, 1024L, 1.0));
    }

    @Test
    void should_rank_by_bytes_then_latency_when_minimizing_transfer() {
        // WHEN
        List<PartitionConfig> plans = Query.parse("minimize(TRANSFER).top(4)").solve(PROFILES, NETWORK).plans();
        // THEN score = bytes; ties on 256 B broken by latency (1.25 < 1.375 < 2.0)
        assertThat(plans).extracting(PartitionConfig::key, PartitionConfig::score).containsExactly(
                tuple("d>d:0-2", 0.0), tuple("d>d:0-1|e:2-2", 256.0), tuple("d>d:0-1|c:2-2", 256.0),
                tuple("d>d:0-1|f:2-2", 256.0));
    }

    @Test
    void should_score_seconds_plus_weighted_bytes_when_weighted() {
        // GIVEN 1 per second + 1000 per MB, i.e. 0.001 per byte
        Query query = Query.parse("minimize(weighted(1, 1000)).top(3)");
        // WHEN
        List<PartitionConfig> plans = query.solve(PROFILES, NETWORK).plans();
        // THEN 1.25 + 0 B, then 1.25 + 0.256 (256 B), then 1.375 + 0.256
        assertThat(plans).extracting(PartitionConfig::key).containsExactly("d>d:0-2", "d>d:0-1|e:2-2",
                "d>d:0-1|c:2-2");
        assertThat(plans.get(1).score()).isEqualTo(1.25 + 256 * (1000 / 1e6));
    }

    @Test
    void should_rank_by_device_energy_when_minimizing_it() {
        // WHEN
        List<PartitionConfig> plans = Query.parse("minimize(energy(DEVICE)).top(5)").solve(PROFILES, NETWORK)
                .plans();
        // THEN by hand: 4*0.75 + 2*0.25 + 0.5*0.25; 3 + 2*0.25 + 0.5*1 (f); 3 + 2*0.5 + 0.5*0.125 (c);
        // 2 + 2*1 + 0.5*0.375, a tie with 2 + 2*1 + 0.5*(0.125 + 0.125 + 0.125) broken by bytes (1024 < 1280)
        assertThat(plans).extracting(PartitionConfig::key, PartitionConfig::score).containsExactly(
                tuple("d>d:0-1|e:2-2", 3.625), tuple("d>d:0-1|f:2-2", 4.0), tuple("d>d:0-1|c:2-2", 4.0625),
                tuple("d>d:0-0|e:1-2", 4.1875), tuple("d>d:0-0|e:1-1|c:2-2", 4.1875));
        assertThat(plans.get(3).energyJoules(Target.tier(EDGE))).isEqualTo(6.0);
        assertThat(ReferenceEvaluator.solve(Query.parse("minimize(energy(DEVICE)).top(5)"), PROFILES, NETWORK))
                .isEqualTo(plans);
    }

    @Test
    void should_score_seconds_plus_weighted_joules_when_weighted_with_energy() {
        // GIVEN 1 per second + 0.5 per joule of the device
        Query query = Query.parse("minimize(weights(1, 0, energy(DEVICE, 0.5))).top(3)");
        // WHEN
        List<PartitionConfig> plans = query.solve(PROFILES, NETWORK).plans();
        // THEN 1.25 + 0.5*3.625; 1.375 + 0.5*4.0625; 1.25 + 0.5*(4*1.25)
        assertThat(plans).extracting(PartitionConfig::key, PartitionConfig::score).containsExactly(
                tuple("d>d:0-1|e:2-2", 3.0625), tuple("d>d:0-1|c:2-2", 3.40625), tuple("d>d:0-2", 3.75));
        assertThat(query.strategy(SearchStrategy.EXHAUSTIVE).solve(PROFILES, NETWORK).plans()).isEqualTo(plans);
    }

    @Test
    void should_break_a_full_tie_by_the_key_when_two_resources_are_identical() {
        // GIVEN two identical clouds
        BlockLayout layout = Fixtures.layout("tie", new int[] {1}, new long[] {8}, 64);
        ProfileSet twins = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("c2", CLOUD),
                Resource.of("c1", CLOUD)), new double[][] {{1}, {0.5}, {0.5}});
        // WHEN
        List<String> keys = Scission.query().exclude(DEVICE).solve(twins, NETWORK).plans().stream()
                .map(PartitionConfig::key).toList();
        // THEN
        assertThat(keys).containsExactly("d>c1:0-0", "d>c2:0-0");
        assertThat(Scission.query().exclude(DEVICE).strategy(SearchStrategy.EXHAUSTIVE).solve(twins, NETWORK)
                .plans()).extracting(PartitionConfig::key).isEqualTo(keys);
    }
}
