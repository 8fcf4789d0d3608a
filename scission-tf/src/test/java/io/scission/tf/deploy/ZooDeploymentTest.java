package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.SegmentPlan;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.spi.ModelSource;
import io.scission.tf.TfLoadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Six zoo models (seeded weights), each cut into three segments and exported: the chained SavedModels compute what
 * the whole model computes, and so does each segment run alone. The other twelve are in {@code ZooDeploymentIT}.
 * NASNetMobile runs twice: once more under {@code tensors(3)}, cut where exactly three tensors cross (#14).
 * One temporary directory for the class; each export is deleted after its check (VGG16's is 0.55 GB).
 */
class ZooDeploymentTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("vgg16", PartitionRule.SCISSION),
                Arguments.of("resnet50", PartitionRule.SINGLE_TENSOR),
                Arguments.of("mobilenetv2", PartitionRule.SCISSION),
                Arguments.of("densenet121", PartitionRule.SINGLE_TENSOR),
                Arguments.of("inception_v3", PartitionRule.SCISSION),
                Arguments.of("nasnetmobile", PartitionRule.SCISSION),
                Arguments.of("nasnetmobile", PartitionRule.tensors(3)));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("models")
    void should_compute_what_the_whole_model_computes_when_cut_into_three_segments(String name, PartitionRule rule) {
        check(dir, name, rule, "zoo.md");
    }

    static void check(Path root, String name, PartitionRule rule, String report) {
        // GIVEN the zoo model and cuts at a third and two thirds of its blocks (under the single-tensor rule: at
        // points the scission rule does not have, before a branch, where there are some)
        try (ModelRunner model = Deployments.openModel(new ModelSource(name), TfLoadOptions.defaults(), 42L)) {
            ModelGraph g = model.model().structure();
            List<Integer> cuts = cuts(g, rule);
            Path out = root.resolve(name);

            // WHEN
            long t0 = System.nanoTime();
            Deployment d = Deployments.export(model, SegmentPlan.cuts(rule, cuts, DeploymentChecks.THREE), out,
                    ExportOptions.defaults().withVerify(false));
            double exportSeconds = (System.nanoTime() - t0) / 1e9;
            DeploymentChecks.Outcome o = DeploymentChecks.check(model, out,
                    Deployments.randomInputs(model.inputs(), 7L));

            // THEN three segments whose hops carry what the plan's cost model charges: the bytes leaving the block
            // before each cut
            BlockLayout layout = g.blocks(rule);
            assertThat(d.segments()).hasSize(3);
            assertThat(d.plan().cuts()).isEqualTo(cuts);
            for (int i = 0; i < 2; i++) {
                assertThat(d.hops().get(i).bytes()).isEqualTo(layout.blockOf(cuts.get(i)).outputBytes());
                if (rule instanceof PartitionRule.Tensors t && t.max() > 1) {
                    // cut where exactly max tensors cross: the hop carries all of them
                    assertThat(d.hops().get(i).tensors()).hasSize(t.max());
                }
            }
            assertThat(d.model().weights()).startsWith("seeded-random(seed=42");
            DeploymentChecks.report(report, DeploymentChecks.row(name, rule.id() + " cuts " + cuts, exportSeconds,
                    o));
            AtomicFiles.deleteRecursively(out);
        }
    }

    static List<Integer> cuts(ModelGraph g, PartitionRule rule) {
        if (rule instanceof PartitionRule.Tensors t && t.max() > 1) {
            // the first points crossed by exactly max tensors from a third and from two thirds of the layers on
            List<Integer> exact = new java.util.ArrayList<>(rule.cuts(g));
            exact.removeAll(PartitionRule.tensors(t.max() - 1).cuts(g));
            Integer a = exact.stream().filter(c -> c >= g.size() / 3).findFirst().orElseThrow();
            Integer b = exact.stream().filter(c -> c >= 2 * g.size() / 3 && c > a).findFirst().orElseThrow();
            return List.of(a, b);
        }
        List<Integer> thirds = DeploymentChecks.thirds(g, rule);
        if (!rule.equals(PartitionRule.SINGLE_TENSOR)) {
            return thirds;
        }
        List<Integer> only = DeploymentChecks.singleTensorOnly(g);
        Integer a = only.stream().filter(c -> c >= thirds.get(0)).findFirst().orElse(thirds.get(0));
        Integer b = only.stream().filter(c -> c >= thirds.get(1) && c > a).findFirst().orElse(thirds.get(1));
        return b > a ? List.of(a, b) : thirds;
    }
}
