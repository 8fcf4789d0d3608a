package io.scission.tf;

import io.scission.profile.Precision;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.profile.Timing;
import io.scission.tf.internal.timing.UnitTimer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns raw pass samples into net timings with their precision, and decides when an until-stable profile has
 * enough passes ({@link SamplingRule}).
 *
 * <p>Units {@code 0..blocks-1} are the blocks, then {@code ranges} ranges (the whole model first), then the merged
 * pairs of the overhead calibration. Every block and range has one raw sample per timed pass.
 *
 * <p><b>Disturbed passes.</b> Another process that takes a core for a moment slows whatever runs then; because a
 * pass times every unit once, such a burst shows as a pass whose split-inference total (the sum of its block
 * samples), whole-model sample or range sample is far above the others. Under the until-stable rule a pass is
 * rejected, for every unit alike, when one of these exceeds its median over the passes by more than
 * {@value #REJECT_SPREADS} robust standard deviations ({@code 1.4826 × MAD}); only upward (load only slows), and
 * only while at most a quarter of the passes qualify (more than that is a slower machine, not a burst, and every
 * pass is kept). Rejection never drops a block sample alone, so sums over blocks and the whole model still come
 * from the same passes.
 */
final class PassStatistics implements UnitTimer.Schedule {

    /** The robust standard deviations above the median that mark a disturbed pass. */
    static final double REJECT_SPREADS = 5.0;
    /** The largest share of passes that may be rejected. */
    static final double MAX_REJECTED = 0.25;

    private final SamplingRule rule;
    private final int blocks;
    private final int ranges;
    private final List<int[]> pairs;
    private final boolean reject;
    private Sampling.Stop stop = Sampling.Stop.MAX_REPEATS;
    private double budgetSeconds;
    private double timedSeconds = Double.NaN;
    private final @Nullable PassWindow window;
    private double passStartSeconds;

    /**
     * Creates the statistics of one profile.
     *
     * @param rule when to stop; fixed rules never reject passes
     * @param blocks the number of blocks
     * @param ranges the number of ranges, the whole model first
     * @param pairs the merged pairs, as {@link TfProfiler#pairs}
     */
    PassStatistics(SamplingRule rule, int blocks, int ranges, List<int[]> pairs) {
        this.rule = rule;
        this.blocks = blocks;
        this.ranges = ranges;
        this.pairs = pairs;
        this.reject = !rule.isFixed();
        if (rule.isFixed()) {
            stop = Sampling.Stop.FIXED;
        }
        this.window = rule.hasWindow() ? new PassWindow(rule) : null;
    }

    /**
     * The net timings of one analysis: per block and range, with the overhead that was subtracted.
     *
     * @param timings per block, then per range (the whole model first), with their precision
     * @param overhead the per-run cost subtracted
     * @param kept the passes kept
     * @param stable whether the timings the rule's scope names are stable
     * @param splitTotal the median and interval of the per-pass sums of the blocks' net samples
     */
    record Result(List<Timing> timings, TfProfiler.Overhead overhead, int kept, boolean stable,
            Sampling.SplitTotal splitTotal) {
    }

    @Override
    public boolean enough(UnitTimer.Measurement soFar, int passes, long elapsedNanos) {
        timedSeconds = elapsedNanos / 1e9;
        if (window != null) {
            double whole = soFar.units().get(blocks)[passes - 1] / 1e9;
            window.plan(timedSeconds, whole);
            window.record(passStartSeconds, whole);
            if (!window.covered(passes)) {
                return false;
            }
        }
        if (passes < rule.minRepeats()) {
            return false;
        }
        Result r = analyse(soFar);
        double whole = r.timings().get(blocks).summary().median();
        budgetSeconds = rule.budgetWholeModels() * whole;
        if (r.stable()) {
            stop = Sampling.Stop.STABLE;
            return true;
        }
        if (passes >= rule.maxRepeats()) {
            stop = Sampling.Stop.MAX_REPEATS;
            return true;
        }
        if (budgetSeconds > 0 && elapsedNanos / 1e9 >= budgetSeconds) {
            stop = Sampling.Stop.BUDGET;
            return true;
        }
        return false;
    }

    @Override
    public void started(int pass, long wallNanos) {
        passStartSeconds = wallNanos / 1e9;
    }

    @Override
    public long pauseNanos(int passes, long wallNanos) {
        return window == null ? 0 : Math.round(window.pauseSeconds(passes, wallNanos / 1e9) * 1e9);
    }

    /**
     * Describes how the passes were spread over the rule's window, for the profile's notes.
     *
     * @return one sentence; empty without a window
     */
    String windowNotes() {
        return window == null ? "" : window.describe();
    }

    /**
     * Returns the wall time of the timed passes at the last check (without the pauses of a window), in seconds.
     *
     * @return seconds; NaN if never checked (a fixed count)
     */
    double timedSeconds() {
        return timedSeconds;
    }

    /**
     * Returns how the passes were sampled, after the timing.
     *
     * @param result the final analysis
     * @param passes the timed passes run
     * @return the sampling
     */
    Sampling sampling(Result result, int passes) {
        return new Sampling(rule, passes, passes - result.kept(), rule.isFixed() ? 0 : budgetSeconds, stop,
                rule.isFixed() ? Sampling.SplitTotal.NOT_RECORDED : result.splitTotal());
    }

    /**
     * Computes the overhead, rejects disturbed passes (until-stable rules only) and returns every block's and
     * range's net timing with its precision.
     *
     * @param m the raw samples
     * @return the analysis
     */
    Result analyse(UnitTimer.Measurement m) {
        TfProfiler.Overhead overhead = TfProfiler.overhead(m, blocks, ranges, pairs);
        int all = m.units().get(0).length;
        int[] kept = reject ? kept(m.units(), blocks, ranges) : identity(all);
        List<List<Double>> net = new ArrayList<>();
        for (int u = 0; u < blocks + ranges; u++) {
            long[] raw = m.units().get(u);
            List<Double> samples = new ArrayList<>(kept.length);
            for (int p : kept) {
                samples.add(Math.max(0.0, raw[p] / 1e9 - overhead.seconds()));
            }
            net.add(samples);
        }
        double whole = median(net.get(blocks));
        List<Timing> timings = new ArrayList<>();
        boolean sums = rule.scope() == SamplingRule.Scope.SUMS;
        boolean stable = true;
        for (int u = 0; u < blocks + ranges; u++) {
            List<Double> samples = net.get(u);
            Timing t = Timing.of(samples);
            Precision p = Precision.ofMedian(samples, rule.confidence(),
                    rule.tolerance(t.summary().median(), whole, blocks));
            timings.add(t.withPrecision(p));
            // every block and the whole model; or, stopping on the sums, the whole model and every range check
            boolean counts = sums ? u >= blocks : u <= blocks;
            if (counts && !p.stable()) {
                stable = false;
            }
        }
        List<Double> totals = new ArrayList<>(kept.length);
        for (int i = 0; i < kept.length; i++) {
            double sum = 0;
            for (int u = 0; u < blocks; u++) {
                sum += net.get(u).get(i);
            }
            totals.add(sum);
        }
        double totalMedian = median(totals);
        Precision totalPrecision = Precision.ofMedian(totals, rule.confidence(),
                Math.max(rule.absoluteToleranceSeconds(), rule.relativeTolerance() * totalMedian));
        if (sums && !totalPrecision.stable()) {
            stable = false;
        }
        return new Result(timings, overhead, kept.length, stable,
                new Sampling.SplitTotal(totalMedian, totalPrecision));
    }

    /**
     * Returns the passes to keep: all but those where the split-inference total, the whole model or a range is an
     * upward outlier, unless more than a quarter of the passes would go.
     *
     * @param units raw samples per unit, one per pass for the blocks and ranges
     * @param blocks the number of blocks
     * @param ranges the number of ranges
     * @return the kept pass indices, ascending
     */
    static int[] kept(List<long[]> units, int blocks, int ranges) {
        int n = units.get(0).length;
        boolean[] out = new boolean[n];
        double[] total = new double[n];
        for (int b = 0; b < blocks; b++) {
            long[] x = units.get(b);
            for (int p = 0; p < n; p++) {
                total[p] += x[p];
            }
        }
        mark(total, out);
        for (int r = 0; r < ranges; r++) {
            long[] x = units.get(blocks + r);
            double[] d = new double[n];
            for (int p = 0; p < n; p++) {
                d[p] = x[p];
            }
            mark(d, out);
        }
        int rejected = 0;
        for (boolean o : out) {
            rejected += o ? 1 : 0;
        }
        if (rejected > MAX_REJECTED * n) {
            return identity(n);
        }
        int[] keep = new int[n - rejected];
        int i = 0;
        for (int p = 0; p < n; p++) {
            if (!out[p]) {
                keep[i++] = p;
            }
        }
        return keep;
    }

    private static void mark(double[] x, boolean[] out) {
        double med = median(x);
        double[] dev = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dev[i] = Math.abs(x[i] - med);
        }
        double spread = 1.4826 * median(dev);
        if (spread <= 0) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] > med + REJECT_SPREADS * spread) {
                out[i] = true;
            }
        }
    }

    private static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static double median(List<Double> values) {
        double[] d = new double[values.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = values.get(i);
        }
        return median(d);
    }
}
