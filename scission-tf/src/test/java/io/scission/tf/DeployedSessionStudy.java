package io.scission.tf;

import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.deploy.Tensors;
import io.scission.spi.ModelSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Study (not a test) behind docs/serving.md "Stop 21: --fusion on the 18 zoo models and the table models": the
 * same computation timed as the profiler times it (the model's own graph) and as a worker runs it (the exported
 * segment's SavedModel), each in today's session ({@code NONE}) and in TensorFlow's ({@code DEFAULT},
 * {@code profile --fusion}), at one thread count; with {@code -Dthreads=true} the segment run from one thread
 * against each run from a new thread. Run with
 * {@code scission-tf/measurements/study.sh DeployedSessionStudy zoo:vgg16 DEPLOYMENT_DIR SEGMENT THREADS [REPEATS]},
 * where the deployment's segment SEGMENT is the whole model (e.g. {@code scission export VGG16 --cut none}).
 */
final class DeployedSessionStudy {

    private DeployedSessionStudy() {
    }

    public static void main(String[] args) throws Exception {
        ModelSource source = new ModelSource(args[0]);
        Path dir = Path.of(args[1]);
        int segment = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        if (Boolean.getBoolean("threads")) {
            callingThreads(dir, segment, threads, repeats);
            return;
        }
        for (TfTimingOptions.Fusion fusion : new TfTimingOptions.Fusion[] {TfTimingOptions.Fusion.NONE,
                TfTimingOptions.Fusion.DEFAULT, TfTimingOptions.Fusion.NONE, TfTimingOptions.Fusion.DEFAULT}) {
            TfTimingOptions t = TfTimingOptions.defaults().withFusion(fusion);
            TensorFlowDeployer d = new TensorFlowDeployer(TfLoadOptions.defaults(), t.sessionConfig(threads),
                    t.runOptions());
            try (Inference model = d.openModel(source, 42L); Inference seg = d.openSegment(dir, segment)) {
                Map<String, HostTensor> in = Tensors.random(seg.inputs(), 42L);
                Map<String, HostTensor> modelIn = Tensors.random(model.inputs(), 42L);
                model.run(modelIn, 2); // warm-up: executors built, weights reordered once
                seg.run(in, 2);
                RunReport m = model.run(modelIn, repeats);
                RunReport s = seg.run(in, repeats);
                System.out.printf(Locale.ROOT, "fusion %-7s threads %d: model graph median %.1f ms"
                        + " min %.1f | segment SavedModel median %.1f ms min %.1f | ratio %.2f%n",
                        fusion, threads, m.medianSeconds() * 1e3, min(m) * 1e3, s.medianSeconds() * 1e3,
                        min(s) * 1e3, s.medianSeconds() / m.medianSeconds());
            }
        }
    }

    /**
     * The segment run as a worker does, in each session: every run from one thread, then every run from a thread of
     * its own (as a gRPC server's executor may hand requests to any of its threads; oneDNN's primitive cache in
     * TensorFlow is per thread).
     */
    private static void callingThreads(Path dir, int segment, int threads, int repeats) throws Exception {
        for (TfTimingOptions.Fusion fusion : new TfTimingOptions.Fusion[] {TfTimingOptions.Fusion.DEFAULT,
                TfTimingOptions.Fusion.NONE, TfTimingOptions.Fusion.DEFAULT, TfTimingOptions.Fusion.NONE}) {
            TfTimingOptions t = TfTimingOptions.defaults().withFusion(fusion);
            TensorFlowDeployer d = new TensorFlowDeployer(TfLoadOptions.defaults(), t.sessionConfig(threads),
                    t.runOptions());
            try (Inference seg = d.openSegment(dir, segment)) {
                Map<String, HostTensor> in = Tensors.random(seg.inputs(), 42L);
                seg.run(in, 2);
                double[] same = new double[repeats];
                double[] fresh = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    same[i] = seg.run(in, 1).medianSeconds();
                }
                for (int i = 0; i < repeats; i++) {
                    double[] one = new double[1];
                    Thread th = new Thread(() -> one[0] = seg.run(in, 1).medianSeconds());
                    th.start();
                    th.join();
                    fresh[i] = one[0];
                }
                System.out.printf(Locale.ROOT, "fusion %-7s threads %d: segment run from one thread median %.1f ms"
                        + " | each run from a new thread median %.1f ms | ratio %.2f%n", fusion, threads,
                        median(same) * 1e3, median(fresh) * 1e3, median(fresh) / median(same));
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(RunReport r) {
        return r.totalSeconds().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }
}
