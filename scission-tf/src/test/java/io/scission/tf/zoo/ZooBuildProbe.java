package io.scission.tf.zoo;

import io.scission.model.TensorRef;
import io.scission.tf.TfModel;
import io.scission.tf.keras.KerasArchitecture;
import io.scission.tf.keras.KerasGraphBuilder;
import io.scission.tf.keras.KerasLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Builds one zoo model in a fresh JVM and reports, as one {@code key=value} line: parse and build times, graph
 * size, layers whose TF static shape differs from the Java-side inference, variable initialisation, first run
 * (Grappler, forward) and second run times, the output's sum and finiteness, and the process's peak and current
 * resident memory. {@link ZooBuildIT} runs it once per model and mode.
 */
public final class ZooBuildProbe {

    private ZooBuildProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the zoo key and the weight mode ({@code VARIABLES} or {@code CONSTANTS})
     * @throws IOException if /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        String key = args[0];
        KerasGraphBuilder.WeightMode mode = KerasGraphBuilder.WeightMode.valueOf(args[1]);
        org.tensorflow.TensorFlow.version();
        long t0 = System.nanoTime();
        KerasArchitecture a = KerasZoo.architecture(key);
        long t1 = System.nanoTime();
        try (TfModel model = KerasGraphBuilder.build(a, 42, mode, true)) {
            long t2 = System.nanoTime();
            long graphBytes = model.graph().toGraphDef().getSerializedSize();
            long rssBuilt = status("VmRSS");
            List<String> mismatches = new ArrayList<>();
            for (KerasLayer layer : a.layers()) {
                Shape s = model.graph().output(model.tensor(TensorRef.of(layer.index()))).shape();
                List<Long> got = new ArrayList<>();
                for (int i = 1; i < s.numDimensions(); i++) {
                    got.add(s.get(i));
                }
                if (s.numDimensions() != layer.outputShape().size() + 1 || !got.equals(layer.outputShape())) {
                    mismatches.add(layer.name() + s + "!=" + layer.outputShape());
                }
            }
            List<Long> in = a.layers().get(0).outputShape();
            int n = (int) (in.get(0) * in.get(1) * in.get(2));
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) Math.sin(i * 0.001);
            }
            String output = model.tensor(a.outputs().get(0));
            double sum = 0;
            boolean finite = true;
            long t3;
            long t4;
            long tInit;
            try (Session session = new Session(model.graph());
                    TFloat32 input = TFloat32.tensorOf(Shape.of(1, in.get(0), in.get(1), in.get(2)),
                            DataBuffers.of(x, true, false))) {
                session.initialize();
                tInit = System.nanoTime();
                try (Result r = session.runner().feed(model.tensor(TensorRef.of(0)), input).fetch(output).run()) {
                    t3 = System.nanoTime();
                    TFloat32 y = (TFloat32) r.get(0);
                    for (long i = 0; i < y.shape().get(1); i++) {
                        float v = y.getFloat(0, i);
                        finite &= Float.isFinite(v);
                        sum += v;
                    }
                }
                try (Result r = session.runner().feed(model.tensor(TensorRef.of(0)), input).fetch(output).run()) {
                    t4 = System.nanoTime();
                }
            }
            System.out.printf(Locale.ROOT, "PROBE key=%s mode=%s layers=%d params=%d parse_s=%.2f build_s=%.2f "
                            + "graphdef_mb=%.1f rss_built_mb=%d init_s=%.2f first_run_s=%.2f second_run_s=%.3f "
                            + "peak_rss_mb=%d shape_mismatches=%d sum=%.5f finite=%b%s%n", key, mode, a.layers().size(),
                    a.params(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, graphBytes / 1e6, rssBuilt, (tInit - t2) / 1e9,
                    (t3 - tInit) / 1e9, (t4 - t3) / 1e9, status("VmHWM"), mismatches.size(), sum, finite,
                    mismatches.isEmpty() ? "" : " first_mismatch=" + mismatches.get(0));
        }
    }

    /** A /proc/self/status field in MB. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
