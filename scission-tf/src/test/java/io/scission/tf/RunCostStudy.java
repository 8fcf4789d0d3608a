package io.scission.tf;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/** Methodology study (not a test): the fixed cost of one Session.run, inter-op pool vs caller thread. */
final class RunCostStudy {

    private RunCostStudy() {
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("n", 3000);
        try (Graph g = new Graph()) {
            try (TFloat32 one = TFloat32.scalarOf(1f)) {
                g.opBuilder("Const", "c", g.baseScope()).setAttr("dtype", DataType.DT_FLOAT).setAttr("value", one).build();
            }
            Operation ph = g.opBuilder("Placeholder", "x", g.baseScope()).setAttr("dtype", DataType.DT_FLOAT)
                    .setAttr("shape", Shape.of(-1)).build();
            Operation id = g.opBuilder("Identity", "id", g.baseScope()).addInput(ph.output(0)).build();
            Operation id2 = g.opBuilder("Identity", "id2", g.baseScope()).addInput(id.output(0)).build();
            RunOptions caller = RunOptions.newBuilder().setInterOpThreadPool(-1).build();
            try (Session s = new Session(g, ConfigProto.getDefaultInstance());
                    TFloat32 small = TFloat32.tensorOf(Shape.of(1));
                    TFloat32 big = TFloat32.tensorOf(Shape.of(400_000))) {
                Session.Runner constPool = s.runner().fetch("c");
                Session.Runner constCaller = s.runner().fetch("c").setOptions(caller);
                Session.Runner idPool = s.runner().feed("x", small).fetch("id");
                Session.Runner idCaller = s.runner().feed("x", small).fetch("id").setOptions(caller);
                Session.Runner bigCaller = s.runner().feed("x", big).fetch("id").setOptions(caller);
                Session.Runner big2Caller = s.runner().feed("x", big).fetch("id2").setOptions(caller);
                Session.Runner bigPool = s.runner().feed("x", big).fetch("id");
                Session.Runner[] rs = {constPool, constCaller, idPool, idCaller, bigCaller, big2Caller, bigPool};
                String[] names = {"const/pool", "const/caller", "id1/pool", "id1/caller", "id1.6MB/caller",
                    "id-id 1.6MB/caller", "id1.6MB/pool"};
                long[][] t = new long[rs.length][n];
                for (int w = 0; w < 2; w++) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < rs.length; k++) {
                            long t0 = System.nanoTime();
                            Result r = rs[k].run();
                            t[k][i] = System.nanoTime() - t0;
                            r.close();
                        }
                    }
                }
                for (int k = 0; k < rs.length; k++) {
                    long[] c = t[k].clone();
                    Arrays.sort(c);
                    System.out.printf(Locale.ROOT, "%-22s median %7.1f us  p10 %7.1f  p90 %7.1f%n", names[k],
                            c[n / 2] / 1e3, c[n / 10] / 1e3, c[n * 9 / 10] / 1e3);
                }
                // new runner each time
                long[] c = new long[n];
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    Result r = s.runner().feed("x", small).fetch("id").setOptions(caller).run();
                    c[i] = System.nanoTime() - t0;
                    r.close();
                }
                Arrays.sort(c);
                System.out.printf(Locale.ROOT, "%-22s median %7.1f us%n", "id1/caller new runner", c[n / 2] / 1e3);
            }
        }
    }
}
