package io.scission.tf.internal.graph;

import io.scission.model.TensorSpec;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.tensorflow.proto.DataType;

/** TensorFlow element types: sizes and the names used in the core {@link TensorSpec}. */
public final class Dtypes {

    private Dtypes() {
    }

    /**
     * Returns the bytes per element, or -1 for types without a fixed size (string, resource, variant).
     *
     * @param t the type
     * @return bytes per element
     */
    public static int size(DataType t) {
        switch (t) {
            case DT_FLOAT: case DT_INT32: case DT_UINT32: case DT_QINT32:
                return 4;
            case DT_DOUBLE: case DT_INT64: case DT_UINT64: case DT_COMPLEX64:
                return 8;
            case DT_COMPLEX128:
                return 16;
            case DT_HALF: case DT_BFLOAT16: case DT_INT16: case DT_UINT16: case DT_QINT16: case DT_QUINT16:
                return 2;
            case DT_UINT8: case DT_INT8: case DT_BOOL: case DT_QINT8: case DT_QUINT8:
                return 1;
            default:
                return -1;
        }
    }

    /**
     * Returns the NumPy-style name of a type: {@code float32}, {@code int64}, {@code bool}, ...
     *
     * @param t the type
     * @return the name
     */
    public static String name(DataType t) {
        switch (t) {
            case DT_FLOAT: return "float32";
            case DT_DOUBLE: return "float64";
            case DT_HALF: return "float16";
            case DT_BFLOAT16: return "bfloat16";
            case DT_BOOL: return "bool";
            case DT_COMPLEX64: return "complex64";
            case DT_COMPLEX128: return "complex128";
            default:
                return t.name().substring(3).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Returns a core spec, or null if the type has no fixed size or a dimension other than the first is unknown.
     *
     * @param t the type
     * @param shape the dimensions, -1 for unknown; null for unknown rank
     * @return the spec, or null
     */
    static @Nullable TensorSpec spec(DataType t, long @Nullable [] shape) {
        int size = size(t);
        if (size <= 0 || shape == null) {
            return null;
        }
        Long[] dims = new Long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 && (i > 0 || shape[i] != -1)) {
                return null;
            }
            dims[i] = shape[i];
        }
        return new TensorSpec(name(t), size, List.of(dims));
    }
}
