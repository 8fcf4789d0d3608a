package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.ScissionException;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import io.scission.profile.BlockMemory;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.Provenance;
import io.scission.profile.RangeTiming;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import io.scission.tf.internal.graph.LayerWeights;
import io.scission.tf.internal.graph.RandomInputs;
import io.scission.tf.internal.timing.HopProbe;
import io.scission.tf.internal.timing.HostInfo;
import io.scission.tf.internal.timing.MemoryPeaks;
import io.scission.tf.internal.timing.Spans;
import io.scission.tf.internal.timing.UnitTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;

/**
 * Turns a {@link TfModel} and a {@link ProfileRequest} into a core {@link Profile}: every block, the whole model
 * and random contiguous ranges of blocks are timed by feeding the tensors that enter them and fetching those that
 * leave them, in one session on the model's flat graph. See {@link TfTimingOptions} for the methodology.
 */
final class TfProfiler {

    private static final Logger LOG = LoggerFactory.getLogger(TfProfiler.class);
    static final String OVERRIDE_ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";

    private TfProfiler() {
    }

    /**
     * Profiles a model with the default timing options.
     *
     * @param model the model
     * @param request how to profile
     * @param listener receives progress
     * @return the profile
     */
    static Profile profile(TfModel model, ProfileRequest request, ProgressListener listener) {
        return profile(model, request, listener, TfTimingOptions.defaults());
    }

