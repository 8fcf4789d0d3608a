import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.tf.deploy.TfTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Tensor;

/**
 * Stop 21: the workers' copy into TensorFlow (TfTensors.toNative) of the same 602,112 bytes as a 1-D tensor (as the
 * profiler's copy probe shapes it) and as MobileNetV2's input [1, 224, 224, 3], ROUNDS x 31 copies each, medians.
 * With each copy's minor page faults (/proc/self/stat). Run under /work/tools/measure: java -cp "J/scission.jar:J/lib/*" ShapeCopy.java
 */
public class ShapeCopy {
    /** This process's minor page faults so far (/proc/self/stat field 10). */
    static long minorFaults() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(s.substring(s.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        byte[] data = new byte[602_112];
        List<List<Long>> shapes = List.of(List.of(150_528L), List.of(1L, 224L, 224L, 3L), List.of(1L, 150_528L),
                List.of(1L, 224L, 672L));
        for (int round = 1; round <= 2; round++) {
            for (List<Long> shape : shapes) {
                HostTensor h = HostTensor.of(ElementType.FLOAT32, shape, data);
                List<Double> t = new ArrayList<>();
                List<Long> faults = new ArrayList<>();
                for (int i = -5; i < 31; i++) {
                    long f = minorFaults();
                    long a = System.nanoTime();
                    Tensor x = TfTensors.toNative(h);
                    long b = System.nanoTime();
                    long g = minorFaults();
                    x.close();
                    if (i >= 0) {
                        t.add((b - a) / 1e6);
                        faults.add(g - f);
                    }
                }
                Collections.sort(t);
                Collections.sort(faults);
                System.out.printf(Locale.ROOT, "round %d shape %s: median %.3f ms (min %.3f, max %.3f); minor page "
                        + "faults per copy median %d (min %d, max %d)%n", round, shape, t.get(15), t.get(0), t.get(30),
                        faults.get(15), faults.get(0), faults.get(30));
            }
        }
    }
}
