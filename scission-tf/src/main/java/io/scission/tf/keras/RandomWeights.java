package io.scission.tf.keras;

import io.scission.tf.keras.WeightSpec.Role;
import java.util.SplittableRandom;

/**
 * The distributions of seeded random weights: {@code value = raw * a + b}, where raw is a standard normal truncated
 * at two standard deviations (as TF's {@code TruncatedNormal}) or uniform on [0, 1).
 * <ul>
 *   <li>kernels: He variance scaling, std = sqrt(2 / fanIn) / 0.8796 (Keras's correction for the truncation), so
 *       activations keep their scale through ReLU networks;</li>
 *   <li>biases, betas and means: std 0.02 around 0;</li>
 *   <li>gammas and variances: uniform on [0.8, 1.2), so variances are positive;</li>
 *   <li>PReLU slopes: uniform on [0.1, 0.3).</li>
 * </ul>
 */
final class RandomWeights {

    private RandomWeights() {
    }

    static boolean isNormal(Role role) {
        return role == Role.KERNEL || role == Role.DEPTHWISE_KERNEL || role == Role.BIAS || role == Role.MEAN;
    }

    /** Returns {a, b} of {@code raw * a + b}. */
    static double[] affine(WeightSpec spec) {
        switch (spec.role()) {
            case KERNEL:
            case DEPTHWISE_KERNEL:
                return new double[] {Math.sqrt(2.0 / spec.fanIn()) / 0.87962566103423978, 0};
            case BIAS:
            case MEAN:
                return new double[] {0.02, 0};
            case SCALE:
            case VARIANCE:
                return new double[] {0.4, 0.8};
            case SLOPE:
                return new double[] {0.2, 0.1};
            case COUNT:
            default:
                return new double[] {0, 1};
        }
    }

    /** Draws the values in Java, for constants. */
    static float[] draw(WeightSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[Math.toIntExact(spec.elements())];
        double[] ab = affine(spec);
        boolean normal = isNormal(spec.role());
        for (int i = 0; i < out.length; i++) {
            double raw;
            if (normal) {
                do {
                    raw = gaussian(random);
                } while (Math.abs(raw) > 2);
            } else {
                raw = random.nextDouble();
            }
            out[i] = (float) (raw * ab[0] + ab[1]);
        }
        return out;
    }

    /** Marsaglia polar method (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = random.nextDouble() * 2 - 1;
            v = random.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
