package io.scission.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionRuleTest {

    /** Layers as a table: row i lists the (layer) inputs of layer i; every tensor is float32 [1, 10·(i+1)]. */
    static ModelGraph graph(int[][] inputs) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            List<TensorRef> in = new ArrayList<>();
            for (int p : inputs[i]) {
                in.add(TensorRef.of(p));
            }
            layers.add(new Layer(i, "l" + i, i == 0 ? "InputLayer" : "Op", in,
                    List.of(TensorSpec.float32(-1, 10L * (i + 1)))));
        }
        return ModelGraph.of("g", layers);
    }

    static List<String> labels(BlockLayout layout) {
        return layout.blocks().stream().map(Block::label).toList();
    }

    @Test
    void should_make_the_readme_figure_blocks_when_scission_rule() {
        // GIVEN the original README figure: 0 -> 1 -> 2, 2 branches into 3 and 4, which merge at 5, then 6
        ModelGraph g = graph(new int[][] {{}, {0}, {1}, {2}, {2}, {3, 4}, {5}});
        // WHEN
        BlockLayout scission = g.blocks(PartitionRule.SCISSION);
        BlockLayout single = g.blocks(PartitionRule.SINGLE_TENSOR);
        // THEN the branching layer 2 starts a block under the original rule, and may end one with single tensors
        assertThat(labels(scission)).containsExactly("0-1", "2-5", "6");
        assertThat(labels(single)).containsExactly("0-1", "2", "3-5", "6");
        assertThat(scission.blocks().get(1).outputBytes()).isEqualTo(4 * 60);
        assertThat(scission.blocks().get(2).outputBytes()).isEqualTo(4 * 70);
        assertThat(single.blocks().get(1).outputBytes()).isEqualTo(4 * 30);
        assertThat(scission.partitionPoints()).isEqualTo(2);
    }

    @Test
    void should_cut_everywhere_when_linear() {
        ModelGraph g = graph(new int[][] {{}, {0}, {1}, {2}, {3}});
        assertThat(labels(g.blocks(PartitionRule.SCISSION))).containsExactly("0-1", "2", "3", "4");
        assertThat(labels(g.blocks(PartitionRule.SINGLE_TENSOR))).containsExactly("0-1", "2", "3", "4");
    }

    @Test
    void should_reproduce_the_original_quirk_when_the_input_feeds_two_layers() {
        // GIVEN the input feeds 1 and 2 (its fan-out is not counted by the original)
        ModelGraph g = graph(new int[][] {{}, {0}, {0}, {1, 2}, {3}});
        // WHEN
        BlockLayout scission = g.blocks(PartitionRule.SCISSION);
        // THEN the original cuts after layer 1 although two tensors cross (the block records both), and after the
        // merge its counter stays at -1, so it finds no cut before the last layer
        assertThat(labels(scission)).containsExactly("0-1", "2", "3-4");
        assertThat(scission.blocks().get(0).outputBytes()).isEqualTo(4 * 10 + 4 * 20);
        assertThat(labels(g.blocks(PartitionRule.SINGLE_TENSOR))).containsExactly("0-3", "4");
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_be_a_superset_of_scission_cuts_and_exact_when_random_dag(long seed) {
        // GIVEN a random DAG whose input layer feeds exactly one layer
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(14);
        int[][] inputs = new int[n][];
        inputs[0] = new int[0];
        inputs[1] = new int[] {0};
        for (int i = 2; i < n; i++) {
            int k = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
            inputs[i] = new int[k];
            for (int j = 0; j < k; j++) {
                inputs[i][j] = 1 + rnd.nextInt(i - 1);
            }
        }
        ModelGraph g = graph(inputs);
        // WHEN
        List<Integer> scission = PartitionRule.SCISSION.cuts(g);
        List<Integer> single = PartitionRule.SINGLE_TENSOR.cuts(g);
        // THEN
        assertThat(single).as("seed=%d", seed).containsAll(scission);
        for (int cut = 1; cut < n - 1; cut++) {
            java.util.Set<TensorRef> crossing = new java.util.HashSet<>();
            int edgesFromCut = 0;
            int edges = 0;
            for (Layer l : g.layers()) {
                for (TensorRef in : l.inputs()) {
                    if (in.layer() <= cut && l.index() > cut) {
                        crossing.add(in);
                        edges++;
                        edgesFromCut += in.layer() == cut ? 1 : 0;
                    }
                }
            }
            for (TensorRef out : g.outputs()) {
                if (out.layer() <= cut) {
                    crossing.add(out);
                    edges++;
                }
            }
            assertThat(single.contains(cut)).as("seed=%d cut=%d single", seed, cut).isEqualTo(crossing.size() == 1);
            assertThat(scission.contains(cut)).as("seed=%d cut=%d scission", seed, cut)
                    .isEqualTo(edges == 1 && edgesFromCut == 1);
        }
    }

    @Test
    void should_reject_graphs_when_malformed() {
        assertThatThrownBy(() -> graph(new int[][] {{}, {2}, {1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads layer 2, which is not earlier")
                .hasMessageContaining("Maybe the layers are not in topological order");
        assertThatThrownBy(() -> graph(new int[][] {{0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads layer 0");
        assertThatThrownBy(() -> TensorSpec.float32(-1, -1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the batch dimension may be -1");
        assertThatThrownBy(() -> new BlockLayout("m", 5, 0, PartitionRule.SCISSION,
                List.of(new Block(0, 0, 1, 4), new Block(1, 3, 4, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected block 1 starting at layer 2");
    }
}
