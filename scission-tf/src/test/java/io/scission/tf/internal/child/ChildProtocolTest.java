package io.scission.tf.internal.child;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.InvalidFileException;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.SamplingRule;
import io.scission.spi.ProfileRequest;
import io.scission.tf.ModelLoadException;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.TfTimingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The lines between parent and child: every field of a job and every kind of error survive the trip. */
class ChildProtocolTest {

    @Test
    void should_read_back_an_equal_job_when_every_option_differs_from_its_default() {
        // GIVEN
        ChildProtocol.Job job = new ChildProtocol.Job("models/x.h5",
                new ProfileRequest(Resource.of("gw-1", Tier.of("gateway", 50), "a Pi 4"), PartitionRule.SINGLE_TENSOR,
                        2, 4, 7, -3L),
                TfLoadOptions.defaults().withInputs("a:0").withOutputs("b:1").withInputShape("a:0", 1, 12, 12, 3)
                        .withSignature("sig").withTags("serve", "gpu").withWeights(TfLoadOptions.Weights.FROM_FILE)
                        .withMaxModelBytes(123).withName("n"),
                TfTimingOptions.defaults().withInterOpThreads(3).withExecution(TfTimingOptions.Execution.INTER_OP_POOL)
                        .withFusion(TfTimingOptions.Fusion.GRAPPLER_OFF).withOverhead(TfTimingOptions.Overhead.KEEP)
                        .withOrder(TfTimingOptions.Order.UNIT_BY_UNIT).withRangeChecks(9)
                        .withSampling(new SamplingRule(7, 50, 0.9, 0.02, 1e-5, 30)));

        // WHEN
        ChildProtocol.Job back = ChildProtocol.job(ChildProtocol.job(job));

        // THEN
        assertThat(back).isEqualTo(job);
        assertThat(ChildProtocol.job(job)).doesNotContain("\n");
    }

    @Test
    void should_carry_each_partition_rule_as_its_id_when_a_job_travels() {
        for (PartitionRule rule : List.of(PartitionRule.SCISSION, PartitionRule.SINGLE_TENSOR,
                PartitionRule.tensors(3))) {
            // GIVEN
            ChildProtocol.Job job = new ChildProtocol.Job("zoo:nasnetmobile",
                    new ProfileRequest(Resource.of("edge", Tier.EDGE), rule, 2, 1, 5, 42L), TfLoadOptions.defaults(),
                    TfTimingOptions.defaults());

            // WHEN
            String line = ChildProtocol.job(job);

            // THEN
            assertThat(line).as(rule.id()).contains("\"rule\":\"" + rule.id() + "\"");
            assertThat(ChildProtocol.job(line).request().rule()).isEqualTo(rule);
        }
    }

    @Test
    void should_rebuild_each_kind_of_error_with_its_message_when_read_back() {
        // GIVEN
        List<RuntimeException> errors = List.of(
                new ModelLoadException("m.pb", "conv/Relu", "the op is unknown.\nMaybe update.", null),
                new ModelLoadException("m.pb", "no node to blame."),
                new InvalidFileException("p.json", "/blocks/3", "is negative."),
                new IllegalArgumentException("bad value"), new IllegalStateException("bad state"),
                new CancellationException("stopped"));

        for (RuntimeException e : errors) {
            // WHEN
            ChildProtocol.Event event = ChildProtocol.event(ChildProtocol.failed(e), "m").orElseThrow();

            // THEN
            RuntimeException back = ((ChildProtocol.Failed) event).error();
            assertThat(back).as(e.toString()).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
        }
    }

    @Test
    void should_name_the_unexpected_type_when_the_child_failed_otherwise() {
        // GIVEN / WHEN
        ChildProtocol.Event event = ChildProtocol.event(ChildProtocol.failed(new OutOfMemoryError("Java heap space")),
                "m").orElseThrow();

        // THEN
        assertThat(((ChildProtocol.Failed) event).error()).hasMessageContaining("java.lang.OutOfMemoryError")
                .hasMessageContaining("Java heap space");
    }

    @Test
    void should_ignore_lines_that_are_not_events() {
        assertThat(ChildProtocol.event("hello", "m")).isEmpty();
        assertThat(ChildProtocol.event(ChildProtocol.PREFIX + "{not json", "m")).isEmpty();
    }

    @Test
    void should_drop_only_tensorflow_info_lines_when_filtering_the_childs_stderr() {
        // absl INFO lines (which ignore TF_CPP_MIN_LOG_LEVEL) and absl's own notice are dropped
        assertThat(ChildRun.isNativeInfo("I0000 00:00:1795750154.842873   30278 "
                + "mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled")).isTrue();
        assertThat(ChildRun.isNativeInfo("WARNING: All log messages before absl::InitializeLog() is called "
                + "are written to STDERR")).isTrue();
        // warnings, errors and other lines pass
        assertThat(ChildRun.isNativeInfo("W0000 00:00:1795750154.842873   30278 cpu_allocator_impl.cc:83] "
                + "Allocation of 411041792 exceeds 10% of free system memory.")).isFalse();
        assertThat(ChildRun.isNativeInfo("E0000 00:00:1795750154.842873   30278 op_kernel.cc:1816] failed"))
                .isFalse();
        assertThat(ChildRun.isNativeInfo("I0000 is not a log line")).isFalse();
    }

    @Test
    void should_build_the_child_command_from_the_given_class_path() {
        // GIVEN / WHEN
        List<String> command = ChildRun.command("/jdk/bin/java", List.of("-Xmx2g"),
                List.of(Path.of("a.jar"), Path.of("lib/b.jar")), ChildRun.class);

        // THEN
        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx2g", "-cp", "a.jar:lib/b.jar",
                ChildMain.class.getName(), Long.toString(ProcessHandle.current().pid()));
    }
}
