package io.scission.model;

import static io.scission.testsupport.Crossings.crossing;
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
    void should_cut_where_up_to_k_tensors_cross_when_an_inception_like_graph() {
        // GIVEN input 0, stem 1, three branches 2, 3, 4 reading the stem, their concat 5, head 6; layer i's tensor
        // has 4·10·(i+1) bytes. Live tensors after each layer, counted by hand:
        // 1: {t1}; 2: {t1, t2}; 3: {t1, t2, t3}; 4: {t2, t3, t4}; 5: {t5}
        ModelGraph g = graph(new int[][] {{}, {0}, {1}, {1}, {1}, {2, 3, 4}, {5}});
        // WHEN
        BlockLayout scission = g.blocks(PartitionRule.SCISSION);
        BlockLayout k1 = g.blocks(PartitionRule.tensors(1));
        BlockLayout k2 = g.blocks(PartitionRule.tensors(2));
        BlockLayout k3 = g.blocks(PartitionRule.tensors(3));
        // THEN
        assertThat(labels(scission)).containsExactly("0-5", "6");
        assertThat(labels(k1)).containsExactly("0-1", "2-5", "6");
        assertThat(labels(k2)).containsExactly("0-1", "2", "3-5", "6");
        assertThat(labels(k3)).containsExactly("0-1", "2", "3", "4", "5", "6");
        assertThat(k2.blocks()).extracting(Block::outputBytes).containsExactly(80L, 80L + 120, 240L, 280L);
        assertThat(k3.blocks()).extracting(Block::outputBytes)
                .containsExactly(80L, 80L + 120, 80L + 120 + 160, 120L + 160 + 200, 240L, 280L);
        assertThat(PartitionRule.tensors(4).cuts(g)).isEqualTo(PartitionRule.tensors(3).cuts(g));
        assertThat(k3.rule()).isEqualTo(PartitionRule.parse("tensors:3"));
    }

    @Test
    void should_cut_inside_the_branches_when_two_tensors_may_cross() {
        // GIVEN the README figure: 0 -> 1 -> 2, 2 branches into 3 and 4, which merge at 5, then 6
        ModelGraph g = graph(new int[][] {{}, {0}, {1}, {2}, {2}, {3, 4}, {5}});
        // WHEN
        BlockLayout k2 = g.blocks(PartitionRule.tensors(2));
        // THEN after 3: {t2, t3} (t2 is still read by 4); after 4: {t3, t4}
        assertThat(labels(k2)).containsExactly("0-1", "2", "3", "4", "5", "6");
        assertThat(k2.blocks()).extracting(Block::outputBytes)
                .containsExactly(80L, 120L, 120L + 160, 160L + 200, 240L, 280L);
    }

    @Test
    void should_count_a_model_output_and_skip_input_only_prefixes_when_k_is_two() {
        // GIVEN two inputs 0 and 1, layer 2 reads both, layer 3 reads 2 and is an output, layer 4 reads 2 and 1
        ModelGraph g = graph(new int[][] {{}, {}, {0, 1}, {2}, {2, 1}});
        // WHEN
        List<Integer> k2 = PartitionRule.tensors(2).cuts(g);
        // THEN after 1 only inputs lie before the cut; after 2: {t1, t2}; after 3: {t1, t2, t3 if an output}
        assertThat(g.outputs()).extracting(TensorRef::layer).contains(3, 4);
        assertThat(k2).containsExactly(2);
        assertThat(PartitionRule.tensors(3).cuts(g)).containsExactly(2, 3);
        assertThat(g.blocks(PartitionRule.tensors(3)).blocks().get(1).outputBytes()).isEqualTo(4 * (20 + 30 + 40));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void should_cut_exactly_where_1_to_k_tensors_cross_and_carry_them_all_when_random_dag(long seed) {
        // GIVEN a random DAG, with several inputs and outputs at times
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(18);
        int inputLayers = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
        int[][] inputs = new int[n][];
        for (int i = 0; i < n; i++) {
            if (i < Math.min(inputLayers, n - 1)) {
                inputs[i] = new int[0];
                continue;
            }
            int k = 1 + rnd.nextInt(3);
            inputs[i] = new int[k];
            for (int j = 0; j < k; j++) {
                inputs[i][j] = rnd.nextInt(i);
            }
        }
        ModelGraph g = graph(inputs);
        List<Integer> previous = List.of();
        for (int k = 1; k <= 5; k++) {
            // WHEN
            PartitionRule rule = PartitionRule.tensors(k);
            BlockLayout layout = g.blocks(rule);
            // THEN every cut is checked against the crossing set counted from the edges
            List<Integer> expected = new ArrayList<>();
            boolean onlyInputs = true;
            for (int cut = 0; cut < n - 1; cut++) {
                onlyInputs &= inputs[cut].length == 0;
                int crossing = crossing(g, cut).size();
                if (!onlyInputs && crossing >= 1 && crossing <= k) {
                    expected.add(cut);
                }
            }
            assertThat(rule.cuts(g)).as("seed=%d k=%d", seed, k).isEqualTo(expected);
            assertThat(rule.cuts(g)).as("seed=%d k=%d monotone", seed, k).containsAll(previous);
            for (Block b : layout.blocks()) {
                long bytes = crossing(g, b.lastLayer()).stream().mapToLong(t -> g.spec(t).bytes()).sum();
                assertThat(b.outputBytes()).as("seed=%d k=%d block %s", seed, k, b.label()).isEqualTo(bytes);
            }
            if (k == 1) {
                assertThat(rule).isSameAs(PartitionRule.SINGLE_TENSOR);
                assertThat(new PartitionRule.Tensors(1).cuts(g)).isEqualTo(PartitionRule.SINGLE_TENSOR.cuts(g));
            }
            previous = rule.cuts(g);
        }
    }

    @Test
    void should_round_trip_ids_when_parsing_rules() {
        // GIVEN / WHEN / THEN
        assertThat(PartitionRule.parse("scission")).isSameAs(PartitionRule.SCISSION);
        assertThat(PartitionRule.parse(" SINGLE_TENSOR ")).isSameAs(PartitionRule.SINGLE_TENSOR);
        assertThat(PartitionRule.parse("tensors:1")).isSameAs(PartitionRule.SINGLE_TENSOR);
        assertThat(PartitionRule.parse("Tensors:3")).isEqualTo(PartitionRule.tensors(3))
                .isNotEqualTo(PartitionRule.tensors(2));
        for (PartitionRule r : List.of(PartitionRule.SCISSION, PartitionRule.SINGLE_TENSOR, PartitionRule.tensors(2),
                PartitionRule.tensors(17))) {
            assertThat(PartitionRule.parse(r.id())).isEqualTo(r);
        }
        assertThat(PartitionRule.tensors(1).id()).isEqualTo("single-tensor");
        assertThat(PartitionRule.tensors(3).id()).isEqualTo("tensors:3");
        assertThat(PartitionRule.SCISSION).hasToString("SCISSION");
        assertThat(PartitionRule.SINGLE_TENSOR).hasToString("SINGLE_TENSOR");
        assertThat(PartitionRule.tensors(3)).hasToString("tensors(3)");
    }

    @Test
    void should_leave_out_the_crossed_cuts_and_round_trip_when_a_rule_is_fused() {
        // GIVEN a chain 0..6 (the README figure: 2 branches into 3 and 4, which merge at 5) whose scission cuts are
        // after 1 and 5, and single-tensor cuts after 1, 2 and 5
        ModelGraph g = graph(new int[][] {{}, {0}, {1}, {2}, {2}, {3, 4}, {5}});

        // WHEN fusion crosses the cut after 1 (say 1 and 2 run as one kernel)
        PartitionRule fused = PartitionRule.fused(PartitionRule.SCISSION, List.of(1));
        PartitionRule fusedSingle = PartitionRule.fused(PartitionRule.SINGLE_TENSOR, List.of(5, 1));
        PartitionRule none = PartitionRule.fused(PartitionRule.tensors(2), List.of());

        // THEN the blocks merge across it and nowhere else, with the bytes of the cuts that remain
        assertThat(labels(g.blocks(fused))).containsExactly("0-5", "6");
        assertThat(g.blocks(fused).blocks().get(0).outputBytes())
                .isEqualTo(g.blocks(PartitionRule.SCISSION).blocks().get(1).outputBytes());
        assertThat(labels(g.blocks(fusedSingle))).containsExactly("0-2", "3-6");
        assertThat(g.blocks(none).blocks()).isEqualTo(g.blocks(PartitionRule.tensors(2)).blocks());
        // and the rule is a value with a spelling that parses back; the base and fused-ness are visible
        assertThat(fused.id()).isEqualTo("scission-fused:1");
        assertThat(fusedSingle.id()).isEqualTo("single-tensor-fused:1,5");
        assertThat(none.id()).isEqualTo("tensors:2-fused");
        for (PartitionRule r : List.of(fused, fusedSingle, none)) {
            assertThat(PartitionRule.parse(r.id())).isEqualTo(r);
            assertThat(r.isFused()).isTrue();
        }
        assertThat(PartitionRule.parse(" Scission-Fused:1 ")).isEqualTo(fused);
        assertThat(fused.base()).isSameAs(PartitionRule.SCISSION);
        assertThat(PartitionRule.SCISSION.base()).isSameAs(PartitionRule.SCISSION);
        assertThat(PartitionRule.SCISSION.isFused()).isFalse();
        assertThat(fused).hasToString("fused(SCISSION, [1])");
    }

    @Test
    void should_refuse_a_fused_rule_when_it_does_not_fit_the_model_or_nests() {
        // GIVEN the README figure, where scission does not cut after layer 3 (inside the branches)
        ModelGraph g = graph(new int[][] {{}, {0}, {1}, {2}, {2}, {3, 4}, {5}});

        // WHEN / THEN one error naming the rule, the cut and the model
        assertThatThrownBy(() -> g.blocks(PartitionRule.fused(PartitionRule.SCISSION, List.of(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The partition rule scission-fused:3 leaves out the cut after layer 3, but the scission "
                        + "rule does not cut there in model g.\nMaybe the rule was made for another model or version: "
                        + "profile g again.");
        assertThatThrownBy(() -> PartitionRule.fused(PartitionRule.fused(PartitionRule.SCISSION, List.of()),
                List.of())).hasMessage("The base of a fused rule (scission-fused) must not be fused itself.");
        assertThatThrownBy(() -> PartitionRule.fused(PartitionRule.SCISSION, List.of(-1)))
                .hasMessage("The cuts fusion crosses ([-1]) must be layer positions of 0 or more, ascending and "
                        + "distinct.");
        for (String text : List.of("scission-fused:", "scission-fused:1,,2", "scission-fused:x", "every-fused:1",
                "scission-fused-fused:1", "scission-fused:1-fused")) {
            assertThatThrownBy(() -> PartitionRule.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The partition rule (" + text + ") is not");
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tensors:0", "tensors:", "tensors:x", "tensors:-2",
            "tensors:1234567890", "every-layer", "tensors 3"})
    void should_name_the_text_when_a_rule_does_not_parse(String text) {
        assertThatThrownBy(() -> PartitionRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The partition rule (" + text + ") is not one of scission, single-tensor, tensors:K "
                        + "(K from 1 to 999999999, the most tensors a cut may be crossed by).");
    }

    @Test
    void should_refuse_k_when_below_one() {
        assertThatThrownBy(() -> PartitionRule.tensors(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The k (0) of tensors(k) must be at least 1 (1 is the single-tensor rule).");
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
