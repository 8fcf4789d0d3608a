package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.Scission;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockTiming;
import io.scission.profile.Precision;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.profile.Timing;
import io.scission.profile.TimingStatistic;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Profiles real models with few repeats: checks the profile's shape and provenance, not the machine's speed. */
class TensorFlowProfilerTest {

    private static final Resource HERE = Resource.of("test-machine", Tier.EDGE);

    @TempDir
    Path tmp;

    private static ProfileRequest quick(PartitionRule rule, long seed) {
        return new ProfileRequest(HERE, rule, 0, 1, 10, seed);
    }

    private static void assertWellFormed(Profile p, BlockLayout expected, int repeats) {
        assertThat(p.layout()).isEqualTo(expected);
        assertThat(p.blocks()).hasSize(expected.size());
        for (BlockTiming t : p.blocks()) {
            assertThat(t.timing().samples()).hasSize(repeats).allSatisfy(s -> assertThat(s).isNotNegative());
        }
        assertThat(p.wholeModel()).isPresent();
        assertThat(p.wholeModel().get().timing().summary().median()).isPositive();
        assertThat(p.additivityError(TimingStatistic.MEDIAN)).isPresent();
        assertThat(p.provenance().repeats()).isEqualTo(repeats);
        assertThat(p.provenance().runtime()).startsWith("TensorFlow 2.").contains("(TF Java 1.1.0)");
        assertThat(p.provenance().cpu()).isNotBlank();
        assertThat(p.provenance().runOverheadSeconds()).isPositive().isLessThan(0.01);
        // the hop cost: a local identity hop of 2 MiB takes longer than one of 4 KiB, so both figures are measured
        assertThat(p.hopCost().fixedSeconds()).isPositive().isLessThan(0.01);
        assertThat(p.hopCost().secondsPerByte()).isPositive().isLessThan(1e-7);
        assertThat(p.provenance().notes()).contains("Hop cost: a local hop").contains("at 4096 bytes")
                .contains("at 2097152 bytes");
        // the copy cost: the workers' own copies of 2 MiB take longer than of 4 KiB, in and out, so the model's input
        // and output copies cost a positive time
        assertThat(p.copyCost().inSecondsPerByte()).isPositive().isLessThan(1e-7);
        assertThat(p.copyCost().outSecondsPerByte()).isPositive().isLessThan(1e-7);
        assertThat(p.copyCost().inSeconds(602_112)).isPositive().isLessThan(0.1);
        assertThat(p.provenance().notes()).contains("Copy cost (the model's input into TensorFlow");
        assertThat(p.provenance().notes()).contains("Load average").contains("minus the calibrated per-run cost of a cut").contains("merge calibration");
        assertThat(p.provenance().sampling()).isEqualTo(Sampling.fixed(repeats));
        assertThat(p.provenance().notes()).contains("a fixed " + repeats + " timed passes");
        assertThat(p.wholeModel().get().timing().precision().isRecorded()).isTrue();
        assertThat(p.blocks()).allSatisfy(b -> assertThat(b.timing().precision().isRecorded()).isTrue());
    }

    /** The precision a timing must have under a rule: the median interval of its own samples. */
    private static void assertPrecisionFromSamples(Profile p, SamplingRule rule) {
        double whole = p.wholeModel().orElseThrow().timing().summary().median();
        List<Timing> all = new ArrayList<>();
        p.blocks().forEach(b -> all.add(b.timing()));
        p.ranges().forEach(r -> all.add(r.timing()));
        for (Timing t : all) {
            assertThat(t.precision()).isEqualTo(Precision.ofMedian(t.samples(), rule.confidence(),
                    rule.tolerance(t.summary().median(), whole, p.blocks().size())));
        }
    }

