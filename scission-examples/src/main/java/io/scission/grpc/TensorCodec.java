package io.scission.grpc;

import com.google.protobuf.ByteString;
import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.grpc.proto.DataType;
import io.scission.grpc.proto.TensorProto;
import io.scission.grpc.proto.TensorShapeProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts between {@link HostTensor} and TensorFlow's {@code TensorProto}: Scission writes {@code tensor_content}
 * (row-major, little-endian, as TensorFlow's {@code AsProtoTensorContent}); it reads that or the typed value fields
 * ({@code float_val}, {@code int_val}, ...) a TensorFlow Serving client may send, one value per element.
 */
final class TensorCodec {

    /** More elements than any tensor we accept; keeps the products below from overflowing. */
    private static final long LIMIT = (long) Integer.MAX_VALUE + 1;

    private TensorCodec() {
    }

    static DataType dataType(ElementType t) {
        return switch (t) {
            case FLOAT16 -> DataType.DT_HALF;
            case FLOAT32 -> DataType.DT_FLOAT;
            case FLOAT64 -> DataType.DT_DOUBLE;
            case INT8 -> DataType.DT_INT8;
            case INT16 -> DataType.DT_INT16;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case UINT8 -> DataType.DT_UINT8;
            case UINT16 -> DataType.DT_UINT16;
            case UINT32 -> DataType.DT_UINT32;
            case UINT64 -> DataType.DT_UINT64;
            case BOOL -> DataType.DT_BOOL;
            case COMPLEX64 -> DataType.DT_COMPLEX64;
            case COMPLEX128 -> DataType.DT_COMPLEX128;
        };
    }

    static ElementType elementType(DataType t, String key) {
        return switch (t) {
            case DT_HALF -> ElementType.FLOAT16;
            case DT_FLOAT -> ElementType.FLOAT32;
            case DT_DOUBLE -> ElementType.FLOAT64;
            case DT_INT8 -> ElementType.INT8;
            case DT_INT16 -> ElementType.INT16;
            case DT_INT32 -> ElementType.INT32;
            case DT_INT64 -> ElementType.INT64;
            case DT_UINT8 -> ElementType.UINT8;
            case DT_UINT16 -> ElementType.UINT16;
            case DT_UINT32 -> ElementType.UINT32;
            case DT_UINT64 -> ElementType.UINT64;
            case DT_BOOL -> ElementType.BOOL;
            case DT_COMPLEX64 -> ElementType.COMPLEX64;
            case DT_COMPLEX128 -> ElementType.COMPLEX128;
            default -> throw new IllegalArgumentException(String.format(Locale.ROOT, "The tensor %s has the type %s, "
                    + "which a deployment does not carry.%nMaybe send a numeric tensor (DT_FLOAT, ...).", key, t));
        };
    }

    /** The proto of a tensor, with its bytes as tensor_content. */
    static TensorProto encode(HostTensor t) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : t.shape()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(dataType(t.type())).setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(t.data())).build();
    }

    /**
     * The tensor a proto holds.
     *
     * @throws IllegalArgumentException naming the key if the type, shape or content is not a valid tensor
     */
    static HostTensor decode(String key, TensorProto p) {
        ElementType type = elementType(p.getDtype(), key);
        if (p.getTensorShape().getUnknownRank()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The tensor %s has an unknown rank.%nMaybe "
                    + "send its shape.", key));
        }
        List<Long> shape = new ArrayList<>();
        long n = 1;
        for (TensorShapeProto.Dim d : p.getTensorShape().getDimList()) {
            if (d.getSize() < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The tensor %s has a negative "
                        + "dimension (%d).%nMaybe send its actual shape.", key, d.getSize()));
            }
            shape.add(d.getSize());
            n = Math.min(n * Math.min(d.getSize(), LIMIT), LIMIT);
        }
        if (n * type.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The tensor %s (shape %s) is larger than "
                    + "2 GiB.%nMaybe send a smaller batch.", key, shape));
        }
        long bytes = n * type.bytes();
        if (!p.getTensorContent().isEmpty()) {
            if (p.getTensorContent().size() != bytes) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The tensor %s (%s, shape %s) has %d "
                        + "bytes of content; its shape needs %d.%nMaybe check the sender's shape and type.", key,
                        type, shape, p.getTensorContent().size(), bytes));
            }
            return HostTensor.of(type, shape, p.getTensorContent().toByteArray());
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = switch (type) {
            case FLOAT32 -> p.getFloatValCount();
            case FLOAT64 -> p.getDoubleValCount();
            case INT8, INT16, INT32, UINT8, UINT16 -> p.getIntValCount();
            case INT64 -> p.getInt64ValCount();
            case UINT32 -> p.getUint32ValCount();
            case UINT64 -> p.getUint64ValCount();
            case BOOL -> p.getBoolValCount();
            case FLOAT16 -> p.getHalfValCount();
            case COMPLEX64 -> p.getScomplexValCount() / 2;
            case COMPLEX128 -> p.getDcomplexValCount() / 2;
        };
        if (count != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The tensor %s (%s, shape %s) has %d "
                    + "values; its shape needs %d.%nMaybe send tensor_content, or one value per element.", key, type,
                    shape, count, n));
        }
        for (int i = 0; i < n; i++) {
            switch (type) {
                case FLOAT32 -> b.putFloat(p.getFloatVal(i));
                case FLOAT64 -> b.putDouble(p.getDoubleVal(i));
                case INT8, UINT8 -> b.put((byte) p.getIntVal(i));
                case INT16, UINT16 -> b.putShort((short) p.getIntVal(i));
                case INT32 -> b.putInt(p.getIntVal(i));
                case INT64 -> b.putLong(p.getInt64Val(i));
                case UINT32 -> b.putInt(p.getUint32Val(i));
                case UINT64 -> b.putLong(p.getUint64Val(i));
                case BOOL -> b.put((byte) (p.getBoolVal(i) ? 1 : 0));
                case FLOAT16 -> b.putShort((short) p.getHalfVal(i));
                case COMPLEX64 -> b.putFloat(p.getScomplexVal(2 * i)).putFloat(p.getScomplexVal(2 * i + 1));
                case COMPLEX128 -> b.putDouble(p.getDcomplexVal(2 * i)).putDouble(p.getDcomplexVal(2 * i + 1));
            }
        }
        return HostTensor.of(type, shape, b.array());
    }
}
