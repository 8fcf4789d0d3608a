package io.scission.tf.deploy;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.Tensor;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;

/** Conversions between {@link HostTensor}s and TensorFlow's native tensors and types. */
final class TfTensors {

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

    /** Returns the element type of a TensorFlow type, empty for types a deployment cannot carry (string, ...). */
    static Optional<ElementType> elementType(DataType t) {
        for (ElementType e : ElementType.values()) {
            if (dataType(e) == t) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Copies a host tensor into a new native tensor; the caller closes it. */
    static Tensor toNative(HostTensor h) {
        checkByteOrder();
        long[] dims = h.dims();
        return Tensor.of(TensorTypeRegistry.find(dataType(h.type())).type(), Shape.of(dims),
                DataBuffers.of(h.array(), true, false));
    }

    /** Copies a native tensor into a host tensor. */
    static HostTensor toHost(Tensor t) {
        checkByteOrder();
        ElementType type = elementType(t.dataType()).orElseThrow(() -> new IllegalArgumentException(String.format(
                Locale.ROOT, "A tensor of type %s cannot be copied to the host.", t.dataType())));
        byte[] bytes = new byte[Math.toIntExact(t.numBytes())];
        t.asRawTensor().data().read(bytes);
        return HostTensor.wrap(type, t.shape().asArray().clone(), bytes);
    }

    private static void checkByteOrder() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("Host tensors are little-endian; this platform is big-endian.");
        }
    }
}
