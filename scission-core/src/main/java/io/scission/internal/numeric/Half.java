package io.scission.internal.numeric;

/** IEEE 754 binary16 values, read by the deployment's tensors and by scission-tf's TF.js weight reader. */
public final class Half {

    private Half() {
    }

    /**
     * Converts a binary16 value to float (Java 17 has no {@code Float.float16ToFloat}).
     *
     * @param h the 16 bits
     * @return the value, exactly
     */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
