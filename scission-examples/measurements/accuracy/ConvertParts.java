import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.tf.TensorFlowDeployer;
import io.scission.tf.deploy.TfTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Tensor;

/**
 * Stop 21, what a worker's `convert` is made of: one exported segment (the whole model on one resource, from
 * `scission export MODEL --resources device -o DIR --no-verify`) run as a worker runs it (Inference.run(in, 1):
 * convert = its wall time minus Session.run's), N times after IDLE ms each, beside the workers' copy of the same
 * input alone (TfTensors.toNative), the closing of that tensor alone, and the same copy again right after; medians.
 * Run once with glibc's defaults and once with MALLOC_TRIM_THRESHOLD_/MALLOC_MMAP_THRESHOLD_ raised (convert2.sh). Run under /work/tools/measure:
 * java -cp "J/scission.jar:J/lib/*" ConvertParts.java DIR IDLE_MS N
 */
public class ConvertParts {
    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int idle = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        try (Inference seg = new TensorFlowDeployer().openSegment(dir, 0)) {
            var in = seg.inputs().get(0);
            List<Long> shape = new ArrayList<>();
            long elements = 1;
            for (long d : in.shape()) {
                long x = d < 0 ? 1 : d;
                shape.add(x);
                elements *= x;
            }
            byte[] data = new byte[Math.toIntExact(elements * 4)];
            SplittableRandom rnd = new SplittableRandom(1);
            for (int i = 0; i < data.length; i += 4) {
                int bits = Float.floatToIntBits((float) rnd.nextDouble());
                data[i] = (byte) bits;
                data[i + 1] = (byte) (bits >> 8);
                data[i + 2] = (byte) (bits >> 16);
                data[i + 3] = (byte) (bits >> 24);
            }
            List<Double> convert = new ArrayList<>();
            List<Double> compute = new ArrayList<>();
            List<Double> toNative = new ArrayList<>();
            List<Double> close = new ArrayList<>();
            List<Double> second = new ArrayList<>();
            for (int i = -3; i < n; i++) {
                HostTensor h = HostTensor.of(ElementType.FLOAT32, shape, data);
                if (idle > 0) {
                    Thread.sleep(idle);
                }
                long t0 = System.nanoTime();
                RunReport r = seg.run(Map.of(in.key(), h), 1);
                long t1 = System.nanoTime();
                double c = r.stages().get(0).seconds().get(0);
                long t2 = System.nanoTime();
                Tensor t = TfTensors.toNative(h);
                long t3 = System.nanoTime();
                t.close();
                long t4 = System.nanoTime();
                Tensor again = TfTensors.toNative(h);
                long t5 = System.nanoTime();
                again.close();
                if (i >= 0) {
                    compute.add(c);
                    convert.add((t1 - t0) / 1e9 - c);
                    toNative.add((t3 - t2) / 1e9);
                    close.add((t4 - t3) / 1e9);
                    second.add((t5 - t4) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "%s idle %d ms, %d runs, input %d bytes: compute %.3f ms, convert %.3f ms "
                    + "(min %.3f); toNative alone %.3f ms, its close %.3f ms, toNative again right after %.3f ms%n",
                    dir.getFileName(), idle, n, data.length, median(compute) * 1e3, median(convert) * 1e3,
                    Collections.min(convert) * 1e3, median(toNative) * 1e3, median(close) * 1e3,
                    median(second) * 1e3);
        }
    }
}