    @Test
    void should_repeat_until_stable_and_record_the_rule_and_every_precision_when_no_repeat_count_is_given() {
        // GIVEN the default request, which repeats until stable, and a small real model (4 blocks)
        ModelSource src = ModelSource.of(Models.require(Models.TFNET));
        List<String> progress = new ArrayList<>();
        // WHEN
        Profile p = Scission.profile(src, ProfileRequest.of(HERE), (done, total, what) -> progress.add(what));
        // THEN between 5 and 100 passes, the disturbed ones left out of every timing alike
        Sampling s = p.provenance().sampling();
        assertThat(s.rule()).isEqualTo(SamplingRule.UNTIL_STABLE);
        assertThat(s.rule().scope()).isEqualTo(SamplingRule.Scope.SUMS);
        assertThat(p.provenance().warmups()).isEqualTo(1);
        assertThat(s.passes()).isBetween(5, 100);
        assertThat(s.stop()).isIn(Sampling.Stop.STABLE, Sampling.Stop.BUDGET, Sampling.Stop.MAX_REPEATS);
        assertThat(s.rejectedPasses()).isBetween(0, s.passes() / 4);
        assertThat(p.provenance().repeats()).isEqualTo(s.passes() - s.rejectedPasses());
        assertThat(p.blocks()).allSatisfy(b -> assertThat(b.timing().samples()).hasSize(p.provenance().repeats()));
        assertThat(p.ranges()).allSatisfy(r -> assertThat(r.timing().samples()).hasSize(p.provenance().repeats()));
        assertThat(progress).hasSize(s.passes());
        // AND every timing's precision is its own samples' median interval; the split-inference total is the
        // median of the per-pass sums of the block samples, with its interval; stable means the total, the whole
        // model and the range check
        assertPrecisionFromSamples(p, s.rule());
        double whole = p.wholeModel().get().timing().summary().median();
        assertThat(s.budgetSeconds()).isCloseTo(15 * whole, org.assertj.core.data.Offset.offset(1e-12));
        List<Double> totals = new ArrayList<>();
        for (int i = 0; i < p.provenance().repeats(); i++) {
            double sum = 0;
            for (var b : p.blocks()) {
                sum += b.timing().samples().get(i);
            }
            totals.add(sum);
        }
        double median = io.scission.profile.Timing.of(totals).summary().median();
        assertThat(s.splitTotal().median()).isCloseTo(median, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.splitTotal().precision()).isEqualTo(Precision.ofMedian(totals, s.rule().confidence(),
                Math.max(s.rule().absoluteToleranceSeconds(), s.rule().relativeTolerance() * s.splitTotal().median())));
        assertThat(p.ranges()).hasSize(1 + TfTimingOptions.DEFAULT_RANGE_CHECKS);
        if (s.stop() == Sampling.Stop.STABLE) {
            assertThat(s.splitTotal().precision().stable()).isTrue();
            assertThat(p.ranges()).allSatisfy(r -> assertThat(r.timing().precision().stable()).isTrue());
        }
        assertThat(p.provenance().notes()).contains("repeated until stable: " + s.passes() + " timed passes")
                .contains("merged pairs in the first warm-up and the first 5 passes")
                .contains("split-inference total");
        assertThat(ProfileFiles.read(write(p))).isEqualTo(p);
    }

