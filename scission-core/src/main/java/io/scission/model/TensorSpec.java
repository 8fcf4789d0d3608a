package io.scission.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * The static type of a tensor: element type and shape. Sizes are for a batch of one.
 *
 * @param dtype the element type's name, e.g. {@code float32}
 * @param elementBytes bytes per element, e.g. 4 for {@code float32}
 * @param shape the dimensions, the first being the batch dimension when the model has one; a batch dimension of
 *     -1 (unknown) counts as 1, every other dimension must be known
 */
public record TensorSpec(String dtype, int elementBytes, List<Long> shape) {

    /**
     * Validates the spec.
     *
     * @param dtype the element type's name, e.g. {@code float32}
     * @param elementBytes bytes per element, e.g. 4 for {@code float32}
     * @param shape the dimensions, the first being the batch dimension when the model has one; a batch dimension of
     *     -1 (unknown) counts as 1, every other dimension must be known
     * @throws IllegalArgumentException if a dimension other than the first is unknown or negative, or if
     *     elementBytes is not positive
     */
    public TensorSpec {
        requireNonNull(dtype, "dtype");
        shape = List.copyOf(requireNonNull(shape, "shape"));
        if (elementBytes <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The element size (%d bytes) of %s must be positive.", elementBytes, dtype));
        }
        for (int i = 0; i < shape.size(); i++) {
            long d = shape.get(i);
            if (d < 0 && !(i == 0 && d == -1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The dimension %d (%d) of shape %s must be known; only the batch dimension may be -1.%n"
                                + "Maybe give the model a concrete input shape.", i, d, shape));
            }
        }
    }

    /**
     * Returns a float32 spec of the given shape.
     *
     * @param shape the dimensions
     * @return the spec
     */
    public static TensorSpec float32(long... shape) {
        Long[] boxed = new Long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            boxed[i] = shape[i];
        }
        return new TensorSpec("float32", 4, List.of(boxed));
    }

    /**
     * Returns the number of elements for a batch of one.
     *
     * @return elements
     */
    public long elements() {
        long n = 1;
        for (int i = 0; i < shape.size(); i++) {
            long d = shape.get(i);
            n = Math.multiplyExact(n, i == 0 && d == -1 ? 1 : d);
        }
        return n;
    }

    /**
     * Returns the size in bytes for a batch of one: element size × elements, no header.
     *
     * @return bytes
     */
    public long bytes() {
        return Math.multiplyExact(elements(), (long) elementBytes);
    }
}
