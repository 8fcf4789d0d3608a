package io.scission.tf.internal.graph;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Deterministic stand-in weights of a declared shape; latency does not depend on weight values. Each tensor's
 * random stream is seeded with {@code seed ^ name.hashCode()}, so values do not depend on generation order.
 *
 * <ul>
 *   <li>float tensors of rank 2 or more: variance scaling, normal with standard deviation
 *       {@code sqrt(1 / fan_in)}, {@code fan_in} = product of all but the last dimension;
 *   <li>float vectors named like a batch-norm scale or variance ({@code gamma}, {@code variance}, {@code scale}):
 *       uniform in [0.5, 1.5), so that {@code rsqrt(variance)} stays finite;
 *   <li>other float vectors and scalars (biases, beta, moving mean): normal, standard deviation 0.05;
 *   <li>integer and boolean tensors: zeros.
 * </ul>
 */
public final class SyntheticWeights {

    private static final Pattern POSITIVE = Pattern.compile("(?i).*(gamma|variance|scale).*");

    private SyntheticWeights() {
    }

    /**
     * Generates one weight tensor.
     *
     * @param name the weight's name, which seeds its values together with {@code seed}
     * @param dtype the element type
     * @param shape the dimensions, all known
     * @param seed the seed
     * @return the tensor, its data in {@code tensor_content}
     * @throws IllegalArgumentException if a dimension is unknown, the type has no fixed size, or the tensor is
     *     larger than 2 GiB
     */
    public static TensorProto generate(String name, DataType dtype, long[] shape, long seed) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The weight %s has an unknown dimension in its shape, so no values can be generated.", name));
            }
            n = Math.multiplyExact(n, d);
        }
        int size = Dtypes.size(dtype);
        if (size <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The weight %s has type %s, for which no values can be generated.", name, dtype));
        }
        if (n * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The weight %s (%d bytes) is larger than 2 GiB.", name, n * size));
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (n * size)).order(ByteOrder.LITTLE_ENDIAN);
        boolean floating = dtype == DataType.DT_FLOAT || dtype == DataType.DT_DOUBLE || dtype == DataType.DT_HALF;
        if (floating) {
            SplittableRandom rnd = new SplittableRandom(seed ^ name.hashCode());
            double std;
            boolean positive = false;
            if (shape.length >= 2) {
                long fanIn = 1;
                for (int i = 0; i < shape.length - 1; i++) {
                    fanIn *= shape[i];
                }
                std = Math.sqrt(1.0 / Math.max(1, fanIn));
            } else {
                positive = POSITIVE.matcher(name).matches();
                std = 0.05;
            }
            for (long i = 0; i < n; i++) {
                double v = positive ? 0.5 + rnd.nextDouble() : std * gaussian(rnd);
                if (dtype == DataType.DT_FLOAT) {
                    buf.putFloat((float) v);
                } else if (dtype == DataType.DT_DOUBLE) {
                    buf.putDouble(v);
                } else {
                    buf.putShort(toHalf((float) v));
                }
            }
        }
        TensorShapeProto.Builder sp = TensorShapeProto.newBuilder();
        for (long d : shape) {
            sp.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(dtype).setTensorShape(sp)
                .setTensorContent(ByteString.copyFrom(buf.array())).build();
    }

    /** Converts a float to IEEE half precision, rounding toward zero; enough for stand-in weights. */
    static short toHalf(float f) {
        int b = Float.floatToIntBits(f);
        int sign = (b >>> 16) & 0x8000;
        int exp = ((b >>> 23) & 0xff) - 127 + 15;
        int mant = (b >>> 13) & 0x3ff;
        if (exp <= 0) {
            return (short) sign;
        }
        if (exp >= 31) {
            return (short) (sign | 0x7bff);
        }
        return (short) (sign | (exp << 10) | mant);
    }

    /**
     * Returns a standard normal sample (Box-Muller).
     *
     * @param r the random source
     * @return the sample
     */
    public static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
