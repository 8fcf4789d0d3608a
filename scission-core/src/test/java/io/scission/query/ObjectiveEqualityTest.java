package io.scission.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.platform.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Objective}'s written-out {@code equals} and {@code hashCode} against the truth: a record with the same
 * components, whose methods the JDK generates.
 */
class ObjectiveEqualityTest {

    /** The same components as {@link Objective}, with the JDK's generated record methods. */
    private record Reference(double perSecond, double perByte, List<EnergyWeight> energy) {

        static Reference of(Objective o) {
            return new Reference(o.perSecond(), o.perByte(), o.energy());
        }
    }

    @Test
    void should_agree_with_a_generated_record_when_comparing_seeded_objectives() {
        // GIVEN objectives from a few weights (0.0 and -0.0 among them), with and without energy terms
        double[] weights = {0.0, -0.0, 0.5, 1.0, 1e-9, 2.0};
        List<Objective> objectives = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(15);
        for (double s : weights) {
            for (double b : weights) {
                if (Double.compare(s + b, 0.0) == 0 || s + b == 0) {
                    objectives.add(Objective.energy(Tier.DEVICE).plusEnergy(0.5 + random.nextInt(2), Tier.EDGE));
                    continue;
                }
                objectives.add(new Objective(s, b));
                objectives.add(new Objective(s, b).plusEnergy(0.25 * (1 + random.nextInt(2)), Tier.DEVICE));
            }
        }
        objectives.add(Objective.LATENCY);
        objectives.add(Objective.TRANSFER);

        // WHEN each is compared with each, THEN as the generated record: equal exactly when the reference is, with
        // the reference's hash code
        int equalPairs = 0;
        for (Objective a : objectives) {
            assertThat(a.hashCode()).as("%s", a.toParsable()).isEqualTo(Reference.of(a).hashCode());
            assertThat(a).isNotEqualTo(null).isNotEqualTo(Reference.of(a));
            for (Objective b : objectives) {
                boolean expected = Reference.of(a).equals(Reference.of(b));
                assertThat(a.equals(b)).as("%s = %s", a.toParsable(), b.toParsable()).isEqualTo(expected);
                equalPairs += expected ? 1 : 0;
            }
        }
        assertThat(equalPairs).isGreaterThan(objectives.size());
        assertThat(new Objective(0.0, 1.0)).isNotEqualTo(new Objective(-0.0, 1.0)).isEqualTo(Objective.TRANSFER);
    }
}
