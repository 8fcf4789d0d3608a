import io.scission.grpc.ProcessHopProbe;
import java.util.List;
import java.util.Locale;

/**
 * Stop 21, the hop probe's 64 KiB step: the two-JVM probe (ProcessHopProbe, the workers' path, 20 ms idle before
 * each call) over sizes around 64 KiB, ROUNDS times; prints each size's median whole hop. Run under
 * /work/tools/measure: java -cp "J/scission.jar:J/lib/*" HopSizes.java [ROUNDS]
 */
public class HopSizes {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        List<Long> sizes = List.of(4L << 10, 16L << 10, 32L << 10, 48L << 10, 60L << 10, 64L << 10, 68L << 10,
                80L << 10, 128L << 10, 256L << 10, 2L << 20);
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            ProcessHopProbe.Outcome o = ProcessHopProbe.measure(ProcessHopProbe.IDLE_MILLIS, sizes);
            System.out.printf(Locale.ROOT, "round %d (%.1f s)%n", r, (System.nanoTime() - t0) / 1e9);
            for (int i = 0; i < sizes.size(); i++) {
                System.out.printf(Locale.ROOT, "  %8d bytes (%4d KiB): %.3f ms%n", o.bytes().get(i),
                        o.bytes().get(i) >> 10, o.seconds().get(i) * 1e3);
            }
        }
    }
}