    /**
     * Profiles a model.
     *
     * @param model the model
     * @param request how to profile
     * @param listener receives progress
     * @param requested the timing methodology; a fused partition rule is always timed with fusion on, and under
     *     {@link TfTimingOptions.Fusion#DEFAULT} any other rule is made fused ({@link FusedCuts})
     * @return the profile
     * @throws IllegalStateException if threads are requested but cannot take effect in this process
     * @throws ModelLoadException naming the node if a run fails
     * @throws CancellationException if the thread was interrupted or the listener cancelled
     */
    static Profile profile(TfModel model, ProfileRequest request, ProgressListener listener,
            TfTimingOptions requested) {
        requireNonNull(model, "model");
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        requireNonNull(requested, "options");
        checkThreads(request.threads());
        ModelGraph g = model.structure();
        String loadBefore = HostInfo.loadAverage();
        // a fused rule's blocks add up only with the fusion on that it was made for
        TfTimingOptions options = request.rule().isFused() ? requested.withFusion(TfTimingOptions.Fusion.DEFAULT)
                : requested;
        ConfigProto config = config(request.threads(), options);
        PartitionRule partitionRule = request.rule();
        if (options.fusion() == TfTimingOptions.Fusion.DEFAULT && !partitionRule.isFused()) {
            partitionRule = fusedRule(model, partitionRule, config, request.seed());
        }
        BlockLayout layout = g.blocks(partitionRule);

        List<UnitTimer.Unit> units = new ArrayList<>();
        int last = layout.size() - 1;
        for (Block b : layout.blocks()) {
            units.add(unit(model, "block " + b.label(), b.firstLayer(), b.lastLayer(), true,
                    b.index() == 0 ? last : b.index() - 1).endingAt(b.index()));
        }
        List<int[]> ranges = ranges(layout.size(), options.rangeChecks(), request.seed());
        for (int[] r : ranges) {
            units.add(unit(model, "blocks " + r[0] + "-" + r[1], layout.blocks().get(r[0]).firstLayer(),
                    layout.blocks().get(r[1]).lastLayer(), false, r[0] == 0 ? last : r[0] - 1).endingAt(r[1]));
        }
        List<int[]> pairs = options.overhead() == TfTimingOptions.Overhead.SUBTRACT ? pairs(layout.size())
                : List.of();
        for (int[] r : pairs) {
            units.add(unit(model, "pair " + r[0] + "-" + r[1], layout.blocks().get(r[0]).firstLayer(),
                    layout.blocks().get(r[1]).lastLayer(), false, r[0] == 0 ? last : r[0] - 1).asExtra()
                    .endingAt(r[1]));
        }
        boolean untilStable = request.repeats() == ProfileRequest.UNTIL_STABLE;
        SamplingRule rule = untilStable ? options.sampling() : SamplingRule.fixed(request.repeats());
        if (untilStable && options.order() != TfTimingOptions.Order.INTERLEAVED) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The order %s needs a fixed repeat count, "
                    + "but the request's repeats (0) ask to repeat until stable.%nMaybe give a repeat count, or use "
                    + "the order INTERLEAVED.", options.order()));
        }
        LOG.info("Profiling {} ({} layers, {} blocks under {}) on {}: {} warm-up and {} timed passes over {} units, "
                + "load average {}", g.name(), g.size(), layout.size(), partitionRule.id(), request.resource().name(),
                request.warmups(), untilStable ? String.format(Locale.ROOT, "%d to %d", rule.minRepeats(),
                        rule.maxRepeats()) : request.repeats(), units.size(), loadBefore);

        PassStatistics statistics = new PassStatistics(rule, layout.size(), ranges.size(), pairs);
        boolean subtract = options.overhead() == TfTimingOptions.Overhead.SUBTRACT;
        UnitTimer.Settings settings = new UnitTimer.Settings(config,
                options.runOptions(),
                request.warmups(), rule.maxRepeats(), options.order() == TfTimingOptions.Order.INTERLEAVED,
                subtract, untilStable ? statistics : null, CALIBRATION_PASSES, subtract ? PAIR_LIMIT : 0);
        UnitTimer.Measurement m;
        long[] peaks;
        Map<String, Tensor> inputs = inputs(model, request.seed());
        long timingStart = System.nanoTime();
        try {
            m = UnitTimer.time(model.graph(), inputs, units, settings, new UnitTimer.Progress() {
                @Override
                public void done(int done, int all, String what) {
                    LOG.debug("{}: {}", g.name(), what);
                    listener.progress(done, all, what);
                }

                @Override
                public boolean cancelled() {
                    return Cancellation.requested(listener);
                }
            });
            peaks = measurePeaks(model, settings.config(), inputs, units.subList(0, layout.size()));
        } catch (CancellationException e) {
            throw Cancellation.stopped(g.name());
        } catch (ScissionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException(model.source(), null, "a timed run failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(Tensor::close);
        }

        double timingSeconds = (System.nanoTime() - timingStart) / 1e9;
        PassStatistics.Result result = statistics.analyse(m);
        Overhead est = result.overhead();
        double overhead = est.seconds();
        List<BlockTiming> blockTimings = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            blockTimings.add(new BlockTiming(layout.blocks().get(i), result.timings().get(i)));
        }
        List<RangeTiming> rangeTimings = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            int[] r = ranges.get(k);
            rangeTimings.add(new RangeTiming(r[0], r[1], result.timings().get(layout.size() + k)));
        }
        Sampling sampling = statistics.sampling(result, m.units().get(0).length);
        HopProbe.Outcome hop = HopProbe.measure(settings.config());
        String loadAfter = HostInfo.loadAverage();
        Provenance provenance = new Provenance(HostInfo.host(), HostInfo.cpu(), HostInfo.os(), HostInfo.jvm(),
                NativeRuntime.describe(), request.threads(), request.warmups(), result.kept(), Instant.now(),
                overhead, model.weights(), notes(request, layout.rule(), options, est, sampling, loadBefore,
                        loadAfter) + " "
                        + hop.describe(), sampling);
        Profile profile = new Profile(request.resource(), layout, provenance, blockTimings, rangeTimings,
                hop.cost(), memory(model, layout, peaks), hop.copies());
        logAdditivity(g.name(), profile);
        LOG.info(timingSummary(g.name(), timingSeconds, statistics.timedSeconds(), sampling(sampling)));
        return profile;
    }

    /**
     * Returns the base rule without the cuts TensorFlow's rewrites cross in this model under the given (optimising)
     * session ({@link FusedCuts}), logging how many blocks that merges.
     */
    static PartitionRule fusedRule(TfModel model, PartitionRule base, ConfigProto config, long seed) {
        Map<String, Tensor> inputs = inputs(model, seed);
        try {
            List<Integer> crossed = FusedCuts.crossed(model, base, config, inputs);
            PartitionRule fused = PartitionRule.fused(base, crossed);
            LOG.info("{}: TensorFlow's rewrites cross {} of the {} cuts of the {} rule; profiling {} blocks under {}",
                    model.structure().name(), crossed.size(), base.cuts(model.structure()).size(), base.id(),
                    fused.cuts(model.structure()).size() + 1, fused.id());
            return fused;
        } catch (RuntimeException e) {
            throw new ModelLoadException(model.source(), null, "the run that finds the cuts TensorFlow's op fusion "
                    + "crosses failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(Tensor::close);
        }
    }

    /**
     * The memory figures of every block: the parser's estimate (weights the layers read, the largest live activation
     * set; {@link BlockMemory}) with the peak a traced run measured, where TensorFlow reported one.
     */
    static List<BlockMemory> memory(TfModel model, BlockLayout layout, long[] peaks) {
        ModelGraph g = model.structure();
        List<List<String>> outputs = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < g.layers().get(i).outputs().size(); k++) {
                names.add(model.tensor(new TensorRef(i, k)));
            }
            outputs.add(names);
        }
        List<BlockMemory> estimate = BlockMemory.estimate(g, layout, LayerWeights.of(model.graph(), outputs).bytes());
        List<BlockMemory> result = new ArrayList<>();
        for (int b = 0; b < estimate.size(); b++) {
            result.add(peaks[b] < 0 ? estimate.get(b) : estimate.get(b).withMeasuredPeak(peaks[b]));
        }
        return result;
    }

    /**
     * Measures each block's memory peak in traced runs after the timing ({@link MemoryPeaks}), so the timing is
     * not disturbed; a model whose traced runs fail keeps its estimate only (logged).
     */
    private static long[] measurePeaks(TfModel model, @Nullable ConfigProto config, Map<String, Tensor> inputs,
            List<UnitTimer.Unit> blocks) {
        long start = System.nanoTime();
        try {
            long[] peaks = MemoryPeaks.measure(model.graph(), config, inputs, blocks);
            LOG.info(String.format(Locale.ROOT, "%s: memory peaks of %d blocks measured in %.1f s",
                    model.structure().name(), blocks.size(), (System.nanoTime() - start) / 1e9));
            return peaks;
        } catch (RuntimeException e) {
            LOG.warn("{}: the memory peaks could not be measured ({}); the profile keeps the estimate only",
                    model.structure().name(), e.getMessage());
            long[] none = new long[blocks.size()];
            Arrays.fill(none, BlockMemory.NOT_MEASURED);
            return none;
        }
    }

    static UnitTimer.Unit unit(TfModel model, String label, int first, int last, boolean block,
            int predecessor) {
        Spans.Span span = Spans.of(model.structure(), first, last);
        List<String> feeds = new ArrayList<>();
        for (TensorRef r : span.feeds()) {
            feeds.add(model.tensor(r));
        }
        List<String> fetches = new ArrayList<>();
        for (TensorRef r : span.fetches()) {
            String t = model.tensor(r);
            // a fed tensor that also leaves the unit (a model input read by later blocks) passes through at no cost;
            // TensorFlow refuses to feed and fetch the same tensor
            if (!feeds.contains(t)) {
                fetches.add(t);
            }
        }
        return new UnitTimer.Unit(label, feeds, fetches, block, predecessor);
    }

    /** The timed passes, from the first, that time calibration runs and merged pairs under an until-stable rule. */
    static final int CALIBRATION_PASSES = 5;

    /**
     * Returns the whole model (blocks 0 to n-1) first, then up to {@code count} distinct random ranges of two or more
     * blocks, seeded.
     */
    static List<int[]> ranges(int blocks, int count, long seed) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {0, blocks - 1});
        Set<String> seen = new LinkedHashSet<>();
        seen.add("0-" + (blocks - 1));
        int possible = blocks * (blocks - 1) / 2 - 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        int want = Math.min(count, Math.max(0, possible));
        while (out.size() - 1 < want) {
            int a = rnd.nextInt(blocks - 1);
            int b = a + 1 + rnd.nextInt(blocks - 1 - a);
            if (seen.add(a + "-" + b)) {
                out.add(new int[] {a, b});
            }
        }
        return out;
    }

    static Map<String, Tensor> inputs(TfModel model, long seed) {
        List<String> names = new ArrayList<>();
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        for (Layer layer : model.structure().layers()) {
            if (layer.isInput()) {
                for (int k = 0; k < layer.outputs().size(); k++) {
                    String name = model.tensor(new TensorRef(layer.index(), k));
                    TensorSpec spec = layer.outputs().get(k);
                    names.add(name);
                    shapes.put(name, spec.shape());
                }
            }
        }
        return RandomInputs.create(model.source(), model.graph(), names, shapes, seed);
    }

    static ConfigProto config(int threads, TfTimingOptions o) {
        return o.sessionConfig(threads);
    }

    /**
     * Fails if intra-op threads are requested but TensorFlow's process-wide pool would ignore them: without
     * {@value #OVERRIDE_ENV}{@code =1} in the environment at JVM start, the first session of the process (often the
     * loader's) fixes the pool's size for good.
     */
    static void checkThreads(int threads) {
        checkThreads(threads, System.getenv(OVERRIDE_ENV));
    }

    static void checkThreads(int threads, @Nullable String override) {
        if (threads > 0 && !"1".equals(override)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The thread count (%d) cannot take effect: "
                    + "TensorFlow sizes its intra-op thread pool once per process, at the first session, unless the "
                    + "environment variable %s=1 is set before the JVM starts.%nMaybe start the JVM with %s=1, "
                    + "profile in a child JVM that has it (new TensorFlowProfiler().inChildJvm()), or profile with "
                    + "the runtime's default threads (0).", threads, OVERRIDE_ENV, OVERRIDE_ENV));
        }
    }

    /** Adjacent block pairs (0,1), (2,3), ...: merged, they show what one cut adds to a run. */
    static List<int[]> pairs(int blocks) {
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < blocks; k += 2) {
            out.add(new int[] {k, k + 1});
        }
        return out;
    }

    /**
     * The per-run cost that is subtracted from every sample, and how it was found.
     *
     * @param seconds the cost subtracted, in seconds
     * @param identitySeconds the median of the Identity calibration runs
     * @param pairSeconds the median of {@code t(k) + t(k+1) - t(k..k+1)} over the informative pairs and passes,
     *     NaN if there were too few
     * @param pairs the number of informative pairs
     */
    record Overhead(double seconds, double identitySeconds, double pairSeconds, int pairs) {
    }

    /** Pairs slower than this many Identity runs are too noisy to show a cost of some tens of microseconds. */
    static final int PAIR_LIMIT = 50;
    /** Fewer informative pairs than this: use the Identity calibration alone. */
    static final int MIN_PAIRS = 3;

    /**
     * Estimates the per-run cost of a cut. The Identity calibration runs give a floor (every run costs at least
     * that); what a cut really adds also includes waking the intra-op threads and materializing the tensors at the
     * cut, which only a run of real ops shows. So for adjacent pairs of small blocks, the sum of the two blocks'
     * samples minus the sample of the pair run as one unit, taken in the same pass, estimates that cost directly;
     * its median over pairs and passes is used when at least {@value #MIN_PAIRS} pairs are faster than
     * {@value #PAIR_LIMIT} Identity runs, and never below the Identity floor.
     */
    static Overhead overhead(UnitTimer.Measurement m, int blocks, int ranges, List<int[]> pairs) {
        int total = 0;
        for (long[] c : m.calibrations()) {
            total += c.length;
        }
        if (total == 0) {
            return new Overhead(0.0, 0.0, Double.NaN, 0);
        }
        long[] all = new long[total];
        int i = 0;
        for (long[] c : m.calibrations()) {
            System.arraycopy(c, 0, all, i, c.length);
            i += c.length;
        }
        double identity = median(all);
        List<Long> diffs = new ArrayList<>();
        int informative = 0;
        for (int k = 0; k < pairs.size(); k++) {
            long[] pair = m.units().get(blocks + ranges + k);
            if (pair.length == 0 || median(pair) > PAIR_LIMIT * identity) {
                continue;
            }
            informative++;
            long[] a = m.units().get(pairs.get(k)[0]);
            long[] b = m.units().get(pairs.get(k)[1]);
            for (int p = 0; p < pair.length; p++) {
                diffs.add(a[p] + b[p] - pair[p]);
            }
        }
        if (informative < MIN_PAIRS) {
            return new Overhead(identity / 1e9, identity / 1e9, Double.NaN, informative);
        }
        long[] d = new long[diffs.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = diffs.get(k);
        }
        double pairCost = median(d);
        return new Overhead(Math.max(identity, pairCost) / 1e9, identity / 1e9, pairCost / 1e9, informative);
    }

    static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static String notes(ProfileRequest request, PartitionRule rule, TfTimingOptions o, Overhead est,
            Sampling sampling,
            String loadBefore, String loadAfter) {
        String threads = request.threads() > 0
                ? request.threads() + " intra-op, " + (o.interOpThreads() > 0 ? o.interOpThreads() : request.threads())
                        + " inter-op, per-session pools"
                : "runtime default (" + Runtime.getRuntime().availableProcessors() + " logical CPUs)";
        boolean stable = !sampling.rule().isFixed();
        return String.format(Locale.ROOT, "Each sample is the wall time of one Session.run that feeds the tensors "
                + "entering the unit and fetches those leaving it%s. Execution %s; fusion %s; order %s%s; %s; partition "
                + "rule %s; threads: %s; %s=%s; TF_CPU_ALLOCATOR_USE_BFC=%s; random input seed %d. Load average %s "
                + "before, %s after.",
                o.overhead() == TfTimingOptions.Overhead.SUBTRACT ? String.format(Locale.ROOT,
                        ", minus the calibrated per-run cost of a cut (%.1f us), clamped at 0. That cost is the "
                                + "larger of the Identity calibration (%.1f us: runs that feed the same values and "
                                + "fetch Identity ops of them) and the merge calibration (%s: median over %d adjacent "
                                + "pairs of small blocks and %s of t(k) + t(k+1) - t(k..k+1))",
                        est.seconds() * 1e6, est.identitySeconds() * 1e6,
                        Double.isNaN(est.pairSeconds()) ? "not used, too few small pairs"
                                : String.format(Locale.ROOT, "%.1f us", est.pairSeconds() * 1e6), est.pairs(),
                        stable ? "the first " + CALIBRATION_PASSES + " passes" : "all passes")
                        : " (raw; no overhead subtracted)",
                o.execution().name().toLowerCase(Locale.ROOT), o.fusion().name().toLowerCase(Locale.ROOT),
                o.order().name().toLowerCase(Locale.ROOT),
                o.order() != TfTimingOptions.Order.INTERLEAVED ? ""
                        : stable ? " (each pass: blocks chained as a split inference, then the whole model right after "
                                + "the last block, then the ranges fed the values the chain produced; calibration runs "
                                + "and merged pairs in the first warm-up and the first " + CALIBRATION_PASSES
                                + " passes)"
                        : " (each pass: blocks chained as a split inference, then calibration runs and ranges, each "
                                + "right after the block before it)",
                sampling(sampling), rule.id(), threads, OVERRIDE_ENV, env(OVERRIDE_ENV),
                env("TF_CPU_ALLOCATOR_USE_BFC"), request.seed(), loadBefore, loadAfter);
    }

    /**
     * The log line that ends a model's timing. The timed passes' own wall time is known only when a schedule checked
     * them (an until-stable rule); with a fixed count it is left out rather than shown as NaN.
     *
     * @param model the model's name
     * @param timingSeconds the whole timing: session, warm-ups and passes
     * @param timedSeconds the timed passes, NaN if not known
     * @param sampling {@link #sampling(Sampling)}
     * @return the line
     */
    static String timingSummary(String model, double timingSeconds, double timedSeconds, String sampling) {
        String timed = Double.isNaN(timedSeconds) ? ""
                : String.format(Locale.ROOT, ", the timed passes %.1f s", timedSeconds);
        return String.format(Locale.ROOT, "%s: timing took %.1f s (session, warm-ups and passes)%s; %s", model,
                timingSeconds, timed, sampling);
    }

    /** Describes the sampling rule and its outcome in words. */
    static String sampling(Sampling s) {
        SamplingRule r = s.rule();
        if (r.isFixed()) {
            return String.format(Locale.ROOT, "a fixed %d timed passes", s.passes());
        }
        String total = s.splitTotal().isRecorded() ? String.format(Locale.ROOT, "; split-inference total %.3f ms, "
                + "interval [%.3f, %.3f] ms (%.1f%% coverage)", s.splitTotal().median() * 1e3,
                s.splitTotal().precision().low() * 1e3, s.splitTotal().precision().high() * 1e3,
                s.splitTotal().precision().confidence() * 100) : "";
        return String.format(Locale.ROOT, "repeated until stable: %d timed passes (%d rejected as disturbed), stopped "
                + "by %s; rule: from %d to %d passes, until the %.0f%% distribution-free interval of %s median is "
                + "within +-%.1f%% of it (%s), budget %.0f whole-model times (%.1f s)%s", s.passes(),
                s.rejectedPasses(), s.stop().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.minRepeats(),
                r.maxRepeats(), r.confidence() * 100,
                r.scope() == SamplingRule.Scope.SUMS
                        ? "the split-inference total's (the sum of the blocks per pass), the whole model's and every "
                                + "range check's"
                        : "every block's and the whole model's",
                r.relativeTolerance() * 100, String.format(Locale.ROOT, "at least +-%.1f%% of the whole model / "
                        + "blocks, or %.1f us", r.relativeTolerance() * 100, r.absoluteToleranceSeconds() * 1e6),
                r.budgetWholeModels(), s.budgetSeconds(), total);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }

    private static void logAdditivity(String model, Profile p) {
        double sum = 0;
        for (BlockTiming b : p.blocks()) {
            sum += b.timing().summary().median();
        }
        for (RangeTiming r : p.ranges()) {
            double predicted = 0;
            for (int i = r.firstBlock(); i <= r.lastBlock(); i++) {
                predicted += p.blocks().get(i).timing().summary().median();
            }
            double measured = r.timing().summary().median();
            LOG.info(String.format(Locale.ROOT, "%s blocks %d-%d: sum of block medians %.3f ms, measured median "
                    + "%.3f ms, error %+.1f%%", model, r.firstBlock(), r.lastBlock(), predicted * 1e3,
                    measured * 1e3, measured > 0 ? (predicted - measured) / measured * 100 : Double.NaN));
        }
        LOG.info(String.format(Locale.ROOT, "%s: %d blocks, sum of block medians %.3f ms, per-run overhead %.1f us",
                model, p.blocks().size(), sum * 1e3, p.provenance().runOverheadSeconds() * 1e6));
    }
}
