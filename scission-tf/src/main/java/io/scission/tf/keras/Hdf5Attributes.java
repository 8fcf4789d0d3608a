package io.scission.tf.keras;

import io.scission.InvalidFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one string attribute of the root group of an HDF5 file, which is where Keras's {@code model.save("x.h5")}
 * puts {@code model_config}. A minimal reader of the HDF5 format specification 3.0: superblock versions 0-3, object
 * header versions 1 and 2 with continuation blocks, attribute message versions 1-3, fixed-length strings and
 * variable-length strings in a global heap. Attributes in dense storage (a fractal heap, used only for very large
 * attributes with the newest file format) are not supported and give a clear error.
 */
final class Hdf5Attributes {

    private static final int MSG_CONTINUATION = 0x10;
    private static final int MSG_ATTRIBUTE = 0x0C;
    private static final int MSG_ATTRIBUTE_INFO = 0x15;

    private final ByteBuffer buf;
    private final String source;
    private int offsetSize = 8;
    private int lengthSize = 8;
    private boolean denseAttributes;

    private Hdf5Attributes(byte[] bytes, String source) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /**
     * Returns the root group's string attribute with the given name.
     *
     * @param bytes the whole file
     * @param name the attribute, e.g. {@code model_config}
     * @param source the file name for messages
     * @return the attribute's text
     * @throws InvalidFileException if the file is not HDF5 as expected or has no such attribute
     */
    static String readStringAttribute(byte[] bytes, String name, String source) {
        try {
            return new Hdf5Attributes(bytes, source).read(name);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new InvalidFileException(source, "", "is a truncated or unsupported HDF5 file (read past its "
                    + "end while looking for the attribute " + name + ").");
        }
    }

    /**
     * Returns the root group's string attribute with the given name, or empty if there is none.
     *
     * @param bytes the whole file
     * @param name the attribute
     * @param source the file name for messages
     * @return the attribute's text, if present
     */
    static java.util.Optional<String> findStringAttribute(byte[] bytes, String name, String source) {
        try {
            return java.util.Optional.of(readStringAttribute(bytes, name, source));
        } catch (InvalidFileException e) {
            return java.util.Optional.empty();
        }
    }

    private String read(String name) {
        int version = buf.get(8) & 0xff;
        long rootHeader;
        if (version == 0 || version == 1) {
            offsetSize = buf.get(13) & 0xff;
            lengthSize = buf.get(14) & 0xff;
            int pos = 24 + (version == 1 ? 4 : 0) + 4 * offsetSize;
            rootHeader = offset(pos + offsetSize);
        } else if (version == 2 || version == 3) {
            offsetSize = buf.get(9) & 0xff;
            lengthSize = buf.get(10) & 0xff;
            rootHeader = offset(12 + 3 * offsetSize);
        } else {
            throw fail("has the HDF5 superblock version " + version + ", which is not supported");
        }
        String value = version(rootHeader) == 1 ? scanV1(rootHeader, name) : scanV2(rootHeader, name);
        if (value != null) {
            return value;
        }
        if (denseAttributes) {
            throw fail("keeps its root attributes in dense storage (a fractal heap), which is not supported; "
                    + "the attribute " + name + " could not be read.\nMaybe save the model as JSON "
                    + "(model.to_json()) instead");
        }
        throw fail("has no root attribute " + name + ".\nMaybe it holds weights only (model.save_weights); pass "
                + "the architecture JSON (model.to_json()) instead");
    }

    private int version(long header) {
        if (buf.get((int) header) == 'O' && buf.get((int) header + 1) == 'H' && buf.get((int) header + 2) == 'D'
                && buf.get((int) header + 3) == 'R') {
            return 2;
        }
        return buf.get((int) header) & 0xff;
    }

    private String scanV1(long header, String name) {
        int h = (int) header;
        int messages = buf.getShort(h + 2) & 0xffff;
        long size = buf.getInt(h + 8) & 0xffffffffL;
        java.util.ArrayDeque<long[]> blocks = new java.util.ArrayDeque<>();
        blocks.add(new long[] {h + 16, size});
        int seen = 0;
        while (!blocks.isEmpty() && seen < messages) {
            long[] block = blocks.poll();
            int p = (int) block[0];
            int end = (int) (block[0] + block[1]);
            while (p + 8 <= end && seen < messages) {
                int type = buf.getShort(p) & 0xffff;
                int len = buf.getShort(p + 2) & 0xffff;
                int data = p + 8;
                seen++;
                String found = message(type, data, len, name, blocks);
                if (found != null) {
                    return found;
                }
                p = data + len;
            }
        }
        return null;
    }

