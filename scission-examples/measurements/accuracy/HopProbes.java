import io.scission.grpc.GrpcHopProbe;
import io.scission.grpc.ProcessHopProbe;
import java.util.Locale;

/**
 * Stop 20, the hop between two JVMs: the one-process gRPC probe against the two-process probe (a child JVM, with and
 * without the idle gap before each call), ROUNDS times alternating, each with its wall time (what it adds to a
 * profile). Run under /work/tools/measure: java -cp "J/scission.jar:J/lib/*" HopProbes.java [ROUNDS]
 */
public class HopProbes {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            GrpcHopProbe.Outcome g = GrpcHopProbe.measure();
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d one-process (%.2f s): %s%n", r, (t1 - t0) / 1e9, g.describe());
            for (int idle : new int[] {0, ProcessHopProbe.IDLE_MILLIS}) {
                long a = System.nanoTime();
                ProcessHopProbe.Outcome o = ProcessHopProbe.measure(idle);
                long b = System.nanoTime();
                System.out.printf(Locale.ROOT, "round %d two-process idle %d ms (%.2f s): %s%n", r, idle, (b - a) / 1e9,
                        o.describe());
            }
        }
    }
}
