package io.scission.tf.zoo;

import static io.scission.testsupport.Crossings.crossing;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.tf.Models;
import io.scission.tf.keras.KerasReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The k-tensor partition rule ({@code tensors(k)}, #14) on real architectures: the 18 zoo models and the real Keras
 * and TF.js files of the test corpus. The truth is a brute-force count, per cut, of the distinct tensors produced at
 * or before it and read after it (or model outputs), straight from the layers' inputs.
 */
class ZooPartitionRulesTest {

    static Stream<Arguments> graphs() {
        List<Arguments> all = new ArrayList<>();
        for (ZooModel m : KerasZoo.models()) {
            all.add(Arguments.of(m.displayName(), KerasZoo.architecture(m.key()).toModelGraph()));
        }
        for (String file : List.of("kotlindl-keras-applications-json/efficientb0.json",
                "kotlindl-toyresnet-json-h5/modelConfig.json", "dl4j-keras-json-agz-resnet-yolo9000/dual_res.json",
                "nsfwjs-mobilenetv2-tfjs-layers", "nsfwjs-inceptionv3-tfjs-layers-json/model.json",
                "ml5-darknet-tiny-tfjs-layers")) {
            all.add(Arguments.of(file, KerasReader.read(Models.file(file)).toModelGraph()));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void should_cut_where_1_to_k_tensors_cross_and_charge_them_all_when_real_architectures(String name,
            ModelGraph g) {
        // GIVEN the crossing tensors of every cut, by brute force
        List<Set<TensorRef>> crossing = new ArrayList<>();
        boolean onlyInputs = true;
        List<Boolean> inputPrefix = new ArrayList<>();
        for (int cut = 0; cut < g.size(); cut++) {
            crossing.add(crossing(g, cut));
            onlyInputs &= g.layers().get(cut).isInput();
            inputPrefix.add(onlyInputs);
        }
        List<Integer> previous = PartitionRule.SCISSION.cuts(g);
        int previousCount = previous.size();
        for (int k = 1; k <= 4; k++) {
            // WHEN
            PartitionRule rule = PartitionRule.tensors(k);
            BlockLayout layout = g.blocks(rule);
            List<Integer> cuts = rule.cuts(g);

            // THEN exactly the cuts crossed by 1..k tensors (not after input layers alone), ascending
            List<Integer> expected = new ArrayList<>();
            for (int cut = 0; cut < g.size() - 1; cut++) {
                int c = crossing.get(cut).size();
                if (c >= 1 && c <= k && !inputPrefix.get(cut)) {
                    expected.add(cut);
                }
            }
            assertThat(cuts).as("%s k=%d", name, k).isEqualTo(expected);
            // AND monotone in k; k = 1 is the single-tensor rule, which holds the scission rule's cuts here
            assertThat(cuts.size()).as("%s k=%d count", name, k).isGreaterThanOrEqualTo(previousCount);
            assertThat(cuts).as("%s k=%d superset", name, k).containsAll(previous);
            if (k == 1) {
                assertThat(layout).isEqualTo(g.blocks(PartitionRule.SINGLE_TENSOR));
            }
            // AND every block's bytes are the sum of the tensors crossing the cut after it
            for (Block b : layout.blocks()) {
                long bytes = crossing.get(b.lastLayer()).stream().mapToLong(t -> g.spec(t).bytes()).sum();
                assertThat(b.outputBytes()).as("%s k=%d block %s", name, k, b.label()).isEqualTo(bytes);
            }
            previous = cuts;
            previousCount = cuts.size();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableModels")
    void should_have_the_block_counts_of_the_finer_cuts_table_when_the_models_of_issue_14(String key,
            List<Integer> blocks) {
        // GIVEN the models of docs/benchmarks.md "Finer partition points"
        ModelGraph g = KerasZoo.architecture(key).toModelGraph();
        // WHEN / THEN scission, single-tensor, tensors:2, tensors:3
        assertThat(List.of(g.blocks(PartitionRule.SCISSION).size(), g.blocks(PartitionRule.SINGLE_TENSOR).size(),
                g.blocks(PartitionRule.tensors(2)).size(), g.blocks(PartitionRule.tensors(3)).size()))
                .isEqualTo(blocks);
    }

    static Stream<Arguments> tableModels() {
        return Stream.of(
                Arguments.of("nasnetmobile", List.of(5, 6, 34, 121)),
                Arguments.of("nasnetlarge", List.of(5, 6, 48, 163)),
                Arguments.of("inceptionresnet_v2", List.of(61, 104, 406, 660)),
                Arguments.of("inception_v3", List.of(19, 30, 81, 179)),
                Arguments.of("densenet121", List.of(22, 80, 428, 428)),
                Arguments.of("densenet169", List.of(22, 104, 596, 596)),
                Arguments.of("densenet201", List.of(22, 120, 708, 708)));
    }
}
