package io.scission.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.internal.numeric.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A dense tensor in Java memory: an element type, a shape and the elements in row-major (C) order, little-endian.
 * It is what {@link Npy} reads and writes and what the runners take and return, so that a caller never handles
 * TensorFlow's native tensors. Immutable.
 */
public final class HostTensor {

    private final ElementType type;
    private final long[] shape;
    private final byte[] data;

    private HostTensor(ElementType type, long[] shape, byte[] data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Returns a tensor of the given bytes (copied).
     *
     * @param type the element type
     * @param shape the dimensions, each 0 or more; empty for a scalar
     * @param data the elements, row-major, little-endian
     * @return the tensor
     * @throws IllegalArgumentException if a dimension is negative or the data's length does not match the shape
     */
    public static HostTensor of(ElementType type, List<Long> shape, byte[] data) {
        return wrap(type, dims(shape), requireNonNull(data, "data").clone());
    }

    /**
     * Returns a float32 tensor of the given values (copied).
     *
     * @param shape the dimensions
     * @param values the elements, row-major
     * @return the tensor
     * @throws IllegalArgumentException if a dimension is negative or the number of values does not match the shape
     */
    public static HostTensor ofFloats(List<Long> shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return wrap(ElementType.FLOAT32, dims(shape), b.array());
    }

    /** Takes ownership of the arrays, after checking them. */
    static HostTensor wrap(ElementType type, long[] shape, byte[] data) {
        requireNonNull(type, "type");
        long n = elements(shape);
        if (n > Integer.MAX_VALUE || n * type.bytes() != data.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data (%d bytes) of a %s tensor of shape %s must hold %s bytes.", data.length, type,
                    Arrays.toString(shape), n > Integer.MAX_VALUE ? "fewer than 2^31" : Long.toString(n * type.bytes())));
        }
        return new HostTensor(type, shape, data);
    }

    private static long[] dims(List<Long> shape) {
        long[] d = new long[requireNonNull(shape, "shape").size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = shape.get(i);
        }
        return d;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The shape %s must not have negative dimensions.", Arrays.toString(shape)));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**

     * Returns the element type.

     *

     * @return the type

     */
    public ElementType type() {
        return type;
    }

    /**

     * Returns the dimensions; empty for a scalar.

     *

     * @return the shape

     */
    public List<Long> shape() {
        List<Long> l = new ArrayList<>(shape.length);
        for (long d : shape) {
            l.add(d);
        }
        return List.copyOf(l);
    }

    /**

     * Returns the number of elements.

     *

     * @return elements

     */
    public long elements() {
        return data.length / type.bytes();
    }

    /**

     * Returns the size of the data in bytes.

     *

     * @return bytes

     */
    public long byteSize() {
        return data.length;
    }

    /**

     * Returns the elements as a read-only little-endian buffer (no copy).

     *

     * @return the data

     */
    public ByteBuffer data() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The backing array, not copied: callers must not modify it. */
    byte[] array() {
        return data;
    }

    /**

     * Returns a copy of the elements, row-major, little-endian.

     *

     * @return the bytes

     */
    public byte[] toByteArray() {
        return data.clone();
    }

    /**
     * Returns the elements of a float32 tensor.
     *
     * @return a new array
     * @throws IllegalStateException if the tensor is not float32
     */
    public float[] toFloats() {
        if (type != ElementType.FLOAT32) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "The tensor holds %s, not float32.%nMaybe read it with value(i).", type));
        }
        float[] f = new float[(int) elements()];
        data().asFloatBuffer().get(f);
        return f;
    }

    /**
     * Returns one element as a double (complex types: the real part; bool: 0 or 1; uint64 above 2^63 wraps).
     *
     * @param index the element's row-major index
     * @return the value
     */
    public double value(long index) {
        int i = Math.toIntExact(Math.multiplyExact(index, (long) type.bytes()));
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT16:
                return Half.toFloat(b.getShort(i));
            case FLOAT32:
            case COMPLEX64:
                return b.getFloat(i);
            case FLOAT64:
            case COMPLEX128:
                return b.getDouble(i);
            case INT8:
                return b.get(i);
            case INT16:
                return b.getShort(i);
            case INT32:
                return b.getInt(i);
            case INT64:
            case UINT64:
                return b.getLong(i);
            case UINT8:
            case BOOL:
                return b.get(i) & 0xff;
            case UINT16:
                return b.getShort(i) & 0xffff;
            case UINT32:
                return b.getInt(i) & 0xffffffffL;
            default:
                throw new IllegalStateException("unreachable: " + type);
        }
    }


    /**
     * Returns the largest absolute element (0 for an empty tensor; NaN if an element is NaN).
     *
     * @return max |x|
     */
    public double maxAbs() {
        double m = 0;
        long n = elements();
        for (long i = 0; i < n; i++) {
            double v = Math.abs(value(i));
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Returns the largest absolute difference to another tensor of the same type and shape (NaN if either holds a
     * NaN where the other does not).
     *
     * @param other the other tensor
     * @return max |this - other|
     * @throws IllegalArgumentException if the types or shapes differ
     */
    public double maxAbsDifference(HostTensor other) {
        requireNonNull(other, "other");
        if (type != other.type || !Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The tensors (%s and %s) must have the same type and shape to be compared.", this, other));
        }
        double m = 0;
        long n = elements();
        for (long i = 0; i < n; i++) {
            double a = value(i);
            double b = other.value(i);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (Double.isNaN(a) != Double.isNaN(b)) {
                    return Double.NaN;
                }
                continue;
            }
            m = Math.max(m, Math.abs(a - b));
        }
        return m;
    }

    /** Returns true for a tensor of the same type, shape and bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t && type == t.type && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Arrays.hashCode(data);
    }

    /** Returns e.g. {@code float32[1, 224, 224, 3]}. */
    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
