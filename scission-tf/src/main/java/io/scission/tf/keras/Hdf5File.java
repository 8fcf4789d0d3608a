package io.scission.tf.keras;

import io.scission.InvalidFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A minimal reader of the HDF5 files Keras writes (h5py, HDF5 format specification 3.0): superblock versions 0-3,
 * object header versions 1 and 2 with continuation blocks, groups as symbol tables (B-tree version 1 and local
 * heap) or compact links, string attributes (fixed-length or variable-length in a global heap, scalar or 1-D) and
 * float32 datasets stored contiguously or compactly. Dense attribute or link storage (fractal heaps), chunked or
 * compressed datasets are not supported and give a clear error.
 */
final class Hdf5File {

    private static final int MSG_DATASPACE = 0x01;
    private static final int MSG_LINK = 0x06;
    private static final int MSG_DATATYPE = 0x03;
    private static final int MSG_LAYOUT = 0x08;
    private static final int MSG_FILTERS = 0x0B;
    private static final int MSG_ATTRIBUTE = 0x0C;
    private static final int MSG_CONTINUATION = 0x10;
    private static final int MSG_SYMBOL_TABLE = 0x11;
    private static final int MSG_LINK_INFO = 0x02;
    private static final int MSG_ATTRIBUTE_INFO = 0x15;

    private final ByteBuffer buf;
    private final String source;
    private final int offsetSize;
    private final int lengthSize;
    private final long root;

    /** One object header message: its type and where its data is. */
    private record Message(int type, int data, int length) {
    }

