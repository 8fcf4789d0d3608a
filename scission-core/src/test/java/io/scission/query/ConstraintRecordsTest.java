package io.scission.query;

import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the constraint records and the objective promise on their own: the range of each number they accept (both
 * ends included), the sentence that explains an empty result, and the score.
 */
class ConstraintRecordsTest {

    static final Target EDGE_TIER = Target.tier(EDGE);

    /** A share constraint, by name, built from a fraction. */
    record Share(String name, DoubleFunction<Constraint> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Share> shares() {
        return Stream.of(new Share("maxComputeShare", f -> new MaxComputeShare(EDGE_TIER, f, ShareOf.COMPUTE)),
                new Share("minComputeShare", f -> new MinComputeShare(EDGE_TIER, f, ShareOf.LATENCY)),
                new Share("maxLayerShare", f -> new MaxLayerShare(EDGE_TIER, f)),
                new Share("minLayerShare", f -> new MinLayerShare(EDGE_TIER, f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shares")
    void should_accept_a_share_when_from_zero_to_one_inclusive(Share share) {
        assertThatCode(() -> share.make().apply(0.0)).doesNotThrowAnyException();
        assertThatCode(() -> share.make().apply(1.0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> share.make().apply(Math.nextUp(1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of " + share.name() + "(EDGE) must be between 0 and 1");
        assertThatThrownBy(() -> share.make().apply(-Double.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Maybe write 0.3 for 30%");
        assertThatThrownBy(() -> share.make().apply(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_accept_a_compute_time_limit_when_zero_or_more_and_finite() {
        assertThatCode(() -> new MaxComputeTime(EDGE_TIER, 0.0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new MaxComputeTime(EDGE_TIER, -Double.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of maxComputeTime(EDGE) must be a finite number, not negative");
        assertThatThrownBy(() -> new MaxComputeTime(EDGE_TIER, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Deadline(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_accept_a_layer_count_when_zero_or_more() {
        assertThatCode(() -> new MinLayers(EDGE_TIER, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new MaxLayers(EDGE_TIER, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new MinLayers(EDGE_TIER, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(-1)");
    }

    static Stream<Object[]> descriptions() {
        return Stream.of(
                new Object[] {new MaxComputeShare(EDGE_TIER, 0.25, ShareOf.COMPUTE),
                    "at most 25% of compute time on EDGE"},
                new Object[] {new MinComputeShare(Target.tier(CLOUD), 0.5, ShareOf.LATENCY),
                    "at least 50% of end-to-end latency on CLOUD"},
                new Object[] {new MaxLayerShare(Target.tier(DEVICE), 0.125), "at most 12.5% of the layers on DEVICE"},
                new Object[] {new MinLayerShare(Target.resource("e1"), 1.0), "at least 100% of the layers on \"e1\""});
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("descriptions")
    void should_state_the_share_in_percent_when_described(Constraint c, String expected) {
        assertThat(c.describe()).isEqualTo(expected);
    }

    @Test
    void should_name_every_target_when_asked_for_targets() {
        // GIVEN
        Target e1 = Target.resource("e1");
        // THEN the targets are what a query's names are checked against
        assertThat(List.of(new LayerOn(3, e1), new MaxComputeShare(e1, 0.5, ShareOf.COMPUTE),
                new MinComputeShare(e1, 0.5, ShareOf.COMPUTE), new MaxLayerShare(e1, 0.5),
                new MinLayerShare(e1, 0.5), new MinLayers(e1, 2), new MaxTransferOut(e1,
                        io.scission.platform.DataSize.ofBytes(5))))
                .allSatisfy(c -> assertThat(c.targets()).as(c.toString()).containsExactly(e1));
    }

    @Test
    void should_weigh_seconds_and_bytes_when_one_weight_is_zero() {
        // THEN perSecond × seconds, perByte × bytes
        assertThat(new Objective(2, 0).score(1.5, 10)).isEqualTo(3.0);
        assertThat(new Objective(1, 0).score(1.5, 10)).isEqualTo(1.5);
        assertThat(new Objective(0, 2).score(1.5, 10)).isEqualTo(20.0);
        assertThat(new Objective(0, 1).score(1.5, 10)).isEqualTo(10.0);
        assertThat(new Objective(0.5, 0.5).score(1.5, 10)).isEqualTo(5.75);
    }

    @Test
    void should_accept_weights_when_one_is_zero_or_both_are_equal() {
        assertThatCode(() -> new Objective(0.0, 0.5)).doesNotThrowAnyException();
        assertThatCode(() -> new Objective(0.5, 0.0)).doesNotThrowAnyException();
        assertThatCode(() -> new Objective(1, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Objective(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both zero");
        assertThatThrownBy(() -> new Objective(-Double.MIN_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Objective(1, -Double.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
