import io.scission.deploy.Deployment;
import io.scission.tf.TfTimingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * What the VM does while one segment runs over and over (issue #12, stop 20): a timeline, one line per inference,
 * of the segment's time (the profiler's session, as a worker runs it), two fixed probes run right after it in the
 * same thread (a CPU-only integer loop that stays in the registers, and a 64 MiB array copy that goes to memory),
 * and, over the same interval from /proc: the machine's busy share of both cores, the hypervisor's steal, the CPU
 * time of every other process ("others": machine busy minus this process), and the kernel's CPU pressure (PSI
 * "some": time runnable tasks waited for a core). If the segment and the CPU probe slow down together, the VM's
 * core got slower (host contention or clock); if only the segment and the copy do, memory bandwidth or caches; if
 * "others" or PSI rise, another process of this machine took the core.
 *
 * <p>Run (the segment's deployment from {@code scission export MODEL --resources device -o DIR --no-verify}):
 * {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1 java -cp "scission.jar:lib/*" Timeline.java DIR THREADS SECONDS}.
 */
public class Timeline {
    static long[] cpuTimes(String line) {
        String[] f = line.trim().split("\\s+");
        long[] v = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = Long.parseLong(f[i]);
        }
        return v;
    }

    /** [busy, total, steal] jiffies of all cores, this process's jiffies, PSI cpu some total (µs). */
    static long[] snapshot() throws Exception {
        String stat = Files.readAllLines(Path.of("/proc/stat")).get(0);
        long[] c = cpuTimes(stat);
        long total = 0;
        for (int i = 0; i < Math.min(c.length, 8); i++) {
            total += c[i];
        }
        long idle = c[3] + c[4];
        long steal = c.length > 7 ? c[7] : 0;
        String self = Files.readString(Path.of("/proc/self/stat"));
        String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long psi = 0;
        Path p = Path.of("/proc/pressure/cpu");
        if (Files.exists(p)) {
            for (String l : Files.readAllLines(p)) {
                if (l.startsWith("some")) {
                    psi = Long.parseLong(l.substring(l.indexOf("total=") + 6).trim());
                }
            }
        }
        return new long[] {total - idle, total, steal, own, psi};
    }

    static long sink;

    /** A fixed integer loop: no memory traffic, so its time is the core's speed. */
    static double cpuProbe() {
        long t0 = System.nanoTime();
        long x = 88172645463325252L;
        for (int i = 0; i < 20_000_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink += x;
        return (System.nanoTime() - t0) / 1e6;
    }

    static final long[] FROM = new long[8 << 20];
    static final long[] TO = new long[8 << 20];

    /** Copies 64 MiB: memory bandwidth (far beyond the caches). */
    static double memoryProbe() {
        long t0 = System.nanoTime();
        System.arraycopy(FROM, 0, TO, 0, FROM.length);
        sink += TO[FROM.length / 2];
        return (System.nanoTime() - t0) / 1e6;
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        int threads = Integer.parseInt(a[1]);
        double seconds = Double.parseDouble(a[2]);
        long hz = 100; // USER_HZ on Linux
        Deployment d = io.scission.Scission.readDeployment(dir);
        Deployment.SegmentInfo s = d.segments().get(0);
        TfTimingOptions o = TfTimingOptions.defaults();
        RunOptions ro = o.runOptions();
        try (SavedModelBundle m = SavedModelBundle.loader(dir.resolve(s.savedModel()).toString()).withTags("serve")
                .withConfigProto(o.sessionConfig(threads)).load()) {
            Deployment.CutTensor in = s.inputs().get(0);
            long[] dims = in.shape().stream().mapToLong(x -> x < 0 ? 1 : x).toArray();
            long n = 1;
            for (long x : dims) {
                n *= x;
            }
            float[] v = new float[(int) n];
            Random r = new Random(42);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextFloat();
            }
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(v))) {
                for (int k = 0; k < 3; k++) { // warm-ups, also of the probes
                    run(m.session(), s, in, t, ro);
                    cpuProbe();
                    memoryProbe();
                }
                System.out.println("# t_s seg_ms cpu_probe_ms mem_probe_ms machine_busy_cores steal_cores "
                        + "others_cores psi_some_share");
                long start = System.nanoTime();
                long[] before = snapshot();
                long tb = System.nanoTime();
                while ((System.nanoTime() - start) / 1e9 < seconds) {
                    double seg = run(m.session(), s, in, t, ro);
                    double cpu = cpuProbe();
                    double mem = memoryProbe();
                    long[] after = snapshot();
                    long ta = System.nanoTime();
                    double dt = (ta - tb) / 1e9;
                    double busy = (after[0] - before[0]) / (double) hz / dt;
                    double steal = (after[2] - before[2]) / (double) hz / dt;
                    double others = busy - (after[3] - before[3]) / (double) hz / dt;
                    double psi = (after[4] - before[4]) / 1e6 / dt;
                    System.out.printf(Locale.ROOT, "%.2f %.1f %.1f %.1f %.2f %.2f %.2f %.3f%n", (ta - start) / 1e9,
                            seg, cpu, mem, busy, steal, others, psi);
                    before = after;
                    tb = ta;
                }
            }
        }
        System.err.println("sink " + sink);
    }

    static double run(Session session, Deployment.SegmentInfo s, Deployment.CutTensor in, TFloat32 t, RunOptions ro) {
        Session.Runner run = session.runner().feed(in.tensor(), t);
        for (Deployment.CutTensor o : s.outputs()) {
            run.fetch(o.tensor());
        }
        if (ro != null) {
            run.setOptions(ro);
        }
        long t0 = System.nanoTime();
        try (Result res = run.run()) {
            return (System.nanoTime() - t0) / 1e6;
        }
    }
}
