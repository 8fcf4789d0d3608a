package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.RewriterConfig;

/**
 * The session a profile times blocks with is public ({@link TfTimingOptions#sessionConfig}, {@link
 * TfTimingOptions#runOptions}), so a worker can run exported segments the same way; the profiler itself uses it.
 */
class TfTimingSessionTest {

    @Test
    void should_configure_threads_and_grappler_as_the_options_say_when_asked_for_the_session() {
        // GIVEN the defaults (no fusion, caller thread) and the other fusion settings
        TfTimingOptions d = TfTimingOptions.defaults();

        // WHEN / THEN the defaults switch the remapper and arithmetic rewrites off, place the pruned graph, use
        // per-session pools of the given threads, and dispatch ops on the caller's thread
        var c = d.sessionConfig(2);
        assertThat(c.getIntraOpParallelismThreads()).isEqualTo(2);
        assertThat(c.getInterOpParallelismThreads()).isEqualTo(2);
        assertThat(c.getUsePerSessionThreads()).isTrue();
        assertThat(c.getGraphOptions().getPlacePrunedGraph()).isTrue();
        assertThat(c.getGraphOptions().getRewriteOptions().getRemapping()).isEqualTo(RewriterConfig.Toggle.OFF);
        assertThat(c.getGraphOptions().getRewriteOptions().getArithmeticOptimization())
                .isEqualTo(RewriterConfig.Toggle.OFF);
        assertThat(d.runOptions()).isNotNull();
        assertThat(d.runOptions().getInterOpThreadPool()).isEqualTo(-1);
        // the profiler times with exactly this configuration
        assertThat(TfProfiler.config(2, d)).isEqualTo(c);
        // 0 threads: TensorFlow's own; inter-op threads of their own; Grappler's defaults; Grappler off; the pool
        assertThat(d.sessionConfig(0).getIntraOpParallelismThreads()).isZero();
        assertThat(d.sessionConfig(0).getUsePerSessionThreads()).isFalse();
        assertThat(d.withInterOpThreads(1).sessionConfig(2).getInterOpParallelismThreads()).isEqualTo(1);
        assertThat(d.withFusion(TfTimingOptions.Fusion.DEFAULT).sessionConfig(1).getGraphOptions().hasRewriteOptions())
                .isFalse();
        // (a session that places the pruned graph skips Grappler altogether: FusedCutsTest sees no node fused)
        assertThat(d.withFusion(TfTimingOptions.Fusion.DEFAULT).sessionConfig(1).getGraphOptions()
                .getPlacePrunedGraph()).isFalse();
        assertThat(d.withFusion(TfTimingOptions.Fusion.GRAPPLER_OFF).sessionConfig(1).getGraphOptions()
                .getRewriteOptions().getDisableMetaOptimizer()).isTrue();
        assertThat(d.withExecution(TfTimingOptions.Execution.INTER_OP_POOL).runOptions()).isNull();
    }

    @Test
    void should_refuse_negative_threads_when_asked_for_the_session() {
        // WHEN / THEN
        assertThatThrownBy(() -> TfTimingOptions.defaults().sessionConfig(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The threads (-1) must be 0 (default) or more.");
    }
}
