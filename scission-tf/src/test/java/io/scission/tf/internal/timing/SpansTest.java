package io.scission.tf.internal.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpansTest {

    private static Layer layer(int i, String name, TensorRef... inputs) {
        return new Layer(i, name, "Op", List.of(inputs), List.of(TensorSpec.float32(-1, 4)));
    }

    /** The README figure: 0 input, 1, 2 branches into 3 and 4, merged at 5, then 6. */
    private static ModelGraph branchy() {
        return ModelGraph.of("branchy", List.of(layer(0, "in"), layer(1, "l1", TensorRef.of(0)),
                layer(2, "l2", TensorRef.of(1)), layer(3, "l3", TensorRef.of(2)), layer(4, "l4", TensorRef.of(2)),
                layer(5, "l5", TensorRef.of(3), TensorRef.of(4)), layer(6, "l6", TensorRef.of(5))));
    }

    @Test
    void should_feed_the_model_input_and_fetch_the_crossing_tensor_when_the_range_starts_at_the_input() {
        Spans.Span s = Spans.of(branchy(), 0, 1);
        assertThat(s.feeds()).containsExactly(TensorRef.of(0));
        assertThat(s.fetches()).containsExactly(TensorRef.of(1));
    }

    @Test
    void should_fetch_both_branches_when_the_cut_falls_inside_them() {
        Spans.Span s = Spans.of(branchy(), 2, 3);
        assertThat(s.feeds()).containsExactly(TensorRef.of(1));
        assertThat(s.fetches()).containsExactly(TensorRef.of(2), TensorRef.of(3));
        Spans.Span rest = Spans.of(branchy(), 4, 6);
        assertThat(rest.feeds()).containsExactly(TensorRef.of(2), TensorRef.of(3));
        assertThat(rest.fetches()).containsExactly(TensorRef.of(6));
    }

    @Test
    void should_feed_the_inputs_and_fetch_the_outputs_when_the_range_is_the_whole_model() {
        Spans.Span s = Spans.of(branchy(), 0, 6);
        assertThat(s.feeds()).containsExactly(TensorRef.of(0));
        assertThat(s.fetches()).containsExactly(TensorRef.of(6));
    }

    @Test
    void should_reject_a_range_outside_the_model() {
        assertThatThrownBy(() -> Spans.of(branchy(), 3, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-7").hasMessageContaining("0-6");
    }
}
