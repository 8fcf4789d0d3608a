package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The interleaved order of validate's timed inferences and the spread it reports, against hand-made figures. */
class RoundsTest {

    @Test
    void should_let_every_plan_take_turns_starting_with_the_next_one_each_round_when_scheduling() {
        // WHEN 3 plans, 10 inferences each, in 4 rounds
        List<Rounds.Turn> turns = Rounds.schedule(3, 10, 4);

        // THEN 10 = 3 + 3 + 2 + 2 per plan; round r starts with plan r mod 3
        assertThat(turns).containsExactly(
                new Rounds.Turn(0, 0, 3), new Rounds.Turn(0, 1, 3), new Rounds.Turn(0, 2, 3),
                new Rounds.Turn(1, 1, 3), new Rounds.Turn(1, 2, 3), new Rounds.Turn(1, 0, 3),
                new Rounds.Turn(2, 2, 2), new Rounds.Turn(2, 0, 2), new Rounds.Turn(2, 1, 2),
                new Rounds.Turn(3, 0, 2), new Rounds.Turn(3, 1, 2), new Rounds.Turn(3, 2, 2));
        for (int plan = 0; plan < 3; plan++) {
            int p = plan;
            assertThat(turns.stream().filter(t -> t.plan() == p).mapToInt(Rounds.Turn::count).sum()).isEqualTo(10);
        }
    }

    @Test
    void should_run_each_plans_inferences_back_to_back_when_there_is_one_round() {
        // WHEN / THEN the order before stop 20
        assertThat(Rounds.schedule(2, 5, 1)).containsExactly(new Rounds.Turn(0, 0, 5), new Rounds.Turn(0, 1, 5));
    }

    @Test
    void should_refuse_more_rounds_than_repeats_when_scheduling() {
        // WHEN / THEN
        assertThatThrownBy(() -> Rounds.schedule(3, 4, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The rounds (5) must be between 1 and the repeats (4)")
                .hasMessageContaining("Maybe");
        assertThatThrownBy(() -> Rounds.schedule(3, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_give_each_rounds_median_and_their_range_when_computing_the_spread() {
        // GIVEN 7 inferences in 3 rounds, not in round order: round 0 {100, 120, 130}, round 1 {200, 220},
        // round 2 {150, 160} (ms)
        double[] latencies = {0.100, 0.200, 0.120, 0.150, 0.220, 0.130, 0.160};
        int[] rounds = {0, 1, 0, 2, 1, 0, 2};

        // WHEN
        Rounds.Spread s = Rounds.Spread.of(latencies, rounds);

        // THEN medians 120 (odd count), 210 and 155 (even counts: the mean of the middle two); range 120-210
        assertThat(s.roundMedians()).containsExactly(new double[] {0.120, 0.210, 0.155}, Offset.offset(1e-12));
        assertThat(s.low()).isEqualTo(0.120);
        assertThat(s.high()).isCloseTo(0.210, Offset.offset(1e-12));
        // AND the range's ends count as within it, a value just outside does not
        assertThat(s.contains(0.120)).isTrue();
        assertThat(s.contains(0.210)).isTrue();
        assertThat(s.contains(0.180)).isTrue();
        assertThat(s.contains(0.1199)).isFalse();
        assertThat(s.contains(0.2101)).isFalse();
    }

    @Test
    void should_have_no_range_when_every_inference_is_in_one_round() {
        // WHEN
        Rounds.Spread s = Rounds.Spread.of(new double[] {0.3, 0.1, 0.2}, new int[] {0, 0, 0});

        // THEN one median, low = high: only a prediction equal to it is within
        assertThat(s.roundMedians()).containsExactly(0.2);
        assertThat(s.low()).isEqualTo(0.2);
        assertThat(s.high()).isEqualTo(0.2);
        assertThat(s.contains(0.2)).isTrue();
        assertThat(s.contains(0.21)).isFalse();
    }

    @Test
    void should_refuse_latencies_without_their_rounds() {
        // WHEN / THEN
        assertThatThrownBy(() -> Rounds.Spread.of(new double[] {0.1, 0.2}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
