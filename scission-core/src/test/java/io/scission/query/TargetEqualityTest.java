package io.scission.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.platform.Tier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TierTarget}'s and {@link ResourceTarget}'s written-out {@code equals} and {@code hashCode} against the
 * truth: records with the same components, whose methods the JDK generates.
 */
class TargetEqualityTest {

    private record TierReference(Tier tier) {
    }

    private record ResourceReference(String name) {
    }

    private static Object reference(Target t) {
        return t instanceof TierTarget tt ? new TierReference(tt.tier())
                : new ResourceReference(((ResourceTarget) t).name());
    }

    @Test
    void should_agree_with_generated_records_when_comparing_targets() {
        // GIVEN tier targets (standard and custom tiers, two custom tiers of one name and different ranks) and
        // resource targets (names that equal a tier's name among them), each made twice as distinct objects
        List<Target> targets = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            for (Tier t : List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD, Tier.of("fog", 50), Tier.of("fog", 60))) {
                targets.add(Target.tier(t));
            }
            for (String name : List.of("raspi4", "vm2Core", "6700k(GPU)", "edge", "EDGE", new String("raspi4"))) {
                targets.add(Target.resource(name));
            }
        }

        // WHEN each is compared with each, THEN as the generated records: equal exactly when the references are, with
        // the references' hash codes, and never equal to a target of the other kind
        int equalPairs = 0;
        for (Target a : targets) {
            assertThat(a.hashCode()).as("%s", a).isEqualTo(reference(a).hashCode());
            assertThat(a).isNotEqualTo(null).isNotEqualTo(reference(a));
            for (Target b : targets) {
                boolean expected = reference(a).equals(reference(b));
                assertThat(a.equals(b)).as("%s = %s", a, b).isEqualTo(expected);
                equalPairs += expected ? 1 : 0;
            }
        }
        // each target equals itself, its copy, and (for raspi4) the two other objects of its name
        assertThat(equalPairs).isEqualTo(2 * (5 + 6) * 2 + 2 * 2 * 2);
    }
}
