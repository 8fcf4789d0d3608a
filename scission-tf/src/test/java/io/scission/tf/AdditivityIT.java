package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.RangeTiming;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.profile.TimingStatistic;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import io.scission.tf.internal.timing.HostInfo;
import io.scission.tf.zoo.KerasZoo;
import io.scission.tf.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The additivity report: profiles the real models in {@code ../shared/models/} and the 18 zoo models with the
 * default methodology and writes, per model, the passes and why they stopped, the whole-model median, the sum of
 * block medians and its error, the same with means, the random block ranges' errors and the profiling time
 * (loading included) against 3 × 10 whole-model medians, to {@code target/additivity/report.md} (profiles next to
 * it), with a summary over the models at the end. Run with {@code mvn -B -pl scission-tf -am verify -Pslow}; choose
 * models with {@code -Dscission.additivity.models=openmv-mobilenet,mobilenet}, a fixed repeat count with
 * {@code -Dscission.additivity.repeats=10} (default 0: repeat until stable), intra-op threads with
 * {@code -Dscission.additivity.threads=1}, random range checks with {@code -Dscission.additivity.ranges=5}, the
 * until-stable budget with {@code -Dscission.additivity.budget=20}, the warm-up passes with
 * {@code -Dscission.additivity.warmups=0}, and exactly N passes of the until-stable pass structure, none rejected
 * and no stopping rule, with {@code -Dscission.additivity.passes=30} (raw per-pass data for offline analysis: the
 * profiles keep every pass's samples in order). Numbers depend on the machine and its load, which the report
 * records.
 */
class AdditivityIT {

    private static final Path OUT = Path.of(System.getProperty("scission.additivity.out", "target/additivity"));
    private static final Path REPORT = OUT.resolve("report.md");
    private static final int REPEATS = Integer.getInteger("scission.additivity.repeats", ProfileRequest.UNTIL_STABLE);
    /** Random range checks besides the whole model; the default options' unless set (5 before #12). */
    private static final int RANGES = Integer.getInteger("scission.additivity.ranges",
            TfTimingOptions.DEFAULT_RANGE_CHECKS);
    /** The until-stable rule's budget in whole-model times; the default rule's unless set. */
    private static final double BUDGET = Double.parseDouble(System.getProperty("scission.additivity.budget",
            Double.toString(SamplingRule.UNTIL_STABLE.budgetWholeModels())));
    /** Warm-up passes per profile; the request's default unless set. */
    private static final int WARMUPS = Integer.getInteger("scission.additivity.warmups",
            ProfileRequest.DEFAULT_WARMUPS);
    /** Exactly this many until-stable-structured passes, nothing rejected; 0 (default) for the sampling rule. */
    private static final int PASSES = Integer.getInteger("scission.additivity.passes", 0);
    /** Intra-op threads per profile; 0 = the runtime's default (every logical CPU). */
    private static final int THREADS = Integer.getInteger("scission.additivity.threads", 0);
    /** {@code DEFAULT}: TensorFlow's rewrites on, blocks merged across the cuts they cross ({@code profile --fusion}). */
    private static final TfTimingOptions.Fusion FUSION = TfTimingOptions.Fusion.valueOf(System.getProperty(
            "scission.additivity.fusion", TfTimingOptions.defaults().fusion().name()));
    private static final List<String> ROWS = new ArrayList<>();
    private static final List<Double> MEDIAN_ERRORS = new ArrayList<>();
    private static final List<Double> MEAN_ERRORS = new ArrayList<>();
    private static final List<Double> SECONDS = new ArrayList<>();
    private static final List<Double> GOAL_SECONDS = new ArrayList<>();

    /** A model to profile: a name, its location (a path or a zoo name) and load options. */
    record Case(String name, String path, TfLoadOptions load) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        TfLoadOptions d = TfLoadOptions.defaults();
        TfLoadOptions mfcc = d.withInputs("Mfcc:0");
        List<Case> all = new ArrayList<>(List.of(
                new Case("openmv-mobilenet", Models.OPENMV.toString(), d),
                new Case("effdet-fake", Models.EFFDET.toString(), d),
                new Case("tfnet-mnist", Models.TFNET.toString(), d),
                new Case("ds-cnn-l", Models.DS_CNN_L.toString(), mfcc),
                new Case("ds-cnn-s", Models.DS_CNN_S.toString(), mfcc),
                new Case("cnn-l", Models.CNN_L.toString(), mfcc),
                new Case("tfjs-mobilenet-v1", Models.TFJS_MOBILENET.toString(), d)));
        // The paper's 18 models, built from the zoo's Keras architectures with seeded random weights.
        for (ZooModel z : KerasZoo.models()) {
            all.add(new Case(z.key(), z.location(), d));
        }
        String only = System.getProperty("scission.additivity.models", "");
        List<String> wanted = only.isBlank() ? List.of() : Arrays.asList(only.split(","));
        return all.stream().filter(c -> wanted.isEmpty() || wanted.contains(c.name()));
    }

    @BeforeAll
    static void header() throws IOException {
        Files.createDirectories(OUT);
        Files.writeString(REPORT, String.format(Locale.ROOT, "# Additivity report%n%nHost %s, %s, %s, %s.%n"
                + "Rule scission, %s, %d warm-up passes, seed 42, threads %s, "
                + "TF_OVERRIDE_GLOBAL_THREADPOOL=%s, default TfTimingOptions with %d range checks, fusion %s.%n%n"
                + "| model | blocks | passes (rejected) | stop | stable blocks | whole median (ms) "
                + "| Σ block medians (ms) | error (medians) | error (means) | ranges: predicted/measured medians "
                + "(error) | overhead (µs) | load before → after | seconds | seconds / (30 × whole) |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n",
                HostInfo.host(), HostInfo.cpu(), HostInfo.os(), HostInfo.jvm(),
                REPEATS != ProfileRequest.UNTIL_STABLE ? REPEATS + " timed passes"
                        : PASSES > 0 ? "exactly " + PASSES + " passes of the until-stable structure, none rejected"
                        : "repeats until stable (default SamplingRule, budget " + BUDGET + " whole-model times)",
                WARMUPS,
                THREADS == 0 ? "runtime default" : Integer.toString(THREADS),
                System.getenv("TF_OVERRIDE_GLOBAL_THREADPOOL"), RANGES, FUSION.name().toLowerCase(Locale.ROOT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_record_how_well_block_times_add_up(Case c) throws IOException {
        ProfileRequest request = new ProfileRequest(Resource.of(HostInfo.host(), Tier.EDGE), PartitionRule.SCISSION,
                THREADS, WARMUPS, REPEATS, 42L);
        // a fixed rule (min = max) rejects nothing; a zero tolerance and no budget never stop it early
        SamplingRule rule = PASSES > 0
                ? new SamplingRule(PASSES, PASSES, 0.95, 1e-9, 0, 0)
                : SamplingRule.UNTIL_STABLE.withBudget(BUDGET);
        TensorFlowProfiler profiler = new TensorFlowProfiler(c.load(),
                TfTimingOptions.defaults().withRangeChecks(RANGES).withSampling(rule).withFusion(FUSION));
        String loadBefore = HostInfo.loadAverage();
        long t0 = System.nanoTime();
        ModelSource source = c.path().startsWith(KerasZoo.PREFIX)
                ? new ModelSource(c.path())
                : ModelSource.of(Models.require(Path.of(c.path())));
        Profile p = profiler.profile(source, request, ProgressListener.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        ProfileFiles.write(p, OUT.resolve(c.name() + ".json"));

        double sum = 0;
        for (BlockTiming b : p.blocks()) {
            sum += b.timing().summary().median();
        }
        RangeTiming whole = p.wholeModel().orElseThrow();
        double w = whole.timing().summary().median();
        List<String> ranges = new ArrayList<>();
        for (RangeTiming r : p.ranges()) {
            if (r == whole) {
                continue;
            }
            double pred = 0;
            for (int i = r.firstBlock(); i <= r.lastBlock(); i++) {
                pred += p.blocks().get(i).timing().summary().median();
            }
            double meas = r.timing().summary().median();
            ranges.add(String.format(Locale.ROOT, "%d-%d: %.3f/%.3f (%+.1f%%)", r.firstBlock(), r.lastBlock(),
                    pred * 1e3, meas * 1e3, (pred - meas) / meas * 100));
        }
        Sampling sampling = p.provenance().sampling();
        long stable = p.blocks().stream().filter(b -> b.timing().precision().stable()).count();
        double meanError = p.additivityError(TimingStatistic.MEAN).orElseThrow();
        double medianError = (sum - w) / w;
        String row = String.format(Locale.ROOT, "| %s | %d | %d (%d) | %s | %d | %.3f | %.3f | %+.1f%% | %+.1f%% | %s "
                + "| %.1f | %s → %s | %.0f | %.2f |", c.name(), p.blocks().size(), sampling.passes(),
                sampling.rejectedPasses(), sampling.stop().name().toLowerCase(Locale.ROOT), stable, w * 1e3,
                sum * 1e3, medianError * 100, meanError * 100, String.join("; ", ranges),
                p.provenance().runOverheadSeconds() * 1e6, loadBefore, HostInfo.loadAverage(), secs,
                secs / (30 * w));
        ROWS.add(row);
        MEDIAN_ERRORS.add(Math.abs(medianError));
        MEAN_ERRORS.add(Math.abs(meanError));
        SECONDS.add(secs);
        GOAL_SECONDS.add(30 * w);
        Files.writeString(REPORT, row + System.lineSeparator(), StandardOpenOption.APPEND);
        System.out.println(row);

        assertThat(p.blocks()).allSatisfy(b -> assertThat(b.timing().samples()).hasSize(p.provenance().repeats()));
        if (REPEATS != ProfileRequest.UNTIL_STABLE) {
            assertThat(p.provenance().repeats()).isEqualTo(REPEATS);
        }
        assertThat(w).isPositive();
    }

    @AfterAll
    static void footer() throws IOException {
        if (!ROWS.isEmpty()) {
            String summary = String.format(Locale.ROOT, "%n%d models: |error| of medians: median %.1f %%, worst %.1f %%;"
                    + " of means: median %.1f %%, worst %.1f %%. Profiling time %.0f s in all, %.2f × the sum of 30 "
                    + "whole-model medians (%.0f s).%n", ROWS.size(), median(MEDIAN_ERRORS) * 100,
                    java.util.Collections.max(MEDIAN_ERRORS) * 100, median(MEAN_ERRORS) * 100,
                    java.util.Collections.max(MEAN_ERRORS) * 100, sum(SECONDS), sum(SECONDS) / sum(GOAL_SECONDS),
                    sum(GOAL_SECONDS));
            Files.writeString(REPORT, summary, StandardOpenOption.APPEND);
            ROWS.add(summary);
        }
        System.out.println("Additivity report: " + REPORT.toAbsolutePath());
        ROWS.forEach(System.out::println);
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        java.util.Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double sum(List<Double> values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
