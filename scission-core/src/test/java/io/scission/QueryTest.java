package io.scission;

import static io.scission.platform.DataUnit.MB;
import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.platform.DataSize;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.TimingStatistic;
import io.scission.query.Constraint;
import io.scission.query.MaxTransfer;
import io.scission.query.MustUse;
import io.scission.query.Objective;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTest {

    @Nested
    class Immutability {

        @Test
        void should_leave_the_base_query_unchanged_when_extended() {
            // GIVEN
            Query base = Scission.query().mustUse(EDGE);
            // WHEN
            Query a = base.top(3);
            Query b = base.maxTransfer(EDGE, CLOUD, 1, MB);
            // THEN
            assertThat(base.constraints()).containsExactly(new MustUse(Target.tier(EDGE)));
            assertThat(base.top()).isEqualTo(Query.DEFAULT_TOP);
            assertThat(a.top()).isEqualTo(3);
            assertThat(a.constraints()).hasSize(1);
            assertThat(b.constraints()).containsExactly(new MustUse(Target.tier(EDGE)),
                    new MaxTransfer(Target.tier(EDGE), Target.tier(CLOUD), DataSize.of(1, MB)));
            assertThat(b.top()).isEqualTo(Query.DEFAULT_TOP);
        }

        @Test
        void should_give_identical_results_when_one_query_is_solved_from_many_threads() throws Exception {
            // GIVEN
            SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(new SplittableRandom(7), true);
            QueryResult expected = c.query().solve(c.profiles(), c.network());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            ConcurrentLinkedQueue<List<PartitionConfig>> results = new ConcurrentLinkedQueue<>();
            // WHEN
            for (int i = 0; i < 40; i++) {
                pool.execute(() -> results.add(c.query().solve(c.profiles(), c.network()).plans()));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            // THEN
            assertThat(results).hasSize(40).allSatisfy(r -> assertThat(r).isEqualTo(expected.plans()));
        }
    }

    @Nested
    class FailFast {

        @Test
        void should_reject_top_when_k_is_not_positive() {
            assertThatThrownBy(() -> Scission.query().top(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The k (0) of top(k) must be positive");
            assertThatThrownBy(() -> Scission.query().top(-3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(-3)");
        }

        @Test
        void should_reject_a_second_call_when_a_setting_is_set_twice() {
            assertThatThrownBy(() -> Scission.query().top(3).top(5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("top is already set (3)");
            assertThatThrownBy(() -> Scission.query().maxTransfer(EDGE, CLOUD, 1, MB).maxTransfer(EDGE, CLOUD, 2, MB))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("maxTransfer(EDGE, CLOUD) is already in the query")
                    .hasMessageContaining("1000000B");
            assertThatThrownBy(() -> Scission.query().minimize(Objective.LATENCY).minimize(Objective.TRANSFER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("minimize is already set (LATENCY)");
        }

        @Test
        void should_reject_contradictory_constraints_when_added() {
            assertThatThrownBy(() -> Scission.query().mustUse(EDGE).exclude(EDGE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exclude(EDGE) contradicts mustUse(EDGE)")
                    .hasMessageContaining("Maybe remove one of them");
            assertThatThrownBy(() -> Scission.query().nativeOnly().distributedOnly())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("native and distributed");
            assertThatThrownBy(() -> Scission.query().layerOn(7, EDGE).layerOn(7, CLOUD))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("layer 7 cannot run in two places");
            assertThatThrownBy(() -> Scission.query().layerOn(7, EDGE).layerNotOn(7, EDGE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("layer 7");
            assertThatThrownBy(() -> Scission.query().exclude("raspi4").blockOn(2, "raspi4"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("excluded");
            assertThatThrownBy(() -> Scission.query().minLayers(DEVICE, 10).maxLayers(DEVICE, 5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at least 10 layers is more than at most 5");
            assertThatThrownBy(() -> Scission.query().minLayerShare(EDGE, 0.5).exclude(EDGE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("excluded target runs no layers");
        }

        @Test
        void should_reject_bad_values_when_constructed() {
            assertThatThrownBy(() -> Scission.query().maxTransfer(EDGE, CLOUD, -1, MB))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(-1 MB)");
            assertThatThrownBy(() -> Scission.query().maxComputeShare(EDGE, 30, ShareOf.COMPUTE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(30.0)").hasMessageContaining("Maybe write 0.3 for 30%");
            assertThatThrownBy(() -> Scission.query().deadline(Duration.ofMillis(-5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.005S");
            assertThatThrownBy(() -> Scission.query().maxResourcesPerTier(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0)");
            assertThatThrownBy(() -> Scission.query().include(EDGE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        }
    }

    @Nested
    class Text {

        @Test
        void should_read_and_write_the_readme_query() {
            // GIVEN
            Query q = Scission.query().mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1, MB).top(3);
            // WHEN
            String text = q.toParsableString();
            // THEN
            assertThat(text).isEqualTo("mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1000000B).top(3)");
            assertThat(Query.parse(text)).isEqualTo(q);
            assertThat(Query.parse(" mustUse( EDGE ) . maxTransfer(edge, cloud, 1 MB).top(3) ")).isEqualTo(q);
        }

        @Test
        void should_round_trip_every_kind_of_setting() {
            // GIVEN
            Tier gateway = Tier.of("gateway", 50);
            Query q = Scission.query().mustUse("vm2Core").exclude(gateway).include(CLOUD, "gpu", "cpu")
                    .distributedOnly().layerOn(3, DEVICE).layerNotOn(9, "gpu").blockOn(1, EDGE).blockNotOn(2, "cpu")
                    .maxTransfer("raspi4", "vm2Core", DataSize.parse("0.5MiB")).maxTransferOut(DEVICE, 2, MB)
                    .maxTotalTransfer(3, MB).maxComputeTime(DEVICE, Duration.ofMillis(1500))
                    .maxComputeShare(EDGE, 0.3, ShareOf.LATENCY).minComputeShare(CLOUD, 0.1, ShareOf.COMPUTE)
                    .minLayers(DEVICE, 2).maxLayers(EDGE, 40).minLayerShare(CLOUD, 0.25).maxLayerShare(DEVICE, 0.5)
                    .deadline(Duration.ofMillis(250)).minimize(Objective.weighted(1, 0.5)).inputSize(150, MB)
                    .source(Resource.of("cam \"1\"", DEVICE)).returnResult()
                    .statistic(TimingStatistic.MEDIAN).maxResourcesPerTier(2).strategy(SearchStrategy.EXHAUSTIVE)
                    .top(7);
            // WHEN
            Query back = Query.parse(q.toParsableString());
            // THEN
            assertThat(back).isEqualTo(q);
            assertThat(back.toParsableString()).isEqualTo(q.toParsableString());
        }

        @ParameterizedTest(name = "seed={0}")
        @MethodSource("io.scission.QueryTest#seeds")
        void should_round_trip_when_random_query(long seed) {
            // GIVEN
            SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(new SplittableRandom(seed), false);
            // WHEN
            Query back = Query.parse(c.query().toParsableString());
            // THEN
            assertThat(back).as("seed=%d text=%s", seed, c.query().toParsableString()).isEqualTo(c.query());
        }

        @ParameterizedTest
        @ValueSource(strings = {"mustUse(EDGE", "mustUse(FOG)", "top(three)", "maxTransfer(EDGE, CLOUD, 1)",
            "deadline(5)", "frobnicate()", "mustUse(EDGE) top(3)", "exclude(\"raspi4)", "top(99999999999)"})
        void should_name_the_position_when_malformed(String text) {
            assertThatThrownBy(() -> Query.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The query (\"" + text + "\") is malformed at position")
                    .hasMessageContaining("Maybe");
        }
    }

    static LongStream seeds() {
        return Seeds.range(0, 200);
    }

    @Test
    void should_accept_any_constraint_record_when_added_generically() {
        // GIVEN
        List<Constraint> all = new ArrayList<>();
        all.add(new MustUse(Target.tier(CLOUD)));
        // WHEN
        Query q = Scission.query().constraint(all.get(0));
        // THEN
        assertThat(q.constraints()).isEqualTo(all);
        assertThat(q.toString()).isEqualTo("Query{mustUse(CLOUD)}");
        assertThat(Scission.query().toString()).isEqualTo("Query{(defaults)}");
    }
}
