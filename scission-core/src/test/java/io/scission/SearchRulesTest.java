package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.search.SearchStats;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan-shape rules (each resource once, at most n per tier, a profiled source holding its tier's place, the
 * return hop) and the search statistics, on small platforms where every plan can be counted by hand. Both
 * strategies must also return exactly what {@link ReferenceEvaluator} returns.
 */
class SearchRulesTest {

    /** The fixture of {@link ConstraintBoundaryTest} with a third edge g: d (device), e, f, g (edge), c (cloud). */
    static final ProfileSet THREE_EDGES;
    /** All tier links, both ways, edge to edge included; no cloud to cloud link (one cloud). */
    static final Network FULL;
    /** Like {@link #FULL} but nothing goes from the cloud back to the device. */
    static final Network NO_CLOUD_TO_DEVICE;

    static {
        BlockLayout layout = Fixtures.layout("tiny", new int[] {2, 1, 2}, new long[] {1024, 256, 16}, 4096);
        THREE_EDGES = Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE),
                Resource.of("f", EDGE), Resource.of("g", EDGE), Resource.of("c", CLOUD)), new double[][] {
                    {0.5, 0.25, 0.5}, {0.125, 0.125, 0.25}, {1, 1, 1}, {0.25, 0.5, 0.75}, {0.0625, 0.0625, 0.125}});
        Network.Builder full = Network.builder()
                .tierLink(new TierLink(DEVICE, EDGE, 0, new DataRate(1024)))
                .tierLink(new TierLink(EDGE, DEVICE, 0, new DataRate(1024)))
                .tierLink(new TierLink(DEVICE, CLOUD, 0, new DataRate(512)))
                .tierLink(new TierLink(EDGE, CLOUD, 0, new DataRate(2048)))
                .tierLink(new TierLink(CLOUD, EDGE, 0, new DataRate(2048)))
                .tierLink(new TierLink(EDGE, EDGE, 0, new DataRate(2048)))
                .tierLink(new TierLink(DEVICE, DEVICE, 0, new DataRate(1024)));
        NO_CLOUD_TO_DEVICE = full.build();
        FULL = full.tierLink(new TierLink(CLOUD, DEVICE, 0, new DataRate(512))).build();
    }

    @Test
    void should_count_every_plan_when_exhaustive_enumerates_the_default_pipeline() {
        // GIVEN d, e, f, c and one resource per tier: the resource sequences from d are d, e, f, c (1 split each),
        // de, df, dc, ec, fc (2 splits each) and dec, dfc (1 split each): 4 + 10 + 2 = 16 plans
        Query query = Query.parse("exclude(\"e\").strategy(EXHAUSTIVE).top(1000)");
        // WHEN
        QueryResult result = query.solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK);
        // THEN the 6 plans on e (e, de twice, ec twice, dec) are evaluated and rejected
        SearchStats stats = result.stats();
        assertThat(stats.strategy()).isEqualTo(SearchStrategy.EXHAUSTIVE);
        assertThat(stats.plansEvaluated()).isEqualTo(16);
        assertThat(stats.nodesExpanded()).isEqualTo(16);
        assertThat(stats.nodesPruned()).isEqualTo(6);
        assertThat(result.plans()).hasSize(10).noneMatch(p -> p.key().contains("e:"));
    }

    @Test
    void should_report_the_strategy_and_a_real_elapsed_time_when_solved() {
        // GIVEN
        Query query = Scission.query();
        long before = System.nanoTime();
        // WHEN
        SearchStats bb = query.solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK).stats();
        SearchStats ex = query.strategy(SearchStrategy.EXHAUSTIVE)
                .solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK).stats();
        Duration wall = Duration.ofNanos(System.nanoTime() - before);
        // THEN
        assertThat(bb.strategy()).isEqualTo(SearchStrategy.BRANCH_AND_BOUND);
        assertThat(ex.strategy()).isEqualTo(SearchStrategy.EXHAUSTIVE);
        assertThat(List.of(bb.elapsed(), ex.elapsed())).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, wall));
        assertThat(bb.plansEvaluated()).isPositive().isLessThanOrEqualTo(16);
    }

    @Test
    void should_use_each_resource_once_when_three_per_tier_are_allowed() {
        // GIVEN
        Query query = Query.parse("maxResourcesPerTier(3).top(1000)");
        // WHEN
        List<String> keys = assertBothEqualTheReference(query, FULL);
        // THEN e, f and g may follow each other in any order, but none twice
        assertThat(keys).contains("d>e:0-0|f:1-1|g:2-2", "d>g:0-0|f:1-1|e:2-2", "d>e:0-0|f:1-2")
                .doesNotContain("d>e:0-0|f:1-1|e:2-2", "d>f:0-0|f:1-2");
    }

    @Test
    void should_count_a_profiled_source_as_one_of_its_tier_when_it_only_sends() {
        // GIVEN the source e holds one of the edge tier's two places even when f runs first
        Query query = Query.parse("source(\"e\").maxResourcesPerTier(2).top(1000)");
        // WHEN
        List<String> keys = assertBothEqualTheReference(query, FULL);
        // THEN
        assertThat(keys).contains("e>e:0-2", "e>e:0-0|f:1-2", "e>e:0-0|g:1-1|c:2-2", "e>f:0-2", "e>f:0-1|c:2-2")
                .doesNotContain("e>f:0-0|g:1-2", "e>e:0-0|f:1-1|g:2-2", "e>d:0-2");
    }

    @Test
    void should_allow_one_resource_per_tier_when_the_default() {
        // WHEN
        List<String> keys = assertBothEqualTheReference(Query.parse("top(1000)"), FULL);
        // THEN sequences d, e, f, g, c, de, df, dg, dc, ec, fc, gc, dec, dfc, dgc: 5 + 7 * 2 + 3 = 22 plans
        assertThat(keys).hasSize(22).doesNotContain("d>e:0-0|f:1-2");
    }

    @Test
    void should_need_no_link_back_when_the_result_is_not_returned() {
        // WHEN
        List<String> keys = assertBothEqualTheReference(Query.parse("top(1000)"), NO_CLOUD_TO_DEVICE);
        // THEN
        assertThat(keys).contains("d>c:0-2", "d>d:0-1|c:2-2", "d>e:0-1|c:2-2");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"returnResult()", "returnResult().maxResourcesPerTier(2)", "returnResult().exclude(CLOUD)",
        "maxResourcesPerTier(2).maxTransferOut(EDGE, 0B)", "maxResourcesPerTier(2).maxTransferOut(EDGE, 255B)",
        "maxResourcesPerTier(2).maxTransfer(EDGE, EDGE, 255B)", "maxResourcesPerTier(2).maxTransfer(EDGE, EDGE, 256B)",
        "maxResourcesPerTier(3).maxTotalTransfer(1280B)", "maxResourcesPerTier(2).minLayers(EDGE, 3)",
        "maxResourcesPerTier(2).maxLayers(EDGE, 1)", "maxResourcesPerTier(2).mustUse(\"f\")",
        "maxResourcesPerTier(2).mustUse(\"g\").mustUse(CLOUD)", "maxResourcesPerTier(3).minLayerShare(EDGE, 0.6)",
        "maxResourcesPerTier(3).maxLayerShare(EDGE, 0.6)", "maxResourcesPerTier(2).minLayerShare(DEVICE, 0.4)",
        "maxResourcesPerTier(2).maxLayerShare(DEVICE, 0.2)", "maxResourcesPerTier(2).maxComputeTime(EDGE, 0.375s)",
        "maxResourcesPerTier(2).layerOn(2, \"g\")", "maxResourcesPerTier(2).layerNotOn(3, EDGE)",
        "maxResourcesPerTier(2).blockNotOn(0, DEVICE)", "maxResourcesPerTier(2).deadline(1.875s)",
        "maxResourcesPerTier(2).minimize(TRANSFER).mustUse(EDGE)", "source(\"g\").maxResourcesPerTier(2)",
        "source(\"cam\", DEVICE).maxResourcesPerTier(2).returnResult()"})
    void should_equal_the_reference_when_several_resources_of_a_tier_share_a_plan(String text) {
        assertBothEqualTheReference(Query.parse(text + ".top(1000)"), FULL);
    }

    @Test
    void should_keep_the_plan_at_the_least_layer_share_when_the_product_rounds_above_it() {
        // GIVEN 25 layers; 0.28 * 25 is 7.000000000000001 in doubles, yet 7 of 25 layers is a share of 0.28
        ProfileSet profiles = threeTiers(new int[] {7, 9, 9});
        Query query = Query.parse("minLayerShare(DEVICE, 0.28).top(1000)");
        // WHEN
        List<String> keys = assertBothEqualTheReference(query, profiles, ConstraintBoundaryTest.NETWORK);
        // THEN
        assertThat(keys).contains("d>d:0-0|e:1-2", "d>d:0-0|c:1-2", "d>d:0-0|e:1-1|c:2-2").doesNotContain("d>e:0-2");
    }

    @Test
    void should_keep_the_plan_at_the_most_layer_share_when_the_product_rounds_below_it() {
        // GIVEN 22 layers; (15.0 / 22) * 22 is 14.999999999999998 in doubles, yet 15 of 22 layers is that share
        ProfileSet profiles = threeTiers(new int[] {15, 4, 3});
        Query query = Query.parse("maxLayerShare(DEVICE, " + 15.0 / 22 + ").top(1000)");
        // WHEN
        List<String> keys = assertBothEqualTheReference(query, profiles, ConstraintBoundaryTest.NETWORK);
        // THEN
        assertThat(keys).contains("d>d:0-0|e:1-2", "d>d:0-0|c:1-2", "d>d:0-0|e:1-1|c:2-2")
                .doesNotContain("d>d:0-1|e:2-2", "d>d:0-2");
    }

    /** d (device), e (edge), c (cloud) over three blocks with the given layers each. */
    static ProfileSet threeTiers(int[] layersPerBlock) {
        BlockLayout layout = Fixtures.layout("layers", layersPerBlock, new long[] {1024, 256, 16}, 4096);
        return Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE),
                Resource.of("c", CLOUD)), new double[][] {{0.5, 0.25, 0.5}, {0.125, 0.125, 0.25},
                    {0.0625, 0.0625, 0.125}});
    }

    @Test
    void should_need_no_link_past_a_required_tier_when_every_plan_runs_on_it() {
        // GIVEN no link from the device to the cloud; mustUse(EDGE) puts the edge between them in every plan
        Network net = Network.builder().tierLink(new TierLink(DEVICE, EDGE, 0, new DataRate(1024)))
                .tierLink(new TierLink(EDGE, CLOUD, 0, new DataRate(2048))).build();
        // WHEN
        List<String> keys = assertBothEqualTheReference(Query.parse("mustUse(EDGE).top(1000)"),
                ConstraintBoundaryTest.PROFILES, net);
        // THEN
        assertThat(keys).contains("d>d:0-0|e:1-1|c:2-2", "d>e:0-2").noneMatch(k -> k.matches("d>(d|c):[0-9-]*"));
    }

    /** One block (4096 B in, 16 B out) on d and c, 1 s each; hops take latency + bytes / 4096 B/s. */
    static ProfileSet oneBlock(double deviceSeconds) {
        BlockLayout layout = Fixtures.layout("one", new int[] {1}, new long[] {16}, 4096);
        return Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("c", CLOUD)),
                new double[][] {{deviceSeconds}, {1}});
    }

    static Network deviceCloud(double latencySeconds) {
        return Network.builder().tierLink(new TierLink(DEVICE, CLOUD, latencySeconds, new DataRate(4096)))
                .tierLink(new TierLink(CLOUD, DEVICE, latencySeconds, new DataRate(4096))).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"minimize(weights(1e308, 0))", "minimize(weights(0, 1e305))",
        "minimize(weights(3e307, 9.765625e303))"})
    void should_refuse_the_query_when_a_score_could_overflow(String objective) {
        // GIVEN 2 resources, so up to 3 hops of up to 4096 B (1 s each): the worst latency is 1 + 3 * 1 = 4 s and
        // the worst bytes 3 * 4096 = 12288; the scores 4e308, 1.2288e309 and 1.2e308 + 1.2e308 overflow
        Query query = Query.parse(objective);
        // THEN
        assertThatThrownBy(() -> query.solve(oneBlock(1), deviceCloud(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The latency or score of a plan could exceed");
    }

    @Test
    void should_refuse_the_query_when_compute_plus_hops_could_overflow() {
        // GIVEN 1.5e308 s on d and hops of 2e307 s: 1.5e308 + 3 * 2e307 overflows, though each part is finite;
        // with hops of 5e306 s it does not
        Query query = Scission.query();
        // THEN
        assertThatThrownBy(() -> query.solve(oneBlock(1.5e308), deviceCloud(2e307)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The latency or score of a plan could exceed");
        assertThat(query.solve(oneBlock(1.5e308), deviceCloud(5e306)).plans()).extracting(PartitionConfig::key)
                .containsExactly("d>c:0-0", "d>d:0-0");
    }

    @Test
    void should_describe_a_plan_in_seconds_megabytes_and_layers_when_asked() {
        // GIVEN d>d:0-0|e:1-2 of the boundary fixture: 1.875 s, 1024 B; layers 0-1 on d, 2-4 on e; and a camera
        // sending 4096 B to e (4 s) that runs everything (0.5 s)
        PartitionConfig split = Query.parse("layerOn(1, DEVICE).layerOn(2, EDGE).top(1)")
                .solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK).plans().get(0);
        PartitionConfig camera = Query.parse("source(\"cam\", DEVICE).mustUse(\"e\").nativeOnly().top(1)")
                .solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK).plans().get(0);
        // THEN
        assertThat(split.describe()).isEqualTo("1.8750 s, 0.0010 MB: d (device) 0-1 | e (edge) 2-4");
        assertThat(camera.describe()).isEqualTo("4.5000 s, 0.0041 MB: input from cam | e (edge) 0-4");
    }

    @Test
    void should_list_every_constraint_and_nothing_else_when_no_single_removal_helps() {
        // GIVEN two constraints that each leave nothing: no plan takes 0.1 s, and the model has only 5 layers
        Query query = Query.parse("deadline(0.1s).minLayers(DEVICE, 6)");
        // WHEN
        QueryResult result = query.solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK);
        // THEN
        assertThat(result.plans()).isEmpty();
        assertThat(result.blockers()).isEmpty();
        assertThat(result.whyEmpty()).contains("No plan satisfies these constraints together, and removing any "
                + "single one does not help: deadline(0.1s), minLayers(DEVICE, 6).");
    }

    /** Six blocks of 1-3 layers on d, e, f, g and c: enough prefixes for bounds and dominance to prune. */
    static ProfileSet sixBlocks() {
        BlockLayout layout = Fixtures.layout("six", new int[] {2, 1, 3, 1, 2, 1},
                new long[] {2048, 512, 1536, 256, 128, 16}, 4096);
        return Fixtures.profiles(layout, List.of(Resource.of("d", DEVICE), Resource.of("e", EDGE),
                Resource.of("f", EDGE), Resource.of("g", EDGE), Resource.of("c", CLOUD)), new double[][] {
                    {0.5, 0.25, 0.75, 0.125, 0.375, 0.0625}, {0.25, 0.5, 0.125, 0.375, 0.0625, 0.75},
                    {0.125, 0.125, 0.5, 0.25, 0.25, 0.125}, {0.375, 0.0625, 0.25, 0.5, 0.125, 0.25},
                    {0.0625, 0.25, 0.0625, 0.0625, 0.5, 0.125}});
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"top(1)", "top(3)", "maxResourcesPerTier(2).top(1)", "maxResourcesPerTier(2).top(4)",
        "maxResourcesPerTier(3).top(2)", "maxResourcesPerTier(3).minimize(TRANSFER).top(3)",
        "maxResourcesPerTier(2).minimize(weighted(1, 1000)).top(2)", "maxResourcesPerTier(2).deadline(2s).top(3)",
        "maxResourcesPerTier(2).deadline(2.5s).minimize(TRANSFER).top(2)", "source(\"e\").maxResourcesPerTier(2).top(2)",
        "source(\"cam\", DEVICE).maxResourcesPerTier(3).top(2)", "distributedOnly().maxResourcesPerTier(2).top(1)",
        "returnResult().maxResourcesPerTier(2).top(2)", "maxResourcesPerTier(2).maxTotalTransfer(2KB).top(2)",
        "maxResourcesPerTier(2).mustUse(\"g\").top(2)", "maxResourcesPerTier(3).minLayers(EDGE, 5).top(2)",
        "maxResourcesPerTier(2).maxComputeShare(EDGE, 0.5, LATENCY).top(2)", "nativeOnly().top(2)",
        "maxResourcesPerTier(2).maxTransferOut(DEVICE, 600B).top(2)", "maxResourcesPerTier(2).exclude(\"f\").top(2)"})
    void should_equal_the_reference_when_only_the_best_few_of_six_blocks_are_asked(String text) {
        assertBothEqualTheReference(Query.parse(text), sixBlocks(), FULL);
    }

    static List<String> assertBothEqualTheReference(Query query, Network network) {
        return assertBothEqualTheReference(query, THREE_EDGES, network);
    }

    /**
     * Asserts that both strategies return the reference's plans, in order, and that their statistics add up: each
     * returned plan was evaluated, and exhaustive enumeration evaluates every plan, keeping (up to the top n) or rejecting it.
     * Returns the keys.
     */
    static List<String> assertBothEqualTheReference(Query query, ProfileSet profiles, Network network) {
        List<PartitionConfig> expected = ReferenceEvaluator.solve(query, profiles, network);
        QueryResult bb = query.solve(profiles, network);
        QueryResult ex = query.strategy(SearchStrategy.EXHAUSTIVE).solve(profiles, network);
        assertThat(bb.plans()).as("%s (branch and bound)", query).isEqualTo(expected);
        assertThat(ex.plans()).as("%s (exhaustive)", query).isEqualTo(expected);
        assertThat(bb.stats().plansEvaluated()).as("%s evaluated", query).isGreaterThanOrEqualTo(expected.size());
        assertThat(bb.stats().nodesExpanded()).as("%s expanded", query).isGreaterThanOrEqualTo(1);
        assertThat(bb.stats().nodesPruned()).as("%s pruned", query).isNotNegative();
        assertThat(ex.stats().plansEvaluated()).isEqualTo(ex.stats().nodesExpanded());
        long feasible = ex.stats().plansEvaluated() - ex.stats().nodesPruned();
        if (expected.size() < query.top()) {
            assertThat(feasible).as("%s feasible", query).isEqualTo(expected.size());
        } else {
            assertThat(feasible).as("%s feasible", query).isGreaterThanOrEqualTo(query.top());
        }
        return expected.stream().map(PartitionConfig::key).toList();
    }
}