    Hdf5File(byte[] bytes, String source) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
        int version = buf.get(8) & 0xff;
        if (version == 0 || version == 1) {
            offsetSize = buf.get(13) & 0xff;
            lengthSize = buf.get(14) & 0xff;
            int pos = 24 + (version == 1 ? 4 : 0) + 4 * offsetSize;
            root = unsigned(pos + offsetSize, offsetSize);
        } else if (version == 2 || version == 3) {
            offsetSize = buf.get(9) & 0xff;
            lengthSize = buf.get(10) & 0xff;
            root = unsigned(12 + 3 * offsetSize, offsetSize);
        } else {
            throw fail("has the HDF5 superblock version " + version + ", which is not supported");
        }
    }

    /** Returns the address of the root group's object header. */
    long root() {
        return root;
    }

    /**
     * Returns the object at a path of link names below a group, if present.
     *
     * @param group a group's object header address
     * @param path link names separated by {@code /}
     * @return the object's header address
     */
    Optional<Long> find(long group, String path) {
        long at = group;
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            Long child = children(at).get(name);
            if (child == null) {
                return Optional.empty();
            }
            at = child;
        }
        return Optional.of(at);
    }

    /** Returns a group's links: name to object header address, in storage order. */
    Map<String, Long> children(long group) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Message m : messages(group)) {
            if (m.type == MSG_SYMBOL_TABLE) {
                long btree = offset(m.data);
                long heap = offset(m.data + offsetSize);
                long heapData = offset((int) heap + 8 + 2 * lengthSize);
                symbolTable(btree, heapData, out);
            } else if (m.type == MSG_LINK) {
                link(m.data, out);
            } else if (m.type == MSG_LINK_INFO) {
                long fractalHeap = offset(m.data + 2 + ((buf.get(m.data + 1) & 1) != 0 ? 8 : 0));
                if (fractalHeap != undefined()) {
                    throw fail("stores the links of a group in a fractal heap (dense storage), which is not "
                            + "supported");
                }
            }
        }
        return out;
    }

    /**
     * Returns a string attribute (scalar or 1-D) of an object, or empty if it has none of that name.
     *
     * @param object the object header address
     * @param name the attribute's name
     * @return its strings
     */
    Optional<List<String>> stringAttribute(long object, String name) {
        boolean dense = false;
        for (Message m : messages(object)) {
            if (m.type == MSG_ATTRIBUTE) {
                List<String> value = attribute(m.data, name);
                if (value != null) {
                    return Optional.of(value);
                }
            } else if (m.type == MSG_ATTRIBUTE_INFO) {
                dense = true;
            }
        }
        if (dense) {
            throw fail("keeps the attributes of an object in a fractal heap (dense storage), which is not supported; "
                    + "the attribute " + name + " could not be read");
        }
        return Optional.empty();
    }

    /** A float32 dataset: its shape and values. */
    record Dataset(List<Long> shape, float[] values) {
    }

    /**
     * Reads a float32 dataset stored contiguously or compactly.
     *
     * @param object the dataset's object header address
     * @param what its path, for messages
     * @return the dataset
     */
    Dataset dataset(long object, String what) {
        List<Long> shape = null;
        int dataAddress = -1;
        long dataSize = 0;
        boolean isFloat32 = false;
        for (Message m : messages(object)) {
            switch (m.type) {
                case MSG_DATASPACE:
                    shape = dims(m.data);
                    break;
                case MSG_DATATYPE: {
                    int cls = buf.get(m.data) & 0x0f;
                    int size = buf.getInt(m.data + 4);
                    boolean bigEndian = (buf.get(m.data + 1) & 1) != 0;
                    isFloat32 = cls == 1 && size == 4 && !bigEndian;
                    break;
                }
                case MSG_FILTERS:
                    throw fail("compresses or filters the dataset " + what + ", which is not supported");
                case MSG_LAYOUT: {
                    int version = buf.get(m.data) & 0xff;
                    int layoutClass = buf.get(m.data + 1) & 0xff;
                    if (version < 3) {
                        throw fail("stores the dataset " + what + " with data layout version " + version
                                + ", which is not supported");
                    }
                    if (layoutClass == 0) {
                        dataSize = buf.getShort(m.data + 2) & 0xffff;
                        dataAddress = m.data + 4;
                    } else if (layoutClass == 1) {
                        long address = offset(m.data + 2);
                        dataSize = unsigned(m.data + 2 + offsetSize, lengthSize);
                        dataAddress = address == undefined() ? -2 : Math.toIntExact(address);
                    } else {
                        throw fail("stores the dataset " + what + " in chunks, which is not supported");
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (shape == null || !isFloat32 || dataAddress == -1) {
            throw fail("has a dataset " + what + " that is not a float32 array");
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[Math.toIntExact(n)];
        if (dataAddress >= 0) {
            if (dataSize < 4 * n) {
                throw fail("has a dataset " + what + " with " + dataSize + " bytes for " + n + " floats");
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = buf.getFloat(dataAddress + 4 * i);
            }
        }
        return new Dataset(shape, values);
    }

    private List<Message> messages(long header) {
        List<Message> out = new ArrayList<>();
        int h = Math.toIntExact(header);
        ArrayDeque<long[]> blocks = new ArrayDeque<>();
        if (buf.get(h) == 'O' && buf.get(h + 1) == 'H' && buf.get(h + 2) == 'D' && buf.get(h + 3) == 'R') {
            int flags = buf.get(h + 5) & 0xff;
            int p = h + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
            int sizeBytes = 1 << (flags & 0x03);
            long chunk = unsigned(p, sizeBytes);
            p += sizeBytes;
            int prefix = 4 + ((flags & 0x04) != 0 ? 2 : 0);
            blocks.add(new long[] {p, chunk});
            boolean first = true;
            while (!blocks.isEmpty()) {
                long[] block = blocks.poll();
                int q = (int) block[0] + (first ? 0 : 4);
                int end = (int) (block[0] + block[1]) - (first ? 0 : 4);
                first = false;
                while (q + prefix <= end) {
                    Message m = new Message(buf.get(q) & 0xff, q + prefix, buf.getShort(q + 1) & 0xffff);
                    collect(m, out, blocks);
                    q = m.data + m.length;
                }
            }
        } else {
            int count = buf.getShort(h + 2) & 0xffff;
            blocks.add(new long[] {h + 16, buf.getInt(h + 8) & 0xffffffffL});
            while (!blocks.isEmpty() && out.size() < count) {
                long[] block = blocks.poll();
                int q = (int) block[0];
                int end = (int) (block[0] + block[1]);
                while (q + 8 <= end) {
                    Message m = new Message(buf.getShort(q) & 0xffff, q + 8, buf.getShort(q + 2) & 0xffff);
                    collect(m, out, blocks);
                    q = m.data + m.length;
                }
            }
        }
        return out;
    }

    private void collect(Message m, List<Message> out, ArrayDeque<long[]> blocks) {
        if (m.type == MSG_CONTINUATION) {
            blocks.add(new long[] {offset(m.data), unsigned(m.data + offsetSize, lengthSize)});
        }
        out.add(m);
    }

    private void symbolTable(long node, long heapData, Map<String, Long> out) {
        int p = Math.toIntExact(node);
        if (buf.get(p) == 'S' && buf.get(p + 1) == 'N' && buf.get(p + 2) == 'O' && buf.get(p + 3) == 'D') {
            int symbols = buf.getShort(p + 6) & 0xffff;
            int entry = p + 8;
            for (int i = 0; i < symbols; i++) {
                long nameOffset = offset(entry);
                long header = offset(entry + offsetSize);
                out.put(cString(Math.toIntExact(heapData + nameOffset), Integer.MAX_VALUE), header);
                entry += 2 * offsetSize + 24;
            }
            return;
        }
        if (buf.get(p) != 'T' || buf.get(p + 1) != 'R' || buf.get(p + 2) != 'E' || buf.get(p + 3) != 'E') {
            throw fail("has a group B-tree node without its TREE signature at " + node);
        }
        int entries = buf.getShort(p + 6) & 0xffff;
        int q = p + 8 + 2 * offsetSize + lengthSize;
        for (int i = 0; i < entries; i++) {
            symbolTable(offset(q), heapData, out);
            q += offsetSize + lengthSize;
        }
    }

    private void link(int p, Map<String, Long> out) {
        int flags = buf.get(p + 1) & 0xff;
        int q = p + 2;
        int type = 0;
        if ((flags & 0x08) != 0) {
            type = buf.get(q) & 0xff;
            q++;
        }
        if ((flags & 0x04) != 0) {
            q += 8;
        }
        if ((flags & 0x10) != 0) {
            q++;
        }
        int lengthBytes = 1 << (flags & 0x03);
        int nameLength = (int) unsigned(q, lengthBytes);
        q += lengthBytes;
        String name = cString(q, nameLength);
        q += nameLength;
        if (type == 0) {
            out.put(name, offset(q));
        }
    }

    private @Nullable List<String> attribute(int p, String wanted) {
        int version = buf.get(p) & 0xff;
        int nameSize = buf.getShort(p + 2) & 0xffff;
        int typeSize = buf.getShort(p + 4) & 0xffff;
        int spaceSize = buf.getShort(p + 6) & 0xffff;
        int q = p + 8 + (version == 3 ? 1 : 0);
        String name = cString(q, nameSize);
        if (!name.equals(wanted)) {
            return null;
        }
        q += version == 1 ? pad8(nameSize) : nameSize;
        int typePos = q;
        q += version == 1 ? pad8(typeSize) : typeSize;
        int spacePos = q;
        q += version == 1 ? pad8(spaceSize) : spaceSize;
        long count = 1;
        for (long d : dims(spacePos)) {
            count *= d;
        }
        int cls = buf.get(typePos) & 0x0f;
        int size = buf.getInt(typePos + 4);
        List<String> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (cls == 3) {
                out.add(cString(q, size));
                q += size;
            } else if (cls == 9 && (buf.get(typePos + 1) & 0x0f) == 1) {
                int length = buf.getInt(q);
                long collection = offset(q + 4);
                int index = buf.getInt(q + 4 + offsetSize);
                out.add(globalHeapObject(collection, index, length));
                q += 4 + offsetSize + 4;
            } else {
                throw fail("has the attribute " + wanted + " with HDF5 datatype class " + cls
                        + "; expected strings");
            }
        }
        return out;
    }

    private List<Long> dims(int p) {
        int version = buf.get(p) & 0xff;
        int rank = buf.get(p + 1) & 0xff;
        int q = p + (version == 1 ? 8 : 4);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            out.add(unsigned(q, lengthSize));
            q += lengthSize;
        }
        return out;
    }

    private String globalHeapObject(long collection, int index, int length) {
        int c = Math.toIntExact(collection);
        if (buf.get(c) != 'G' || buf.get(c + 1) != 'C' || buf.get(c + 2) != 'O' || buf.get(c + 3) != 'L') {
            throw fail("has a variable-length string that points to a missing global heap at " + collection);
        }
        long size = unsigned(c + 8, lengthSize);
        int p = c + 8 + lengthSize;
        int end = (int) (c + size);
        while (p + 8 + lengthSize <= end) {
            int objectIndex = buf.getShort(p) & 0xffff;
            long objectSize = unsigned(p + 8, lengthSize);
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
        while (n < max && p + n < buf.limit() && buf.get(p + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        buf.get(p, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private long offset(int p) {
        return unsigned(p, offsetSize);
    }

    private long undefined() {
        return offsetSize == 8 ? -1L : (1L << (8 * offsetSize)) - 1;
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

    InvalidFileException fail(String problem) {
        return new InvalidFileException(source, "", String.format(Locale.ROOT, "%s.", problem));
    }
}
