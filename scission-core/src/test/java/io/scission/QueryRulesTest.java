package io.scission;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.Block;
import io.scission.platform.DataSize;
import io.scission.platform.Resource;
import io.scission.profile.TimingStatistic;
import io.scission.query.Deadline;
import io.scission.query.MaxTotalTransfer;
import io.scission.query.ShareOf;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of building a query, at their boundaries: which settings may be given once, which pairs of constraints
 * contradict (and the near misses that do not), and the text form's lexing (spaces, exponents, escapes, error
 * positions).
 */
class QueryRulesTest {

    @Nested
    class Settings {

        @Test
        void should_accept_the_largest_input_size_when_exactly_two_to_the_fifty_bytes() {
            // WHEN
            Query q = Scission.query().inputSize(DataSize.ofBytes(Block.MAX_BYTES));
            // THEN
            assertThat(q.inputSize()).contains(DataSize.ofBytes(1L << 50));
            assertThatThrownBy(() -> Scission.query().inputSize(DataSize.ofBytes(Block.MAX_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1125899906842625 bytes)");
        }

        @Test
        void should_accept_one_resource_per_tier_when_given_explicitly() {
            // WHEN
            Query q = Scission.query().maxResourcesPerTier(1);
            // THEN
            assertThat(q.maxResourcesPerTier()).isEqualTo(1);
            assertThat(q.toParsableString()).isEqualTo("maxResourcesPerTier(1)");
        }

        @Test
        void should_reject_a_second_source_statistic_or_strategy_when_set_twice() {
            // GIVEN
            Resource cam = Resource.of("cam", DEVICE, "");
            // THEN
            assertThatThrownBy(() -> Scission.query().source("d1").source("d2"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("source is already set (d1)");
            assertThatThrownBy(() -> Scission.query().source("d1").source(cam))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("source is already set (d1)");
            assertThatThrownBy(() -> Scission.query().statistic(TimingStatistic.MEDIAN)
                    .statistic(TimingStatistic.MEDIAN))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("statistic is already set");
            assertThatThrownBy(() -> Scission.query().strategy(SearchStrategy.EXHAUSTIVE)
                    .strategy(SearchStrategy.BRANCH_AND_BOUND))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("strategy is already set");
        }

        @Test
        void should_keep_fractions_of_a_second_when_a_duration_has_nanos() {
            // WHEN
            Query q = Scission.query().deadline(Duration.ofSeconds(2, 500_000_000));
            // THEN 2 s + 5e8 ns
            assertThat(q.constraints()).containsExactly(new Deadline(2.5));
            assertThat(q.toParsableString()).isEqualTo("deadline(2.5s)");
        }

        @Test
        void should_tell_queries_apart_when_one_setting_differs() {
            // THEN
            assertThat(Query.parse("top(3)")).isEqualTo(Query.parse("top( 3 )")).isNotEqualTo(Query.parse("top(4)"));
            assertThat(Query.parse("top(3)")).isNotEqualTo("top(3)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"layerOn(1, \"zz\")", "maxTransferOut(\"zz\", 5B)", "minLayers(\"zz\", 1)",
        "maxLayerShare(\"zz\", 0.5)", "minLayerShare(\"zz\", 0.5)", "maxComputeShare(\"zz\", 0.5, COMPUTE)",
        "minComputeShare(\"zz\", 0.5, LATENCY)"})
    void should_name_the_unknown_resource_when_a_constraint_targets_one(String text) {
        // GIVEN profiles of d, e, f and c
        Query query = Query.parse(text);
        // THEN
        assertThatThrownBy(() -> query.solve(ConstraintBoundaryTest.PROFILES, ConstraintBoundaryTest.NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names resource zz, which has no profile (known: ");
    }

    @Nested
    class Contradictions {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "mustUse(EDGE).exclude(EDGE)|a target cannot be both used and excluded",
            "blockOn(1, EDGE).blockNotOn(1, EDGE)|block 1 cannot both run and not run there",
            "blockOn(1, \"e\").blockOn(1, \"f\")|block 1 cannot run in two places",
            "minLayers(EDGE, 4).maxLayers(EDGE, 3)|at least 4 layers is more than at most 3",
            "minLayerShare(EDGE, 0.6).maxLayerShare(EDGE, 0.5)|a least share of 0.6 is above a most share of 0.5",
            "maxComputeShare(EDGE, 0.5, COMPUTE).minComputeShare(EDGE, 0.6, COMPUTE)|a least share of 0.6",
            "minLayers(EDGE, 1).exclude(EDGE)|an excluded target runs no layers",
            "minComputeShare(CLOUD, 0.1, LATENCY).exclude(CLOUD)|an excluded target runs no layers"})
        void should_reject_the_pair_when_no_plan_can_meet_both(String text, String reason) {
            assertThatThrownBy(() -> Query.parse(text))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(reason);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "blockOn(1, EDGE).blockNotOn(2, EDGE)", "blockOn(1, EDGE).blockNotOn(1, CLOUD)",
            "blockOn(1, EDGE).blockOn(1, \"e\")", "layerOn(7, EDGE).layerOn(7, \"e\")",
            "minLayers(EDGE, 3).maxLayers(EDGE, 3)", "minLayers(EDGE, 4).maxLayers(CLOUD, 3)",
            "minLayerShare(EDGE, 0.5).maxLayerShare(EDGE, 0.5)", "minLayerShare(EDGE, 0.6).maxLayerShare(CLOUD, 0.5)",
            "minComputeShare(EDGE, 0.5, COMPUTE).maxComputeShare(EDGE, 0.5, COMPUTE)",
            "minComputeShare(EDGE, 0.6, COMPUTE).maxComputeShare(EDGE, 0.5, LATENCY)",
            "minComputeShare(EDGE, 0.6, COMPUTE).maxComputeShare(CLOUD, 0.5, COMPUTE)",
            "minLayers(EDGE, 0).exclude(EDGE)", "minLayerShare(EDGE, 0).exclude(EDGE)",
            "minComputeShare(EDGE, 0, COMPUTE).exclude(EDGE)", "minComputeShare(EDGE, 0.1, COMPUTE).exclude(CLOUD)",
            "minLayers(EDGE, 1).exclude(CLOUD)", "minLayerShare(EDGE, 0.1).exclude(CLOUD)"})
        void should_accept_the_pair_when_some_plan_may_meet_both(String text) {
            assertThatCode(() -> Query.parse(text)).doesNotThrowAnyException();
        }
    }

    @Nested
    class Text {

        @Test
        void should_read_an_empty_query_when_the_text_is_only_spaces() {
            assertThat(Query.parse("  \t ")).isEqualTo(Scission.query());
        }

        @Test
        void should_skip_spaces_when_they_surround_any_argument() {
            // GIVEN
            Query expected = Scission.query().mustUse("e").nativeOnly().minimize(io.scission.query.Objective
                    .weighted(1, 2));
            // WHEN
            Query q = Query.parse("mustUse( \"e\" ) . nativeOnly( ) . minimize( weighted ( 1 , 2 ) )");
            // THEN
            assertThat(q).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {"1e3B|1000", "1E3B|1000", "1e+3B|1000", "1E+3B|1000",
            "2.5e-3KB|2", "2.5E-3MB|2500", "1e0KB|1000"})
        void should_read_an_exponent_when_a_size_has_one(String size, long bytes) {
            // WHEN
            Query q = Query.parse("maxTotalTransfer(" + size + ")");
            // THEN
            assertThat(q.constraints()).containsExactly(new MaxTotalTransfer(DataSize.ofBytes(bytes)));
        }

        @Test
        void should_read_a_negative_exponent_when_a_duration_has_one() {
            assertThat(Query.parse("deadline(1.5e-3s)").constraints()).containsExactly(new Deadline(1.5e-3));
            assertThat(Query.parse("deadline(1.5E-3s)").constraints()).containsExactly(new Deadline(1.5e-3));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "deadline(1e|position 11: expected ',' or ')'",
            "deadline(1e)|position 9: unknown time unit 'e'",
            "mustUse(\"a\\|position 8: unterminated string",
            "top(3;4)|position 5: expected ',' or ')'",
            "top(3 4)|position 6: expected ',' or ')'",
            "mustUse(EDGE) top(3)|Maybe join calls with '.'",
            "top 3|Maybe a '(' is missing"})
        void should_name_the_position_and_the_fix_when_malformed(String text, String expected) {
            assertThatThrownBy(() -> Query.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The query (\"" + text + "\") is malformed at ")
                    .hasMessageContaining(expected);
        }

        @Test
        void should_write_whole_numbers_without_a_fraction_when_below_ten_to_the_fifteen() {
            // GIVEN
            Supplier<Query> big = () -> Scission.query().deadline(Duration.ofSeconds(1_000_000_000_000_000L));
            // THEN
            assertThat(Scission.query().deadline(Duration.ofSeconds(2)).toParsableString())
                    .isEqualTo("deadline(2s)");
            assertThat(Scission.query().deadline(Duration.ofSeconds(999_999_999_999_999L)).toParsableString())
                    .isEqualTo("deadline(999999999999999s)");
            assertThat(big.get().toParsableString()).isEqualTo("deadline(1.0E15s)");
            assertThat(Query.parse(big.get().toParsableString())).isEqualTo(big.get());
            assertThat(Scission.query().maxComputeShare(EDGE, 0.25, ShareOf.COMPUTE).toParsableString())
                    .isEqualTo("maxComputeShare(EDGE, 0.25, COMPUTE)");
            assertThat(Scission.query().minLayerShare(CLOUD, 1).toParsableString())
                    .isEqualTo("minLayerShare(CLOUD, 1)");
        }
    }
}
