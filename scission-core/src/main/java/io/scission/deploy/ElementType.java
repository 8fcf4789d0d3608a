package io.scission.deploy;

import java.util.Locale;
import java.util.Optional;

/**
 * The element types a {@link HostTensor} holds and a deployment carries across a cut: the fixed-size numeric types
 * that NumPy and TensorFlow share. Names are NumPy's ({@code float32}); the byte order in memory and in files is
 * little-endian.
 */
public enum ElementType {
    /** IEEE half precision, 2 bytes. */
    FLOAT16("float16", 'f', 2),
    /** IEEE single precision, 4 bytes. */
    FLOAT32("float32", 'f', 4),
    /** IEEE double precision, 8 bytes. */
    FLOAT64("float64", 'f', 8),
    /** Signed 8-bit integer. */
    INT8("int8", 'i', 1),
    /** Signed 16-bit integer. */
    INT16("int16", 'i', 2),
    /** Signed 32-bit integer. */
    INT32("int32", 'i', 4),
    /** Signed 64-bit integer. */
    INT64("int64", 'i', 8),
    /** Unsigned 8-bit integer. */
    UINT8("uint8", 'u', 1),
    /** Unsigned 16-bit integer. */
    UINT16("uint16", 'u', 2),
    /** Unsigned 32-bit integer. */
    UINT32("uint32", 'u', 4),
    /** Unsigned 64-bit integer. */
    UINT64("uint64", 'u', 8),
    /** Boolean, one byte (0 or 1). */
    BOOL("bool", 'b', 1),
    /** Complex of two float32, 8 bytes. */
    COMPLEX64("complex64", 'c', 8),
    /** Complex of two float64, 16 bytes. */
    COMPLEX128("complex128", 'c', 16);

    private final String id;
    private final char kind;
    private final int bytes;

    ElementType(String id, char kind, int bytes) {
        this.id = id;
        this.kind = kind;
        this.bytes = bytes;
    }

    /**

     * Returns the NumPy name, e.g. {@code float32}.

     *

     * @return the name

     */
    public String id() {
        return id;
    }

    /**

     * Returns the size of one element in bytes.

     *

     * @return bytes per element

     */
    public int bytes() {
        return bytes;
    }

    /**

     * Returns true for the floating-point types.

     *

     * @return whether the type is floating point

     */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /**
     * Returns the NumPy array-protocol type string of the little-endian form, e.g. {@code <f4} or {@code |u1}.
     *
     * @return the descriptor
     */
    public String descr() {
        return (bytes == 1 ? "|" : "<") + kind + bytes;
    }

    /**
     * Finds a type by its NumPy name, ignoring case.
     *
     * @param name e.g. {@code float32}
     * @return the type, empty if none has that name
     */
    public static Optional<ElementType> byId(String name) {
        for (ElementType t : values()) {
            if (t.id.equalsIgnoreCase(name.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a type by the kind and size of a NumPy descriptor ({@code f4}, {@code u1}, {@code b1}).
     *
     * @param kind the kind character
     * @param size the size in bytes
     * @return the type, empty if none matches
     */
    static Optional<ElementType> of(char kind, int size) {
        for (ElementType t : values()) {
            if (t.kind == kind && t.bytes == size) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
