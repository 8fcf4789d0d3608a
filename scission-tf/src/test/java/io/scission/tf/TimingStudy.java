package io.scission.tf;

import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.spi.ModelSource;
import io.scission.tf.internal.timing.UnitTimer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Tensor;
import org.tensorflow.proto.RunOptions;

/**
 * Methodology study (not a test): times one model's blocks, random ranges and, with {@code -Dpairs=true}, merged
 * adjacent pairs, and prints the range errors under several overhead estimators; {@code -Dtrace=true} adds a
 * step-stats cross-check (per-block sums of op times inside whole-model runs). Options: {@code -Dexec, -Dfusion,
 * -Dorder, -Dthreads, -Drepeats, -Dranges}. Run with {@code scission-tf/measurements/study.sh TimingStudy zoo:mobilenet}.
 */
final class TimingStudy {

    private TimingStudy() {
    }

    static double med(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    static double min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    /** Step stats of whole-model runs: per-block sums of op times (nodes mapped to layers by first scope segment). */
    static void trace(TfModel m, BlockLayout layout, TfTimingOptions to, int threads, double[] raw, double[] cal) {
        java.util.Map<String, Integer> blockOfLayer = new java.util.HashMap<>();
        for (Block b : layout.blocks()) {
            for (int l = b.firstLayer(); l <= b.lastLayer(); l++) {
                blockOfLayer.put(m.structure().layers().get(l).name(), b.index());
            }
        }
        Map<String, Tensor> in = TfProfiler.inputs(m, 42L);
        RunOptions ro = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
                .setInterOpThreadPool(to.execution() == TfTimingOptions.Execution.CALLER_THREAD ? -1 : 0).build();
        int reps = 15;
        double[][] perBlock = new double[layout.size()][reps];
        double[] wall = new double[reps];
        double[] unattributed = new double[reps];
        try (org.tensorflow.Session s = new org.tensorflow.Session(m.graph(), TfProfiler.config(threads, to))) {
            for (int rep = -3; rep < reps; rep++) {
                org.tensorflow.Session.Runner r = s.runner();
                in.forEach(r::feed);
                for (io.scission.model.TensorRef o : m.structure().outputs()) {
                    r.fetch(m.tensor(o));
                }
                r.setOptions(ro);
                long t0 = System.nanoTime();
                try (org.tensorflow.Result res = r.runAndFetchMetadata()) {
                    long t = System.nanoTime() - t0;
                    if (rep < 0) {
                        continue;
                    }
                    wall[rep] = t / 1e3;
                    var md = res.getMetadata().orElseThrow();
                    for (var dev : md.getStepStats().getDevStatsList()) {
                        for (var ns : dev.getNodeStatsList()) {
                            String seg = ns.getNodeName().split("/")[0];
                            Integer b = blockOfLayer.get(seg);
                            double us = ns.getAllEndRelMicros();
                            if (b == null) {
                                unattributed[rep] += us;
                            } else {
                                perBlock[b][rep] += us;
                            }
                        }
                    }
                }
            }
        }
        in.values().forEach(Tensor::close);
        double sumTrace = 0;
        double sumNet = 0;
        System.out.printf(Locale.ROOT, "  trace: whole wall median %.1f us, unattributed ops %.1f us%n", medD(wall),
                medD(unattributed));
        for (int b = 0; b < layout.size(); b++) {
            double tr = medD(perBlock[b]);
            double net = raw[b] - cal[b];
            sumTrace += tr;
            sumNet += net / 1e3;
            if (Boolean.getBoolean("blocks")) {
                Block blk = layout.blocks().get(b);
                System.out.printf(Locale.ROOT, "  block %-8s %-22s %-18s net %8.1f us  trace %8.1f us out %d%n",
                        blk.label(), m.structure().layers().get(blk.lastLayer()).name(),
                        m.structure().layers().get(blk.lastLayer()).type(), net / 1e3, tr, blk.outputBytes());
            }
        }
        System.out.printf(Locale.ROOT, "  trace: sum of per-block op times %.1f us vs sum of net block medians %.1f us%n",
                sumTrace, sumNet);
    }

    static double medD(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) throws Exception {
        String spec = args[0];
        TfLoadOptions lo = TfLoadOptions.defaults();
        if (args.length > 1 && !args[1].equals("-")) {
            lo = lo.withInputs(args[1].split(","));
        }
        TfModel m;
        if (spec.startsWith("zoo:")) {
            m = new TensorFlowModelParser().open(new ModelSource(spec), 1L);
        } else {
            m = new TensorFlowModelParser(lo).open(ModelSource.of(Path.of(spec)), 1L);
        }
        TfTimingOptions to = TfTimingOptions.defaults()
                .withExecution(TfTimingOptions.Execution.valueOf(System.getProperty("exec", "CALLER_THREAD")))
                .withFusion(TfTimingOptions.Fusion.valueOf(System.getProperty("fusion", "NONE")))
                .withOrder(TfTimingOptions.Order.valueOf(System.getProperty("order", "INTERLEAVED")));
        BlockLayout layout = m.structure().blocks(PartitionRule.parse(System.getProperty("rule", "scission")));
        int nb = layout.size();
        List<UnitTimer.Unit> units = new ArrayList<>();
        for (Block b : layout.blocks()) {
            units.add(TfProfiler.unit(m, "block " + b.label(), b.firstLayer(), b.lastLayer(), true,
                    b.index() == 0 ? nb - 1 : b.index() - 1));
        }
        List<int[]> ranges = TfProfiler.ranges(nb, Integer.getInteger("ranges", 10), 42L);
        for (int[] r : ranges) {
            units.add(TfProfiler.unit(m, "r", layout.blocks().get(r[0]).firstLayer(),
                    layout.blocks().get(r[1]).lastLayer(), false, r[0] == 0 ? nb - 1 : r[0] - 1));
        }
        int nr = units.size() - nb;
        List<int[]> pairs = new ArrayList<>();
        if (Boolean.getBoolean("pairs")) {
            for (int k = 0; k + 1 < nb; k += 2) {
                pairs.add(new int[] {k, k + 1});
                units.add(TfProfiler.unit(m, "p", layout.blocks().get(k).firstLayer(),
                        layout.blocks().get(k + 1).lastLayer(), false, k == 0 ? nb - 1 : k - 1));
            }
        }
        int threads = Integer.getInteger("threads", 0);
        UnitTimer.Settings s = new UnitTimer.Settings(TfProfiler.config(threads, to),
                to.execution() == TfTimingOptions.Execution.CALLER_THREAD
                        ? RunOptions.newBuilder().setInterOpThreadPool(-1).build() : null,
                Integer.getInteger("warmups", 3), Integer.getInteger("repeats", 20),
                to.order() == TfTimingOptions.Order.INTERLEAVED, true);
        Map<String, Tensor> in = TfProfiler.inputs(m, 42L);
        long t0 = System.nanoTime();
        UnitTimer.Measurement meas = UnitTimer.time(m.graph(), in, units, s, (a, b, c) -> { });
        double secs = (System.nanoTime() - t0) / 1e9;
        in.values().forEach(Tensor::close);
        TfProfiler.Overhead est = TfProfiler.overhead(meas, nb, nr, pairs);
        double pooled = est.identitySeconds() * 1e9;
        System.out.printf(Locale.ROOT, "  production estimate %.1f us (identity %.1f, pairs %.1f over %d)%n",
                est.seconds() * 1e6, est.identitySeconds() * 1e6, est.pairSeconds() * 1e6, est.pairs());
        int n = units.size();
        double[] raw = new double[n];
        double[] cal = new double[n];
        double[] rawMin = new double[n];
        double[] calMin = new double[n];
        for (int k = 0; k < n; k++) {
            raw[k] = med(meas.units().get(k));
            cal[k] = med(meas.calibrations().get(k));
            rawMin[k] = min(meas.units().get(k));
            calMin[k] = min(meas.calibrations().get(k));
        }
        double pairC = Double.NaN;
        if (!pairs.isEmpty()) {
            List<Double> diffs = new ArrayList<>();
            List<Double> small = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                int u = nb + nr + i;
                int a = pairs.get(i)[0];
                for (int p = 0; p < s.repeats(); p++) {
                    double d = meas.units().get(a)[p] + meas.units().get(a + 1)[p] - meas.units().get(u)[p];
                    diffs.add(d);
                    if (raw[u] < 2e6) {
                        small.add(d);
                    }
                }
            }
            java.util.Collections.sort(diffs);
            java.util.Collections.sort(small);
            pairC = est.seconds() * 1e9;
            System.out.printf(Locale.ROOT, "  pair estimate of per-run cost: all %.1f us, small pairs %.1f us (%d)%n",
                    diffs.get(diffs.size() / 2) / 1e3, small.isEmpty() ? Double.NaN : small.get(small.size() / 2) / 1e3,
                    small.size());
        }
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf(Locale.ROOT, "%s exec=%s fusion=%s order=%s threads=%d blocks=%d repeats=%d load[%s] %.0fs%n",
                m.structure().name(), to.execution(), to.fusion(), to.order(), threads, nb, s.repeats(), load, secs);
        double[] calBlocks = Arrays.copyOf(cal, nb);
        Arrays.sort(calBlocks);
        System.out.printf(Locale.ROOT, "  overhead: pooled median %.1f us; block calib medians min %.1f p50 %.1f max %.1f;"
                + " whole calib %.1f us%n", pooled / 1e3, calBlocks[0] / 1e3, calBlocks[nb / 2] / 1e3,
                calBlocks[nb - 1] / 1e3, cal[nb] / 1e3);
        System.out.printf(Locale.ROOT, "  %-10s %10s %10s | %8s %8s %8s %8s %8s %8s%n", "range", "measured", "raw",
                "rawSum", "pooled", "perUnit", "min", "minCal", "pairC");
        for (int k = nb; k < nb + nr; k++) {
            int[] r = ranges.get(k - nb);
            double sRaw = 0;
            double sPooled = 0;
            double sUnit = 0;
            double sMin = 0;
            double sMinCal = 0;
            for (int i = r[0]; i <= r[1]; i++) {
                sRaw += raw[i];
                sPooled += Math.max(0, raw[i] - pooled);
                sUnit += Math.max(0, raw[i] - cal[i]);
                sMin += rawMin[i];
                sMinCal += Math.max(0, rawMin[i] - calMin[i]);
            }
            double sPair = 0;
            for (int i = r[0]; i <= r[1]; i++) {
                sPair += Math.max(0, raw[i] - pairC);
            }
            double measPair = raw[k] - pairC;
            double measPooled = raw[k] - pooled;
            double measUnit = raw[k] - cal[k];
            System.out.printf(Locale.ROOT, "  %-10s %10.3f %10.3f | %+7.1f%% %+7.1f%% %+7.1f%% %+7.1f%% %+7.1f%% %+7.1f%%%n",
                    r[0] + "-" + r[1], measPooled / 1e6, raw[k] / 1e6, (sRaw - raw[k]) / raw[k] * 100,
                    (sPooled - measPooled) / measPooled * 100, (sUnit - measUnit) / measUnit * 100,
                    (sMin - rawMin[k]) / rawMin[k] * 100,
                    (sMinCal - (rawMin[k] - calMin[k])) / (rawMin[k] - calMin[k]) * 100,
                    (sPair - measPair) / measPair * 100);
        }
        if (Boolean.getBoolean("blocks")) {
            for (int i = 0; i < nb; i++) {
                System.out.printf(Locale.ROOT, "  block %-8s raw %8.1f us cal %6.1f us min %8.1f%n",
                        layout.blocks().get(i).label(), raw[i] / 1e3, cal[i] / 1e3, rawMin[i] / 1e3);
            }
        }
        if (Boolean.getBoolean("trace")) {
            trace(m, layout, to, threads, raw, cal);
        }
        m.close();
    }
}
