package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.Scission;
import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.deploy.SegmentPlan;
import io.scission.deploy.Tensors;
import io.scission.model.PartitionRule;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.spi.ProviderInfo;
import io.scission.tf.TensorFlowDeployer;
import io.scission.tf.TfLoadOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.ConfigProto;

/** Deployment through core's facade and SPI: {@link TensorFlowDeployer} found by {@code ServiceLoader}. */
class TensorFlowDeployerTest {

    static ModelSource twoHeads() throws URISyntaxException {
        return ModelSource.of(Path.of(TensorFlowDeployerTest.class.getResource("two_heads.json").toURI()));
    }

    @Test
    void should_export_and_run_through_the_facade_when_scission_tf_is_on_the_class_path(@TempDir Path dir)
            throws URISyntaxException {
        // GIVEN
        ModelSource model = twoHeads();
        List<String> progress = new ArrayList<>();

        // WHEN
        Deployment d = Scission.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(1, 4),
                DeploymentChecks.THREE), dir.resolve("d"), ExportOptions.defaults(),
                (done, total, what) -> progress.add(done + "/" + total + " " + what));
        Map<String, HostTensor> x = Tensors.random(d.modelInputs(), 9);
        RunReport chain;
        RunReport whole;
        RunReport alone;
        try (Inference c = Scission.openDeployment(dir.resolve("d")); Inference w = Scission.openModel(model, 42);
                Inference s = Scission.openSegment(dir.resolve("d"), 0)) {
            chain = c.run(x, 2);
            whole = w.run(x, 1);
            alone = s.run(Map.of("image", x.get("image")), 1);
        }

        // THEN the facade found TensorFlow's deployer, and the chain computes what the model computes
        assertThat(Scission.deployers()).extracting(ProviderInfo::name).contains("tensorflow");
        assertThat(Scission.deployer(model)).isInstanceOf(TensorFlowDeployer.class);
        assertThat(progress).containsExactly("1/4 segment 0 (device, layers 0-1) written",
                "2/4 segment 1 (edge, layers 2-4) written", "3/4 segment 2 (cloud, layers 5-9) written",
                "4/4 verified: the chained segments compute what the model computes");
        assertThat(Tensors.compare(whole.outputs(), chain.outputs())).allSatisfy(c -> assertThat(c.passed()).isTrue());
        assertThat(chain.stages()).extracting(RunReport.Stage::resource).containsExactly("device", "edge", "cloud");
        assertThat(chain.stages()).allSatisfy(s -> assertThat(s.seconds()).hasSize(2).allSatisfy(t ->
                assertThat(t).isPositive()));
        assertThat(alone.outputs().keySet()).containsExactly("image", "conv_a");
    }

    @Test
    void should_refuse_the_model_when_it_is_not_the_one_the_deployment_was_cut_from(@TempDir Path dir)
            throws URISyntaxException, IOException {
        // GIVEN a deployment whose manifest names another architecture's fingerprint
        Path d = dir.resolve("d");
        Scission.export(twoHeads(), SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4), DeploymentChecks.THREE
                .subList(0, 2)), d, ExportOptions.defaults().withVerify(false), ProgressListener.NONE);
        Deployment exported = Scission.readDeployment(d);
        Path m = d.resolve(Deployment.MANIFEST);
        Files.writeString(m, Files.readString(m).replace(exported.model().fingerprint(), "ab".repeat(32)));

        // WHEN / THEN
        assertThatThrownBy(() -> Scission.openModel(Scission.readDeployment(d)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("(fingerprint " + exported.model().fingerprint().substring(0, 12) + ") is not the "
                        + "one the deployment was cut from (fingerprint abababababab)");
    }

    @Test
    void should_use_its_session_configuration_and_refuse_foreign_models_when_created_explicitly(@TempDir Path dir)
            throws URISyntaxException {
        // GIVEN a deployer whose sessions run ops on the caller's thread, one at a time
        TensorFlowDeployer deployer = new TensorFlowDeployer(TfLoadOptions.defaults(),
                ConfigProto.newBuilder().setInterOpParallelismThreads(1).build());
        Path d = dir.resolve("d");

        // WHEN exporting an open model, then running one segment alone
        try (Inference model = deployer.openModel(twoHeads(), 42)) {
            deployer.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(4), DeploymentChecks.THREE
                    .subList(0, 2)), d, ExportOptions.defaults(), ProgressListener.NONE);
        }
        Map<String, HostTensor> in = Tensors.random(Scission.readDeployment(d).segments().get(1).inputs(), 3);
        RunReport r;
        try (Inference segment = deployer.openSegment(d, 1)) {
            r = segment.run(in, 1);
        }

        // THEN
        assertThat(r.outputs().keySet()).containsExactly("head_a", "scores");
        assertThat(deployer.sessionConfig().getInterOpParallelismThreads()).isEqualTo(1);
        try (Inference chain = deployer.openDeployment(d)) {
            assertThatThrownBy(() -> deployer.export(chain, SegmentPlan.cuts(PartitionRule.SCISSION, List.of(),
                    DeploymentChecks.THREE.subList(0, 1)), dir.resolve("e"), ExportOptions.defaults(),
                    ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was not opened by TensorFlowDeployer.openModel");
        }
        assertThatThrownBy(() -> deployer.openSegment(d, 2)).hasMessageContaining("The segment (2) does not exist")
                .hasMessageContaining("whose segments are 0-1");
    }
}
