package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.model.PartitionRule;
import io.scission.tf.TfTimingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/**
 * A worker runs its segments as the profiler timed the blocks (by default), so that the profile predicts its
 * compute: on the build machine MobileNetV2's exported whole model ran in 63 ms with TensorFlow's default session
 * and 131 ms with the profiler's (docs/serving.md), against 138 ms predicted.
 */
class WorkerSessionTest {

    @Test
    void should_run_segments_with_the_profilers_session_when_profiled() {
        // WHEN
        Worker.SessionSettings profiled = Worker.SessionSettings.of(Worker.SessionMode.PROFILED, 2,
                PartitionRule.SCISSION);
        Worker.SessionSettings plain = Worker.SessionSettings.of(Worker.SessionMode.TENSORFLOW, 2,
                PartitionRule.SCISSION);

        // THEN profiled = what TensorFlowProfiler's defaults time with (threads, Grappler, caller thread)
        assertThat(profiled.config()).isEqualTo(TfTimingOptions.defaults().sessionConfig(2));
        assertThat(profiled.runOptions()).isEqualTo(TfTimingOptions.defaults().runOptions());
        assertThat(profiled.runOptions()).isNotNull();
        // and TensorFlow's defaults only cap the threads
        assertThat(plain.config()).isEqualTo(ConfigProto.newBuilder().setIntraOpParallelismThreads(2)
                .setInterOpParallelismThreads(2).build());
        assertThat(plain.runOptions()).isNull();
        assertThat(Worker.SessionSettings.of(Worker.SessionMode.TENSORFLOW, 0, PartitionRule.SCISSION).config())
                .isEqualTo(ConfigProto.getDefaultInstance());
    }

    @Test
    void should_run_tensorflows_fusion_when_the_deployment_was_profiled_with_it() {
        // GIVEN a deployment cut under a fused rule (profile --fusion) and one under the paper's rule
        PartitionRule fused = PartitionRule.fused(PartitionRule.SCISSION, List.of(2, 3));

        // WHEN
        Worker.SessionSettings asProfiled = Worker.SessionSettings.of(Worker.SessionMode.PROFILED, 1, fused);
        Worker.SessionSettings overridden = Worker.SessionSettings.of(Worker.SessionMode.TENSORFLOW, 1, fused);

        // THEN the worker runs the session those profiles were timed in: Grappler's defaults (no rewrite switched
        // off, the graph not pre-pruned, which would skip Grappler), caller thread, the thread cap
        TfTimingOptions timed = TfTimingOptions.defaults().withFusion(TfTimingOptions.Fusion.DEFAULT);
        assertThat(asProfiled.config()).isEqualTo(timed.sessionConfig(1));
        assertThat(asProfiled.config()).isNotEqualTo(TfTimingOptions.defaults().sessionConfig(1));
        assertThat(asProfiled.config().getGraphOptions().hasRewriteOptions()).isFalse();
        assertThat(asProfiled.config().getGraphOptions().getPlacePrunedGraph()).isFalse();
        assertThat(asProfiled.config().getIntraOpParallelismThreads()).isEqualTo(1);
        assertThat(asProfiled.runOptions()).isEqualTo(timed.runOptions());
        // and --session tensorflow still overrides it
        assertThat(overridden.config()).isEqualTo(Worker.SessionSettings.of(Worker.SessionMode.TENSORFLOW, 1,
                PartitionRule.SCISSION).config());
        assertThat(overridden.runOptions()).isNull();
    }

    @Test
    void should_name_the_choices_when_the_session_is_unknown() {
        // WHEN
        Run r = TestData.run("serve", "nowhere", "--resource", "edge", "--listen", "127.0.0.1:0", "--session",
                "fast");

        // THEN a usage error, before anything is loaded or started
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("The session (fast) is not known.").contains("Maybe write profiled or tensorflow.");
    }
}
