package io.scission.tf;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Methodology study (not a test): what one run of Relu6 on 3.2 MB costs back to back and after a pause; run it with
 * and without {@code TF_CPU_ALLOCATOR_USE_BFC=true} to see the allocator's share.
 */
final class AllocationStudy {

    private AllocationStudy() {
    }

    public static void main(String[] args) throws Exception {
        int n = 400;
        int threads = Integer.getInteger("threads", 0);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 112,
                    112, 64)));
            Operand<TFloat32> r = tf.withName("r").nn.relu6(x);
            tf.withName("id").identity(x);
            ConfigProto cfg = threads > 0 ? ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(threads).setUsePerSessionThreads(true).build()
                    : ConfigProto.getDefaultInstance();
            RunOptions ro = RunOptions.newBuilder().setInterOpThreadPool(-1).build();
            try (Session s = new Session(g, cfg); TFloat32 in = TFloat32.tensorOf(Shape.of(1, 112, 112, 64))) {
                long[] back = new long[n];
                long[] paused = new long[n];
                long[] idBack = new long[n];
                long[] idPaused = new long[n];
                for (int i = -50; i < n; i++) {
                    once(s, in, "r", ro);
                    long a = once(s, in, "r", ro);
                    Thread.sleep(2);
                    long b = once(s, in, "r", ro);
                    once(s, in, "r", ro);
                    long c = once(s, in, "id", ro);
                    Thread.sleep(2);
                    long d = once(s, in, "id", ro);
                    if (i >= 0) {
                        back[i] = a;
                        paused[i] = b;
                        idBack[i] = c;
                        idPaused[i] = d;
                    }
                }
                System.out.printf(Locale.ROOT, "threads=%d relu6 back-to-back %.1f us, after 2 ms pause %.1f us; "
                        + "identity after relu %.1f us, after pause %.1f us%n", threads, med(back), med(paused),
                        med(idBack), med(idPaused));
            }
        }
    }

    static long once(Session s, TFloat32 in, String fetch, RunOptions ro) {
        Session.Runner r = s.runner().feed("x", in).fetch(fetch).setOptions(ro);
        long t0 = System.nanoTime();
        Result res = r.run();
        long t = System.nanoTime() - t0;
        res.close();
        return t;
    }

    static double med(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2] / 1e3;
    }
}