    private String scanV2(long header, String name) {
        int h = (int) header;
        int flags = buf.get(h + 5) & 0xff;
        int p = h + 6;
        if ((flags & 0x20) != 0) {
            p += 16;
        }
        if ((flags & 0x10) != 0) {
            p += 4;
        }
        int sizeBytes = 1 << (flags & 0x03);
        long chunk = unsigned(p, sizeBytes);
        p += sizeBytes;
        java.util.ArrayDeque<long[]> blocks = new java.util.ArrayDeque<>();
        blocks.add(new long[] {p, chunk});
        boolean first = true;
        while (!blocks.isEmpty()) {
            long[] block = blocks.poll();
            int q = (int) block[0];
            int end = (int) (block[0] + block[1]) - (first ? 0 : 4);
            if (!first) {
                q += 4;
            }
            first = false;
            int prefix = 4 + ((flags & 0x04) != 0 ? 2 : 0);
            while (q + prefix <= end) {
                int type = buf.get(q) & 0xff;
                int len = buf.getShort(q + 1) & 0xffff;
                int data = q + prefix;
                String found = message(type, data, len, name, blocks);
                if (found != null) {
                    return found;
                }
                q = data + len;
            }
        }
        return null;
    }

    private String message(int type, int data, int len, String name, java.util.ArrayDeque<long[]> blocks) {
        if (type == MSG_CONTINUATION) {
            blocks.add(new long[] {offset(data), length(data + offsetSize)});
        } else if (type == MSG_ATTRIBUTE_INFO) {
            denseAttributes = true;
        } else if (type == MSG_ATTRIBUTE) {
            return attribute(data, name);
        }
        return null;
    }

    private String attribute(int p, String wanted) {
        int version = buf.get(p) & 0xff;
        int nameSize = buf.getShort(p + 2) & 0xffff;
        int typeSize = buf.getShort(p + 4) & 0xffff;
        int spaceSize = buf.getShort(p + 6) & 0xffff;
        int q = p + 8 + (version == 3 ? 1 : 0);
        String name = cString(q, nameSize);
        q += version == 1 ? pad8(nameSize) : nameSize;
        if (!name.equals(wanted)) {
            return null;
        }
        int typePos = q;
        q += version == 1 ? pad8(typeSize) : typeSize;
        q += version == 1 ? pad8(spaceSize) : spaceSize;
        int cls = buf.get(typePos) & 0x0f;
        int size = buf.getInt(typePos + 4);
        if (cls == 3) {
            return cString(q, size);
        }
        if (cls == 9 && (buf.get(typePos + 1) & 0x0f) == 1) {
            int length = buf.getInt(q);
            long collection = offset(q + 4);
            int index = buf.getInt(q + 4 + offsetSize);
            return globalHeapObject(collection, index, length);
        }
        throw fail("has the attribute " + wanted + " with HDF5 datatype class " + cls + "; expected a string");
    }

    private String globalHeapObject(long collection, int index, int length) {
        int c = (int) collection;
        if (buf.get(c) != 'G' || buf.get(c + 1) != 'C' || buf.get(c + 2) != 'O' || buf.get(c + 3) != 'L') {
            throw fail("has a variable-length string that points to a missing global heap at " + collection);
        }
        long size = length(c + 8);
        int p = c + 8 + lengthSize;
        int end = (int) (c + size);
        while (p + 8 + lengthSize <= end) {
            int objectIndex = buf.getShort(p) & 0xffff;
            long objectSize = length(p + 8);
            int data = p + 8 + lengthSize;
            if (objectIndex == 0) {
                break;
            }
            if (objectIndex == index) {
                return cString(data, (int) Math.min(objectSize, length));
            }
            p = data + pad8((int) objectSize);
        }
        throw fail("has a variable-length string whose global heap object " + index + " is missing");
    }

    private String cString(int p, int max) {
        int n = 0;
        while (n < max && buf.get(p + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        buf.get(p, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private long offset(int p) {
        return unsigned(p, offsetSize);
    }

    private long length(int p) {
        return unsigned(p, lengthSize);
    }

    private long unsigned(int p, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (buf.get(p + i) & 0xff);
        }
        return v;
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    private InvalidFileException fail(String problem) {
        return new InvalidFileException(source, "", String.format(Locale.ROOT, "%s.", problem));
    }
}
