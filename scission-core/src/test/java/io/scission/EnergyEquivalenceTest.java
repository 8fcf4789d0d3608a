package io.scission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scission.query.MaxEnergy;
import io.scission.search.SearchStrategy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Energy objectives and {@code maxEnergy} under the exact search: on seeded random instances with power figures
 * ({@link EnergyCases}), branch and bound, exhaustive enumeration and {@link ReferenceEvaluator} (which prices
 * energy from README "Energy" alone) return the same plans, in the same order, with the same numbers; branch and
 * bound and exhaustive also blame the same constraints when nothing is left.
 */
class EnergyEquivalenceTest {

    static LongStream smallSeeds() {
        return Seeds.range(60_000, 60_800);
    }

    static LongStream paperSeeds() {
        return Seeds.range(61_000, 61_040);
    }

    static LongStream stressSeeds() {
        return Seeds.range(62_000, 62_060);
    }

    static LongStream wideSeeds() {
        return Seeds.range(63_000, 63_010);
    }

    static LongStream fleetSeeds() {
        return Seeds.range(64_000, 64_016);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("smallSeeds")
    void should_equal_exhaustive_and_the_reference_when_random_small_instance(long seed) {
        assertAllEqual(seed, EnergyCases::small);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("paperSeeds")
    void should_equal_exhaustive_and_the_reference_when_paper_sized_instance(long seed) {
        assertAllEqual(seed, EnergyCases::paper);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("stressSeeds")
    void should_equal_exhaustive_and_the_reference_when_stress_shaped_instance(long seed) {
        assertAllEqual(seed, EnergyCases::stress);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("wideSeeds")
    void should_equal_exhaustive_when_wide_instance(long seed) {
        // GIVEN one device and 12-16 edges and clouds each, 30-40 blocks (too many plans for the reference)
        EnergyCases.Case c = EnergyCases.wide(new SplittableRandom(seed));
        // WHEN
        QueryResult bb = c.query().solve(c.profiles(), c.network());
        QueryResult ex = c.query().strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles(), c.network());
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s", seed, c.query()).isEqualTo(ex.plans());
        assertThat(bb.blockers()).as("seed=%d", seed).isEqualTo(ex.blockers());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("fleetSeeds")
    void should_equal_exhaustive_and_the_reference_when_more_than_64_resources(long seed) {
        assertAllEqual(seed, EnergyCases::fleet);
    }

    @Test
    void should_combine_binding_memory_limits_with_energy_and_hop_costs_when_small_seeds() {
        // GIVEN the small seeded instances of the first test: their shapes carry memory figures, now and then a
        // maxMemory or a resource's capacity (RandomMemory), and hop costs in about half of them
        int count = 0;
        int limited = 0;
        int binding = 0;
        int bindingWithHopCosts = 0;
        int bindingWithEnergyCap = 0;
        for (long seed : smallSeeds().toArray()) {
            EnergyCases.Case c = EnergyCases.small(new SplittableRandom(seed));
            count++;
            if (!RandomMemory.limits(c.profiles(), c.query())) {
                continue;
            }
            limited++;
            // WHEN solved as it is and with every memory figure zero (every memory limit then holds)
            List<String> with = c.query().solve(c.profiles(), c.network()).plans().stream()
                    .map(PartitionConfig::key).toList();
            List<String> without = c.query().solve(RandomMemory.unlimited(c.profiles()), c.network()).plans()
                    .stream().map(PartitionConfig::key).toList();
            // THEN (counted) the memory limits change the answer of an energy query
            if (!with.equals(without)) {
                binding++;
                bindingWithHopCosts += c.profiles().profiles().stream().anyMatch(p -> p.hopCost().isRecorded())
                        ? 1 : 0;
                bindingWithEnergyCap += c.query().constraints().stream().anyMatch(k -> k instanceof MaxEnergy)
                        ? 1 : 0;
            }
        }
        // THEN the suite tests memory, energy and hop costs together, not side by side (with every seed: 531
        // of 800 instances limit memory, 234 of them change the plans, 122 of these with hop costs and 176 with a
        // maxEnergy)
        assumeThat(count).as("every seed (not capped by scission.seeds)").isEqualTo(800);
        assertThat(limited).as("instances with a memory limit of %d", count).isGreaterThanOrEqualTo(count / 4);
        assertThat(binding).as("instances whose memory limit binds of %d", limited).isGreaterThanOrEqualTo(100);
        assertThat(bindingWithHopCosts).as("binding memory limits with hop costs").isGreaterThanOrEqualTo(50);
        assertThat(bindingWithEnergyCap).as("binding memory limits beside a maxEnergy").isGreaterThanOrEqualTo(50);
    }

    private static void assertAllEqual(long seed, Function<SplittableRandom, EnergyCases.Case> shape) {
        // GIVEN
        EnergyCases.Case c = shape.apply(new SplittableRandom(seed));
        // WHEN
        List<PartitionConfig> expected = ReferenceEvaluator.solve(c.query(), c.profiles(), c.network());
        QueryResult bb = c.query().solve(c.profiles(), c.network());
        QueryResult ex = c.query().strategy(SearchStrategy.EXHAUSTIVE).solve(c.profiles(), c.network());
        // THEN
        assertThat(bb.plans()).as("seed=%d query=%s (branch and bound)", seed, c.query()).isEqualTo(expected);
        assertThat(ex.plans()).as("seed=%d query=%s (exhaustive)", seed, c.query()).isEqualTo(expected);
        assertThat(bb.blockers()).as("seed=%d", seed).isEqualTo(ex.blockers());
    }
}
