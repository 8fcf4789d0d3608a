package io.scission;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import io.scission.search.SearchStrategy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both search strategies must return what {@link ReferenceEvaluator} (written from the README, sharing no code with
 * the search) returns: the same plans, in the same order, with the same numbers. This checks the meaning of the
 * constraints, objectives and plan rules, not only that branch and bound equals exhaustive enumeration.
 */
class ReferenceEquivalenceTest {

    static LongStream smallSeeds() {
        return Seeds.range(50_000, 50_400);
    }

    static LongStream paperSeeds() {
        return Seeds.range(51_000, 51_020);
    }

    static LongStream wideSeeds() {
        return Seeds.range(52_000, 52_016);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("smallSeeds")
    void should_equal_the_reference_when_random_small_instance(long seed) {
        // GIVEN up to 7 resources in up to 5 tiers, any constraint, objective, source and return
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(new SplittableRandom(seed), false);
        // WHEN / THEN
        assertAllEqualTheReference(seed, c.query(), c.profiles(), c.network());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("paperSeeds")
    void should_equal_the_reference_when_paper_sized_instance(long seed) {
        // GIVEN 1 device, 2 edges, 2 clouds and 20-40 blocks
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(new SplittableRandom(seed), true);
        // WHEN / THEN
        assertAllEqualTheReference(seed, c.query(), c.profiles(), c.network());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("wideSeeds")
    void should_equal_the_reference_when_more_than_64_resources(long seed) {
        // GIVEN 65-200 resources, at least 2 per tier, up to 3 per tier in a plan, sources of every kind
        Fleets.Fleet c = Fleets.random(new SplittableRandom(seed));
        // WHEN / THEN
        assertAllEqualTheReference(seed, c.query(), c.profiles(), c.network());
    }

    static void assertAllEqualTheReference(long seed, Query query, ProfileSet profiles, Network network) {
        List<PartitionConfig> expected = ReferenceEvaluator.solve(query, profiles, network);
        QueryResult bb = query.solve(profiles, network);
        QueryResult ex = exhaustive(query).solve(profiles, network);
        assertThat(bb.plans()).as("seed=%d query=%s (branch and bound)", seed, query).isEqualTo(expected);
        assertThat(ex.plans()).as("seed=%d query=%s (exhaustive)", seed, query).isEqualTo(expected);
    }

    /** The exhaustive query of a case: the same query with {@code strategy(EXHAUSTIVE)}. */
    static Query exhaustive(Query q) {
        return q.strategy(SearchStrategy.EXHAUSTIVE);
    }
}
