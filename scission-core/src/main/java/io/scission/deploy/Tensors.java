package io.scission.deploy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Inputs and outputs of an {@link Inference}: checking given tensors against what it takes, seeded random inputs,
 * and comparing outputs within the tolerance deployments are held to.
 */
public final class Tensors {

    private Tensors() {
    }

    /**
     * Checks that the given inputs are exactly the ones expected, with types and shapes that fit.
     *
     * @param who the runner, for messages, e.g. {@code segment 1 (edge)}
     * @param specs the inputs it takes
     * @param given the inputs given, by key
     * @throws IllegalArgumentException naming the input, what was given and what is expected, if one does not fit
     */
    public static void check(String who, List<Deployment.CutTensor> specs, Map<String, HostTensor> given) {
        List<String> expected = Deployment.keysOf(specs);
        for (String key : given.keySet()) {
            if (!expected.contains(key)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The input %s is not an input of %s, "
                        + "which takes %s.%nMaybe name the input after one of those layers.", key, who, expected));
            }
        }
        for (Deployment.CutTensor spec : specs) {
            HostTensor t = given.get(spec.key());
            if (t == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The input %s of %s is missing (given: "
                        + "%s).%nMaybe give one tensor per input: %s.", spec.key(), who, new TreeSet<>(given.keySet()),
                        expected));
            }
            if (t.type() != spec.dtype() || !fits(t.shape(), spec.shape())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The input %s (%s%s) must be %s with "
                        + "shape %s (-1: any size).%nMaybe %s", spec.key(), t.type(), t.shape(), spec.dtype(),
                        spec.shape(), t.type() != spec.dtype()
                                ? "convert it, e.g. x.astype(np." + spec.dtype().id() + ")."
                                : t.shape().size() + 1 == spec.shape().size()
                                        ? "add the batch dimension, e.g. x[np.newaxis]."
                                        : "resize it to the model's input size."));
            }
        }
    }

    static boolean fits(List<Long> shape, List<Long> spec) {
        if (shape.size() != spec.size()) {
            return false;
        }
        for (int i = 0; i < shape.size(); i++) {
            long want = spec.get(i);
            if (want >= 0 ? shape.get(i) != want : shape.get(i) < 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns seeded random inputs of batch 1 (free dimensions 1): floating-point values standard normal, integers and
     * booleans zero (they often index tables, where any other value might be out of range).
     *
     * @param specs the inputs, e.g. {@link Inference#inputs()}
     * @param seed the seed
     * @return one tensor per input, by key, in order
     */
    public static Map<String, HostTensor> random(List<Deployment.CutTensor> specs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, HostTensor> m = new LinkedHashMap<>();
        for (Deployment.CutTensor spec : specs) {
            long[] dims = new long[spec.shape().size()];
            List<Long> shape = new ArrayList<>();
            for (int i = 0; i < dims.length; i++) {
                dims[i] = spec.shape().get(i) < 0 ? 1 : spec.shape().get(i);
                shape.add(dims[i]);
            }
            long n = HostTensor.elements(dims);
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(n * spec.dtype().bytes())).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n && spec.dtype().isFloatingPoint(); i++) {
                double g = gaussian(rnd);
                switch (spec.dtype()) {
                    case FLOAT16:
                        b.putShort(floatToHalf((float) g));
                        break;
                    case FLOAT64:
                        b.putDouble(g);
                        break;
                    default:
                        b.putFloat((float) g);
                }
            }
            m.put(spec.key(), HostTensor.of(spec.dtype(), shape, b.array()));
        }
        return m;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Float to IEEE binary16, round to nearest even (normal range; tiny values flush to zero). */
    static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (exp >= 31) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            return (short) sign;
        }
        int half = sign | (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) half;
    }

    /**
     * Returns the largest accepted difference between a reference output and another: 1e-5 × max(1, max|y|) for
     * floating-point and complex types, 0 (equal) for integers and booleans.
     *
     * @param type the output's type
     * @param maxAbs max |y| of the reference
     * @return the tolerance
     */
    public static double tolerance(ElementType type, double maxAbs) {
        return type.isFloatingPoint() || type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128
                ? 1e-5 * Math.max(1, maxAbs) : 0;
    }

    /**
     * Compares outputs with reference outputs (e.g. chained segments with the whole model): per output, max |Δ|,
     * max |reference| and the {@link #tolerance}.
     *
     * @param reference the reference outputs, by key
     * @param actual the outputs to check, with the same keys, types and shapes
     * @return one check per reference output, in its order
     * @throws IllegalArgumentException if an output is missing or differs in type or shape
     */
    public static List<Deployment.OutputCheck> compare(Map<String, HostTensor> reference,
            Map<String, HostTensor> actual) {
        List<Deployment.OutputCheck> checks = new ArrayList<>();
        for (Map.Entry<String, HostTensor> e : reference.entrySet()) {
            HostTensor y = e.getValue();
            HostTensor z = actual.get(e.getKey());
            if (z == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The output %s is missing (outputs: %s).",
                        e.getKey(), actual.keySet()));
            }
            double max = y.maxAbs();
            checks.add(new Deployment.OutputCheck(e.getKey(), y.maxAbsDifference(z), max, tolerance(y.type(), max)));
        }
        return List.copyOf(checks);
    }
}
