package io.scission.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory estimate on a hand-worked residual model. Layer outputs (float32, batch 1), in bytes:
 * <pre>
 * 0 input   [1,8,8,4]   1024                      read by 1
 * 1 conv_a  [1,8,8,8]   2048  weights 4*4*8+8*4   read by 2 and 3 (the shortcut)
 * 2 conv_b  [1,8,8,8]   2048  weights 2336        read by 3
 * 3 add     [1,8,8,8]   2048                      read by 4
 * 4 pool    [1,8]         32                      read by 5
 * 5 dense   [1,2]          8  weights 72          the model output
 * </pre>
 * Live sets: at 0: input 1024; at 1: input + a = 3072; at 2: a + b = 4096; at 3: a + b + add = 6144; at 4: add +
 * pool = 2080; at 5: pool + dense = 40.
 */
class BlockMemoryTest {

    static ModelGraph residual() {
        return ModelGraph.of("residual", List.of(
                new Layer(0, "input", "InputLayer", List.of(), List.of(TensorSpec.float32(-1, 8, 8, 4))),
                new Layer(1, "conv_a", "Conv2D", List.of(new TensorRef(0, 0)), List.of(TensorSpec.float32(-1, 8, 8, 8))),
                new Layer(2, "conv_b", "Conv2D", List.of(new TensorRef(1, 0)), List.of(TensorSpec.float32(-1, 8, 8, 8))),
                new Layer(3, "add", "Add", List.of(new TensorRef(1, 0), new TensorRef(2, 0)),
                        List.of(TensorSpec.float32(-1, 8, 8, 8))),
                new Layer(4, "pool", "GlobalAveragePooling2D", List.of(new TensorRef(3, 0)),
                        List.of(TensorSpec.float32(-1, 8))),
                new Layer(5, "dense", "Dense", List.of(new TensorRef(4, 0)), List.of(TensorSpec.float32(-1, 2)))));
    }

    static final long[] WEIGHTS = {0, 160, 2336, 0, 0, 72};

    @Test
    void should_count_every_tensor_live_across_a_layer_when_walking_in_order() {
        // WHEN
        long[] live = BlockMemory.liveBytes(residual());
        // THEN
        assertThat(live).containsExactly(1024, 3072, 4096, 6144, 2080, 40);
    }

    @Test
    void should_add_weights_and_take_the_largest_live_set_per_block_when_estimating() {
        // GIVEN the single-tensor cuts: one tensor crosses after conv_a (read twice), add and pool; two (conv_a's and
        // conv_b's) cross after conv_b; the rule keeps the input layer with the first layer
        ModelGraph g = residual();
        BlockLayout layout = g.blocks(PartitionRule.SINGLE_TENSOR);
        // WHEN
        List<BlockMemory> m = BlockMemory.estimate(g, layout, WEIGHTS);
        // THEN
        assertThat(layout.blocks()).extracting(b -> b.label()).containsExactly("0-1", "2-3", "4", "5");
        assertThat(m).containsExactly(BlockMemory.estimate(160, 3072), BlockMemory.estimate(2336, 6144),
                BlockMemory.estimate(0, 2080), BlockMemory.estimate(72, 40));
        // AND a segment adds its weights and takes its largest live set: input..add = 160 + 2336 + 6144
        assertThat(BlockMemory.segmentBytes(m, 0, 1)).isEqualTo(8640);
        assertThat(BlockMemory.segmentBytes(m, 0, 3)).isEqualTo(160 + 2336 + 72 + 6144);
        assertThat(BlockMemory.segmentBytes(m, 3, 3)).isEqualTo(112);
        assertThat(m.get(1).workingBytes()).isEqualTo(2336 + 6144);
    }

    @Test
    void should_keep_a_model_output_live_until_the_end_when_a_later_layer_also_runs() {
        // GIVEN two outputs: the pool (read by dense) is also a model output
        ModelGraph g = residual();
        ModelGraph twoOutputs = ModelGraph.of("two", g.layers(), List.of(new TensorRef(4, 0), new TensorRef(5, 0)));
        // WHEN
        long[] live = BlockMemory.liveBytes(twoOutputs);
        // THEN the pool's 32 bytes stay live at layer 5 as before, and nothing else changes
        assertThat(live).containsExactly(1024, 3072, 4096, 6144, 2080, 40);
        // AND an output nobody reads that is not a model output is live only at its own layer
        ModelGraph dropped = ModelGraph.of("dropped", g.layers(), List.of(new TensorRef(5, 0)));
        assertThat(BlockMemory.liveBytes(dropped)).containsExactly(1024, 3072, 4096, 6144, 2080, 40);
    }

    @Test
    void should_refuse_figures_that_do_not_fit_the_model() {
        ModelGraph g = residual();
        BlockLayout layout = g.blocks(PartitionRule.SINGLE_TENSOR);
        assertThatThrownBy(() -> BlockMemory.estimate(g, layout, new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 6 layers")
                .hasMessageContaining("its weights 2");
        assertThatThrownBy(() -> BlockMemory.estimate(g, layout, new long[] {0, -1, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer conv_a");
        assertThatThrownBy(() -> new BlockMemory(-1, 0, BlockMemory.NOT_MEASURED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights -1 B");
        assertThatThrownBy(() -> new BlockMemory(0, 0, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new BlockMemory(1, 2, 3).measuredPeak()).hasValue(3);
        assertThat(BlockMemory.estimate(1, 2).measuredPeak()).isEmpty();
    }
}
