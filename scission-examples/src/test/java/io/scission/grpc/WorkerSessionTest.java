package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.tf.TfTimingOptions;
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
        Worker.SessionSettings profiled = Worker.SessionSettings.of(Worker.SessionMode.PROFILED, 2);
        Worker.SessionSettings plain = Worker.SessionSettings.of(Worker.SessionMode.TENSORFLOW, 2);

        // THEN profiled = what TensorFlowProfiler's defaults time with (threads, Grappler, caller thread)
        assertThat(profiled.config()).isEqualTo(TfTimingOptions.defaults().sessionConfig(2));
        assertThat(profiled.runOptions()).isEqualTo(TfTimingOptions.defaults().runOptions());
        assertThat(profiled.runOptions()).isNotNull();
        // and TensorFlow's defaults only cap the threads
        assertThat(plain.config()).isEqualTo(ConfigProto.newBuilder().setIntraOpParallelismThreads(2)
                .setInterOpParallelismThreads(2).build());
        assertThat(plain.runOptions()).isNull();
        assertThat(Worker.SessionSettings.of(Worker.SessionMode.TENSORFLOW, 0).config())
                .isEqualTo(ConfigProto.getDefaultInstance());
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
