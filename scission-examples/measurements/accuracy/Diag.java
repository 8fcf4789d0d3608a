import io.scission.deploy.Deployment;
import io.scission.deploy.HostTensor;
import java.nio.file.Path;
import java.util.*;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.*;
import org.tensorflow.types.TFloat32;

/** Times one exported segment in-process: worker's session config vs the profiler's. */
public class Diag {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        int threads = Integer.parseInt(a[1]);
        String mode = a[2];
        int repeats = Integer.parseInt(a[3]);
        Deployment d = io.scission.Scission.readDeployment(dir);
        Deployment.SegmentInfo s = d.segments().get(0);
        ConfigProto.Builder b = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads);
        RunOptions ro = null;
        if (mode.startsWith("prof")) {
            b.setUsePerSessionThreads(true);
            b.setGraphOptions(GraphOptions.newBuilder().setPlacePrunedGraph(true).setRewriteOptions(
                    RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)
                            .setArithmeticOptimization(RewriterConfig.Toggle.OFF)));
            ro = RunOptions.newBuilder().setInterOpThreadPool(-1).build();
        } else if (mode.equals("nofuse")) {
            b.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
                    RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)
                            .setArithmeticOptimization(RewriterConfig.Toggle.OFF)));
        } else if (mode.equals("caller")) {
            ro = RunOptions.newBuilder().setInterOpThreadPool(-1).build();
        }
        try (SavedModelBundle m = SavedModelBundle.loader(dir.resolve(s.savedModel()).toString()).withTags("serve")
                .withConfigProto(b.build()).load()) {
            Deployment.CutTensor in = s.inputs().get(0);
            long n = 1;
            long[] dims = in.shape().stream().mapToLong(x -> x < 0 ? 1 : x).toArray();
            for (long x : dims) n *= x;
            float[] v = new float[(int) n];
            Random r = new Random(42);
            for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(v))) {
                double[] times = new double[repeats];
                for (int k = -3; k < repeats; k++) {
                    Session.Runner run = m.session().runner().feed(in.tensor(), t);
                    for (Deployment.CutTensor o : s.outputs()) run.fetch(o.tensor());
                    if (ro != null) run.setOptions(ro);
                    long t0 = System.nanoTime();
                    try (Result res = run.run()) {
                        if (k >= 0) times[k] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                double[] sorted = times.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "%s threads=%d mode=%s median %.1f ms min %.1f max %.1f%n", dir.getFileName(),
                        threads, mode, sorted[repeats / 2], sorted[0], sorted[repeats - 1]);
            }
        }
    }
}
