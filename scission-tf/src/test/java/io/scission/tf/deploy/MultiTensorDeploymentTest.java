package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.SegmentPlan;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.spi.ModelSource;
import io.scission.tf.TfLoadOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cuts crossed by several tensors, on a small two-input, two-output Keras model ({@code two_heads.json}): the image
 * feeds two branches (the scission rule, like the original tool, does not count the input's fan-out), the first
 * branch ends in a model output early, and a second input joins late. Under the scission rule its partition points
 * after layers 1-5 are crossed by 2 or 3 tensors; the single-tensor rule has none.
 *
 * <pre>
 *  0 image ─┬─ 1 conv_a ── 2 head_a (output)
 *           └─ 3 conv_b ── 4 pool_b ─┐
 *                          5 side ───┴─ 6 add_side ── 7 conv_c ── 8 flatten_c ── 9 scores (output)
 * </pre>
 */
class MultiTensorDeploymentTest {

    @TempDir
    static Path dir;
    static ModelRunner model;

    @BeforeAll
    static void open() throws URISyntaxException {
        Path json = Path.of(MultiTensorDeploymentTest.class.getResource("two_heads.json").toURI());
        model = Deployments.openModel(ModelSource.of(json), TfLoadOptions.defaults(), 42L);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void should_pass_every_crossing_tensor_on_when_cuts_are_crossed_by_several() {
        // GIVEN cuts after conv_a (crossed by image and conv_a) and after pool_b (head_a and pool_b)
        Path out = dir.resolve("multi");
        SegmentPlan plan = SegmentPlan.cuts(PartitionRule.SCISSION, List.of(1, 4), DeploymentChecks.THREE);

        // WHEN
        Deployment d = Deployments.export(model, plan, out, ExportOptions.defaults());
        DeploymentChecks.Outcome o = DeploymentChecks.check(model, out, Deployments.randomInputs(model.inputs(), 3));

        // THEN each hop carries every tensor live across its cut, the bytes the cost model charges for the cut
        assertThat(d.hops()).extracting(Deployment.HopInfo::tensors).containsExactly(
                List.of("image", "conv_a"), List.of("head_a", "pool_b"));
        BlockLayout layout = model.model().structure().blocks(PartitionRule.SCISSION);
        assertThat(d.hops().get(0).bytes()).isEqualTo(layout.blockOf(1).outputBytes()).isEqualTo(4 * (192 + 256));
        assertThat(d.hops().get(1).bytes()).isEqualTo(layout.blockOf(4).outputBytes()).isEqualTo(4 * (4 + 64));
        // AND the image passes through segment 0 unchanged, head_a through segment 2 to the model's outputs
        assertThat(d.segments().get(0).outputs().get(0).tensor()).isEqualTo("passthrough_image:0");
        assertThat(d.segments().get(2).outputs()).extracting(Deployment.CutTensor::key)
                .containsExactly("head_a", "scores");
        assertThat(d.segments().get(2).outputs().get(0).tensor()).startsWith("passthrough_head_a");
        // AND the second input enters where it is used, from outside, not from the previous segment
        assertThat(d.segments().get(2).inputs()).extracting(Deployment.CutTensor::key, Deployment.CutTensor::modelEdge)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("head_a", false),
                        org.assertj.core.groups.Tuple.tuple("pool_b", false),
                        org.assertj.core.groups.Tuple.tuple("side", true));
        assertThat(d.modelInputs()).extracting(Deployment.CutTensor::key).containsExactly("image", "side");
        assertThat(d.modelOutputs()).extracting(Deployment.CutTensor::key).containsExactly("head_a", "scores");
        // AND the export's own check agrees with ours
        assertThat(d.verification().done()).isTrue();
        assertThat(d.verification().outputs()).allSatisfy(c -> assertThat(c.passed()).isTrue());
        assertThat(o.tensorsChecked()).isEqualTo(2 + 2 + 2 + 2);
    }

    @Test
    void should_refuse_a_multi_tensor_cut_when_the_rule_is_single_tensor() {
        // GIVEN the same cut under the single-tensor rule, which has no partition point in this model
        SegmentPlan plan = SegmentPlan.cuts(PartitionRule.SINGLE_TENSOR, List.of(1), DeploymentChecks.THREE.subList(0,
                2));

        // WHEN / THEN
        assertThatThrownBy(() -> Deployments.export(model, plan, dir.resolve("single"), ExportOptions.defaults()))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("The cut after layer 1 (conv_a) is not a partition point")
                .hasMessageContaining("single-tensor rule")
                .hasMessageContaining("nothing: the model has no partition point");
        assertThat(dir.resolve("single")).doesNotExist();
    }

    @Test
    void should_run_a_later_input_from_outside_when_a_segment_starts_with_an_input_layer() {
        // GIVEN a cut right after pool_b, so the last segment starts with the side input layer
        Path out = dir.resolve("side");

        // WHEN
        Deployment d = Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4),
                DeploymentChecks.THREE.subList(1, 3)), out, ExportOptions.defaults().withVerify(false));
        DeploymentChecks.check(model, out, Deployments.randomInputs(model.inputs(), 4));

        // THEN
        assertThat(d.segments().get(1).firstLayerName()).isEqualTo("side");
        assertThat(d.segments().get(1).inputs()).filteredOn(Deployment.CutTensor::modelEdge)
                .extracting(Deployment.CutTensor::key).containsExactly("side");
    }
}