    private Path write(Profile p) {
        Path file = tmp.resolve("until-stable.json");
        ProfileFiles.write(p, file);
        return file;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void should_stop_at_the_budget_or_the_most_passes_when_nothing_can_be_stable(boolean budget) {
        // GIVEN a rule no real timing meets (1e-9 relative, no absolute floor)
        SamplingRule never = new SamplingRule(6, budget ? 100 : 7, 0.95, 1e-9, 0, budget ? 1 : 0);
        TensorFlowProfiler profiler = new TensorFlowProfiler(TfLoadOptions.defaults(),
                TfTimingOptions.defaults().withSampling(never));
        // WHEN
        Profile p = profiler.profile(ModelSource.of(Models.require(Models.TFNET)),
                new ProfileRequest(HERE, PartitionRule.SCISSION, 0, 1, ProfileRequest.UNTIL_STABLE, 3L),
                ProgressListener.NONE);
        // THEN a budget of one whole model is spent by the 6 passes the rule always takes; or 7 passes at most
        Sampling s = p.provenance().sampling();
        assertThat(s.stop()).isEqualTo(budget ? Sampling.Stop.BUDGET : Sampling.Stop.MAX_REPEATS);
        assertThat(s.passes()).isEqualTo(budget ? 6 : 7);
        assertThat(p.blocks()).allSatisfy(b -> assertThat(b.timing().precision().stable()).isFalse());
        assertPrecisionFromSamples(p, never);
    }

    @Test
    void should_refuse_to_repeat_until_stable_when_the_order_is_unit_by_unit() {
        TensorFlowProfiler profiler = new TensorFlowProfiler(TfLoadOptions.defaults(),
                TfTimingOptions.defaults().withOrder(TfTimingOptions.Order.UNIT_BY_UNIT));
        assertThatThrownBy(() -> profiler.profile(ModelSource.of(Models.require(Models.TFNET)),
                ProfileRequest.of(HERE), ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The order UNIT_BY_UNIT needs a fixed repeat count")
                .hasMessageContaining("repeats (0)");
    }

    @Test
    void should_time_every_block_and_the_whole_model_when_a_keras_saved_model_is_profiled() {
        // GIVEN a TF2 Keras SavedModel: MobileNet 0.25, 87 blocks
        ModelSource src = ModelSource.of(Models.require(Models.OPENMV));
        List<String> progress = new ArrayList<>();
        // WHEN
        Profile p = Scission.profile(src, quick(PartitionRule.SCISSION, 7L),
                (done, total, what) -> progress.add(done + "/" + total));
        // THEN
        assertWellFormed(p, Scission.parse(src).blocks(PartitionRule.SCISSION), 10);
        assertThat(p.blocks()).hasSize(87);
        assertThat(p.provenance().weights()).isEqualTo("file");
        assertThat(p.ranges()).hasSize(1 + TfTimingOptions.DEFAULT_RANGE_CHECKS);
        assertThat(progress).contains("1/10", "10/10");
    }

    @Test
    void should_time_the_blocks_of_each_rule_when_the_rules_disagree() {
        // GIVEN effdet, whose input feeds 10 parallel heads: 10 blocks under SCISSION, 1 under SINGLE_TENSOR
        ModelSource src = ModelSource.of(Models.require(Models.EFFDET));
        for (PartitionRule rule : List.of(PartitionRule.SCISSION, PartitionRule.SINGLE_TENSOR)) {
            // WHEN
            Profile p = Scission.profile(src, quick(rule, 7L), ProgressListener.NONE);
            // THEN
            assertWellFormed(p, Scission.parse(src).blocks(rule), 10);
            assertThat(p.blocks()).hasSize(rule.equals(PartitionRule.SCISSION) ? 10 : 1);
        }
    }

    @Test
    void should_time_the_blocks_of_a_frozen_graph_fed_at_an_intermediate_tensor_under_both_rules() {
        TensorFlowProfiler profiler = new TensorFlowProfiler(TfLoadOptions.defaults().withInputs("Mfcc:0"),
                TfTimingOptions.defaults());
        ModelSource src = ModelSource.of(Models.require(Models.DS_CNN_L));
        for (PartitionRule rule : List.of(PartitionRule.SCISSION, PartitionRule.SINGLE_TENSOR)) {
            Profile p = Scission.profile(src, quick(rule, 7L), ProgressListener.NONE, profiler);
            assertWellFormed(p, new TensorFlowModelParser(profiler.loadOptions()).parse(src).blocks(rule), 10);
            assertThat(p.blocks()).hasSize(27);
        }
    }

    @Test
    void should_say_seeded_random_in_the_provenance_when_the_variables_are_missing() throws Exception {
        // GIVEN the real graph without its variables/ directory (linked, not copied)
        Files.createSymbolicLink(tmp.resolve("saved_model.pb"), Models.require(Models.TFNET).resolve("saved_model.pb"));
        // WHEN
        Profile p = new TensorFlowProfiler().profile(ModelSource.of(tmp), quick(PartitionRule.SCISSION, 99L),
                ProgressListener.NONE);
        // THEN
        assertThat(p.provenance().weights()).startsWith("seeded-random(seed=99) because the variables are "
                + "unreadable").contains("variables.index");
        assertThat(p.blocks()).hasSize(4);
        assertThat(p.wholeModel().get().timing().summary().median()).isPositive();
    }

    @Test
    void should_use_seeded_random_weights_when_the_variables_are_corrupt() throws Exception {
        Files.createSymbolicLink(tmp.resolve("saved_model.pb"), Models.require(Models.TFNET).resolve("saved_model.pb"));
        Files.createDirectory(tmp.resolve("variables"));
        Files.write(tmp.resolve("variables/variables.index"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(tmp.resolve("variables/variables.data-00000-of-00001"), new byte[] {9, 9, 9});
        try (TfModel m = new TensorFlowModelParser().open(ModelSource.of(tmp), 5L)) {
            assertThat(m.weights()).startsWith("seeded-random(seed=5) because the variables are unreadable");
        }
        {
            TensorFlowModelParser strict = new TensorFlowModelParser(TfLoadOptions.defaults()
                    .withWeights(TfLoadOptions.Weights.FROM_FILE));
            assertThatThrownBy(() -> strict.open(ModelSource.of(tmp), 5L)).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(tmp.toString()).hasMessageContaining("weights cannot be read")
                    .hasMessageContaining("Weights.AUTO");
        }
    }

    @Test
    void should_write_a_profile_file_that_reads_back_equal() {
        Profile p = new TensorFlowProfiler().profile(ModelSource.of(Models.require(Models.TFNET)),
                quick(PartitionRule.SINGLE_TENSOR, 1L), ProgressListener.NONE);
        Path file = tmp.resolve("profiles/test-machine.json");
        ProfileFiles.write(p, file);
        Profile back = ProfileFiles.read(file);
        assertThat(back.layout()).isEqualTo(p.layout());
        assertThat(back.blocks()).isEqualTo(p.blocks());
        assertThat(back.ranges()).isEqualTo(p.ranges());
        assertThat(back.provenance().runOverheadSeconds()).isEqualTo(p.provenance().runOverheadSeconds());
        assertThat(back.hopCost()).isEqualTo(p.hopCost());
        assertThat(back.copyCost()).isEqualTo(p.copyCost());
        assertThat(back).isEqualTo(p);
    }

    @Test
    void should_time_ranges_that_lie_within_the_blocks() {
        Profile p = new TensorFlowProfiler(TfLoadOptions.defaults().withInputs("Mfcc:0"),
                TfTimingOptions.defaults().withRangeChecks(8)).profile(ModelSource.of(Models.require(Models.CNN_L)),
                quick(PartitionRule.SCISSION, 3L), ProgressListener.NONE);
        assertThat(p.ranges()).hasSize(9);
        assertThat(p.ranges().get(0).firstBlock()).isZero();
        assertThat(p.ranges().get(0).lastBlock()).isEqualTo(p.blocks().size() - 1);
        assertThat(p.ranges()).extracting(r -> r.firstBlock() + "-" + r.lastBlock()).doesNotHaveDuplicates();
        assertThat(p.ranges().subList(1, 9)).allSatisfy(r -> assertThat(r.lastBlock()).isGreaterThan(r.firstBlock()));
    }

    @Test
    void should_record_the_thread_count_when_threads_are_set() {
        org.junit.jupiter.api.Assumptions.assumeTrue("1".equals(System.getenv("TF_OVERRIDE_GLOBAL_THREADPOOL")));
        ProfileRequest oneThread = new ProfileRequest(HERE, PartitionRule.SCISSION, 1, 1, 10, 1L);
        Profile p = new TensorFlowProfiler().profile(ModelSource.of(Models.require(Models.TFNET)), oneThread,
                ProgressListener.NONE);
        assertThat(p.provenance().threads()).isEqualTo(1);
        assertThat(p.provenance().notes()).contains("1 intra-op, 1 inter-op").contains("TF_OVERRIDE_GLOBAL_THREADPOOL=1");
    }
}
