package io.scission.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.Block;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Tier} and {@link Block} write out {@code equals} and {@code hashCode} (for start-up); they must mean what a
 * record's mean: equal exactly when every component is equal, and equal hash codes then.
 */
class TierEqualityTest {

    @Test
    void should_be_equal_exactly_when_every_component_is_when_tiers_are_compared() {
        // GIVEN tiers built apart, with the same or other names and ranks
        List<Tier> tiers = List.of(Tier.DEVICE, Tier.of("device", 0), Tier.EDGE, Tier.CLOUD, Tier.of("gateway", 50),
                Tier.of("gateway", 50), Tier.of("gateway", 60), Tier.of("fog", 50));

        // WHEN / THEN
        for (Tier a : tiers) {
            for (Tier b : tiers) {
                boolean same = a.name().equals(b.name()) && a.rank() == b.rank();
                assertThat(a.equals(b)).as("%s vs %s", a, b).isEqualTo(same);
                if (same) {
                    assertThat(a.hashCode()).isEqualTo(b.hashCode());
                }
            }
            assertThat(a.equals(null)).isFalse();
            assertThat(a.equals(a.name())).isFalse();
        }
    }

    @Test
    void should_be_equal_exactly_when_every_component_is_when_blocks_are_compared() {
        // GIVEN seeded random blocks with small components, so that many pairs share some of them
        Random random = new Random(15);
        for (int i = 0; i < 2_000; i++) {
            int first = random.nextInt(3);
            Block a = new Block(random.nextInt(2), first, first + random.nextInt(2), random.nextInt(2));
            Block b = new Block(random.nextInt(2), first, first + random.nextInt(2), random.nextInt(2));

            // WHEN / THEN
            boolean same = a.index() == b.index() && a.firstLayer() == b.firstLayer()
                    && a.lastLayer() == b.lastLayer() && a.outputBytes() == b.outputBytes();
            assertThat(a.equals(b)).as("%s vs %s", a, b).isEqualTo(same);
            if (same) {
                assertThat(a.hashCode()).isEqualTo(b.hashCode());
            }
        }
    }
}
