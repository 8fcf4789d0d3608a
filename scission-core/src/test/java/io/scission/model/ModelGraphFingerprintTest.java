package io.scission.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ModelGraph#fingerprint()}: the same for the same layers, different when anything structural differs. */
class ModelGraphFingerprintTest {

    static ModelGraph chain(String name, String secondType, long width) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer(0, "in", "InputLayer", List.of(), List.of(TensorSpec.float32(-1, 8))));
        layers.add(new Layer(1, "a", secondType, List.of(TensorRef.of(0)), List.of(TensorSpec.float32(-1, width))));
        layers.add(new Layer(2, "b", "Dense", List.of(TensorRef.of(1)), List.of(TensorSpec.float32(-1, 2))));
        return ModelGraph.of(name, layers);
    }

    @Test
    void should_ignore_the_model_name_when_the_layers_are_the_same() {
        // WHEN / THEN
        assertThat(chain("m1", "Dense", 4).fingerprint()).isEqualTo(chain("m2", "Dense", 4).fingerprint())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void should_differ_when_a_type_a_shape_or_a_connection_differs() {
        // GIVEN
        ModelGraph base = chain("m", "Dense", 4);
        List<Layer> rewired = new ArrayList<>(base.layers());
        rewired.set(2, new Layer(2, "b", "Dense", List.of(TensorRef.of(0)), List.of(TensorSpec.float32(-1, 2))));

        // WHEN / THEN
        assertThat(List.of(chain("m", "Conv2D", 4).fingerprint(), chain("m", "Dense", 5).fingerprint(),
                ModelGraph.of("m", rewired).fingerprint())).doesNotContain(base.fingerprint()).doesNotHaveDuplicates();
    }

    @Test
    void should_travel_with_the_block_layout_when_a_rule_is_applied() {
        // GIVEN
        ModelGraph g = chain("m", "Dense", 4);

        // WHEN
        BlockLayout layout = g.blocks(PartitionRule.SCISSION);
        BlockLayout unknown = new BlockLayout("m", 3, layout.inputBytes(), PartitionRule.SCISSION, layout.blocks());
        BlockLayout other = new BlockLayout("m", 3, layout.inputBytes(), PartitionRule.SCISSION, layout.blocks(),
                chain("m", "Conv2D", 4).fingerprint());

        // THEN an unknown fingerprint matches any, two known ones must agree
        assertThat(layout.fingerprint()).isEqualTo(g.fingerprint());
        assertThat(unknown.fingerprint()).isEmpty();
        assertThat(layout.sameStructure(unknown)).isTrue();
        assertThat(layout.sameStructure(other)).isFalse();
    }
}
