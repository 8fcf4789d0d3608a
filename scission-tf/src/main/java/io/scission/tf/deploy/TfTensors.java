package io.scission.tf.deploy;

import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/** Conversions between {@link HostTensor}s and TensorFlow's native tensors and types. */
public final class TfTensors {

    private TfTensors() {
    }

    /** Returns the TensorFlow type of an element type. */
    static DataType dataType(ElementType t) {
        switch (t) {
            case FLOAT16: return DataType.DT_HALF;
            case FLOAT32: return DataType.DT_FLOAT;
            case FLOAT64: return DataType.DT_DOUBLE;
            case INT8: return DataType.DT_INT8;
            case INT16: return DataType.DT_INT16;
            case INT32: return DataType.DT_INT32;
            case INT64: return DataType.DT_INT64;
            case UINT8: return DataType.DT_UINT8;
            case UINT16: return DataType.DT_UINT16;
            case UINT32: return DataType.DT_UINT32;
            case UINT64: return DataType.DT_UINT64;
            case BOOL: return DataType.DT_BOOL;
            case COMPLEX64: return DataType.DT_COMPLEX64;
            case COMPLEX128: return DataType.DT_COMPLEX128;
            default: throw new IllegalStateException("unreachable: " + t);
        }
    }

    /**
     * Returns the element type of a TensorFlow type, empty for types a deployment cannot carry: string, and the
     * numeric types TensorFlow Java 1.1 has no tensor class for (int8, int16, uint32, uint64, complex, bfloat16).
     */
    static Optional<ElementType> elementType(DataType t) {
        for (ElementType e : ElementType.values()) {
            if (dataType(e) == t && javaType(e) != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** TF Java's tensor class of an element type, or null if it has none; through exported API only. */
    private static @Nullable Class<? extends TType> javaType(ElementType t) {
        switch (t) {
            case FLOAT16: return TFloat16.class;
            case FLOAT32: return TFloat32.class;
            case FLOAT64: return TFloat64.class;
            case INT32: return TInt32.class;
            case INT64: return TInt64.class;
            case UINT8: return TUint8.class;
            case UINT16: return TUint16.class;
            case BOOL: return TBool.class;
            default: return null;
        }
    }

    /**
     * Copies a host tensor into a new native tensor; the caller closes it. Workers copy every tensor they feed
     * this way, and the profiler's hop probe times it ({@code HopProbe}).
     *
     * @param h the host tensor
     * @return the native tensor
     * @throws IllegalArgumentException if TensorFlow Java cannot hold the element type
     */
    public static Tensor toNative(HostTensor h) {
        checkByteOrder();
        long[] dims = h.shape().stream().mapToLong(Long::longValue).toArray();
        Class<? extends TType> type = javaType(h.type());
        if (type == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "A %s tensor (%s) cannot be fed to "
                    + "TensorFlow Java, which holds float16/32/64, int32/64, uint8/16 and bool.%nMaybe convert it, "
                    + "e.g. x.astype(np.int32).", h.type(), h));
        }
        return Tensor.of(type, Shape.of(dims), DataBuffers.of(h.toByteArray(), true, false));
    }

    /**
     * Copies a native tensor into a host tensor, as workers copy every tensor they fetch.
     *
     * @param t the native tensor
     * @return the host tensor
     * @throws IllegalArgumentException if the element type has no host counterpart
     */
    public static HostTensor toHost(Tensor t) {
        checkByteOrder();
        ElementType type = elementType(t.dataType()).orElseThrow(() -> new IllegalArgumentException(String.format(
                Locale.ROOT, "A tensor of type %s cannot be copied to the host.", t.dataType())));
        byte[] bytes = new byte[Math.toIntExact(t.numBytes())];
        t.asRawTensor().data().read(bytes);
        List<Long> shape = new ArrayList<>();
        for (long d : t.shape().asArray()) {
            shape.add(d);
        }
        return HostTensor.of(type, shape, bytes);
    }

    private static void checkByteOrder() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("Host tensors are little-endian; this platform is big-endian.");
        }
    }
}
