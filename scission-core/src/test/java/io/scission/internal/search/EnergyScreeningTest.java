package io.scission.internal.search;

import io.scission.EnergyCases;
import io.scission.Seeds;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Screening children before they enter a heap never changes the result under energy objectives and
 * {@code maxEnergy} either: on the seeded energy instances ({@link EnergyCases}: stress-shaped and wide, where
 * caps, deadlines and energy limits bind), branch and bound that screens every node, and one that screens none,
 * both equal exhaustive enumeration, order included.
 */
class EnergyScreeningTest {

    static LongStream stressSeeds() {
        return Seeds.range(65_000, 65_200);
    }

    static LongStream wideSeeds() {
        return Seeds.range(66_000, 66_008);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("stressSeeds")
    void should_equal_exhaustive_when_screening_all_or_no_nodes_of_a_stress_shaped_instance(long seed) {
        assertScreeningChangesNothing(seed, EnergyCases.stress(new SplittableRandom(seed)));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("wideSeeds")
    void should_equal_exhaustive_when_screening_all_or_no_nodes_of_a_wide_instance(long seed) {
        assertScreeningChangesNothing(seed, EnergyCases.wide(new SplittableRandom(seed)));
    }

    private static void assertScreeningChangesNothing(long seed, EnergyCases.Case c) {
        BranchAndBoundScreeningTest.assertScreeningChangesNothing(seed,
                Specs.instance(c.query(), c.profiles(), c.network()));
    }
}
