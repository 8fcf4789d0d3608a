package io.scission.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.InvalidFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0; see
 * <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>): the
 * numeric types of {@link ElementType}, any shape, C order. Big-endian files are read and converted to
 * little-endian (the values are unchanged); Fortran-order, structured and object arrays are refused.
 * Files are written as NumPy 2 writes them: version 1.0 (2.0 when the header needs more than 65535 bytes), the
 * header padded with spaces to a multiple of 64 bytes, little-endian data.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_DIGITS = 21;

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param file the file
     * @return the tensor
     * @throws InvalidFileException naming the file if it is missing, truncated, or not an array we read
     */
    public static HostTensor read(Path file) {
        requireNonNull(file, "file");
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidFileException(name, "", "this is a directory, not a .npy file.\nMaybe name a file in "
                    + "it.");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(name, "", "the file does not exist.\nMaybe check the path.");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot be read (" + e.getMessage() + ").", e);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidFileException(name, "", String.format(Locale.ROOT, "the file (%d bytes) is larger "
                    + "than the 2 GiB a tensor may hold here.", size));
        }
        try {
            return parse(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Parses the bytes of a {@code .npy} file.
     *
     * @param name the file's name for messages
     * @param bytes the content
     * @return the tensor
     * @throws InvalidFileException naming the file if the content is truncated or not an array we read
     */
    public static HostTensor parse(String name, byte[] bytes) {
        requireNonNull(name, "name");
        requireNonNull(bytes, "bytes");
        if (bytes.length < MAGIC.length + 2 || !startsWithMagic(bytes)) {
            throw new InvalidFileException(name, "", "is not a NumPy .npy file (it does not start with \\x93NUMPY)."
                    + "\nMaybe save the array with numpy.save.");
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new InvalidFileException(name, "", String.format(Locale.ROOT, "the .npy format version %d.%d is "
                    + "not one of 1.0, 2.0, 3.0.%nMaybe save the array with numpy.save.", major, minor));
        }
        int lenBytes = major == 1 ? 2 : 4;
        if (bytes.length < 8 + lenBytes) {
            throw truncated(name, bytes.length, "the header length");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8) & 0xffffffffL;
        long dataStart = 8 + lenBytes + headerLen;
        if (dataStart > bytes.length) {
            throw truncated(name, bytes.length, String.format(Locale.ROOT, "the %d-byte header", headerLen));
        }
        String header = new String(bytes, 8 + lenBytes, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(name, header);
        long n;
        try {
            n = HostTensor.elements(h.shape());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidFileException(name, "", "the header's shape " + h.shapeText() + " is not a valid array "
                    + "shape.");
        }
        long expected = n * h.type().bytes();
        long actual = bytes.length - dataStart;
        if (actual < expected) {
            throw new InvalidFileException(name, "", String.format(Locale.ROOT, "the file is truncated: its header "
                    + "promises %s %s, %d bytes of data, but only %d bytes follow the header.%nMaybe copy or "
                    + "write the file again.", h.type(), h.shapeText(), expected, actual));
        }
        if (actual > expected) {
            throw new InvalidFileException(name, "", String.format(Locale.ROOT, "the file has %d bytes after the "
                    + "%d bytes of data its header promises (%s %s).%nMaybe it holds several arrays (np.savez?); "
                    + "save one array with numpy.save.", actual - expected, expected, h.type(), h.shapeText()));
        }
        byte[] data = new byte[(int) expected];
        System.arraycopy(bytes, (int) dataStart, data, 0, data.length);
        if (h.bigEndian() && h.type().bytes() > 1) {
            swap(data, h.type());
        }
        return HostTensor.wrap(h.type(), h.shape(), data);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static InvalidFileException truncated(String name, int length, String what) {
        return new InvalidFileException(name, "", String.format(Locale.ROOT, "the file is truncated: its %d bytes "
                + "end inside %s.%nMaybe copy or write the file again.", length, what));
    }

    private static void swap(byte[] data, ElementType type) {
        int w = type.bytes();
        int lanes = type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128 ? 2 : 1;
        int part = w / lanes;
        for (int i = 0; i < data.length; i += part) {
            for (int a = i, z = i + part - 1; a < z; a++, z--) {
                byte t = data[a];
                data[a] = data[z];
                data[z] = t;
            }
        }
    }

    /**
     * Returns the bytes of a {@code .npy} file holding the tensor.
     *
     * @param tensor the tensor
     * @return the file content
     */
    public static byte[] toBytes(HostTensor tensor) {
        requireNonNull(tensor, "tensor");
        StringBuilder shape = new StringBuilder("(");
        List<Long> dims = tensor.shape();
        for (int i = 0; i < dims.size(); i++) {
            shape.append(i == 0 ? "" : ", ").append(dims.get(i));
        }
        shape.append(dims.size() == 1 ? ",)" : ")");
        String dict = "{'descr': '" + tensor.type().descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // like numpy: spare spaces so the first dimension can grow in place, then padding to a 64-byte boundary
        if (!dims.isEmpty()) {
            dict += " ".repeat(Math.max(0, GROWTH_DIGITS - Long.toString(dims.get(0)).length()));
        }
        int major = 1;
        int prefix = 10;
        int padLen = ALIGN - (prefix + dict.length() + 1) % ALIGN;
        if (dict.length() + 1 + padLen > 0xffff) {
            major = 2;
            prefix = 12;
            padLen = ALIGN - (prefix + dict.length() + 1) % ALIGN;
        }
        String header = dict + " ".repeat(padLen) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = tensor.array();
        ByteBuffer out = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) h.length);
        } else {
            out.putInt(h.length);
        }
        out.put(h).put(data);
        return out.array();
    }

    /**
     * Writes a tensor to a {@code .npy} file, through a temporary file in the same directory that is then renamed,
     * so that a reader never sees a half-written file.
     *
     * @param file the file
     * @param tensor the tensor
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, HostTensor tensor) {
        requireNonNull(file, "file");
        byte[] bytes = toBytes(tensor);
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "%s: cannot be written (%s).%nMaybe check "
                    + "the directory's permissions and free space.", file, e), e);
        }
    }

    /** The parsed header dictionary. */
    private record Header(ElementType type, boolean bigEndian, long[] shape, String shapeText) {

        static Header parse(String name, String text) {
            Map<String, Object> dict;
            try {
                dict = new DictParser(text).dict();
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(name, "", "the .npy header (" + text.strip() + ") cannot be read: "
                        + e.getMessage() + ".\nMaybe save the array with numpy.save.");
            }
            if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
                throw new InvalidFileException(name, "", "the .npy header has the keys " + dict.keySet() + ", not "
                        + "descr, fortran_order and shape.\nMaybe save the array with numpy.save.");
            }
            if (!(dict.get("descr") instanceof String descr)) {
                throw new InvalidFileException(name, "", "the array's dtype (" + dict.get("descr") + ") is a "
                        + "structured type, which is not supported.\nMaybe save a plain numeric array.");
            }
            if (!Boolean.FALSE.equals(dict.get("fortran_order"))) {
                throw new InvalidFileException(name, "", "the array is stored in Fortran order, which is not "
                        + "supported.\nMaybe save np.ascontiguousarray(x) instead.");
            }
            if (!(dict.get("shape") instanceof List<?> dims)) {
                throw new InvalidFileException(name, "", "the header's shape (" + dict.get("shape") + ") is not a "
                        + "tuple.");
            }
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (Long) dims.get(i);
            }
            Optional<ElementType> type = Optional.empty();
            boolean big = false;
            if (descr.length() >= 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
                big = descr.charAt(0) == '>';
                try {
                    type = ElementType.of(descr.charAt(1), Integer.parseInt(descr.substring(2)));
                } catch (NumberFormatException e) {
                    type = Optional.empty();
                }
            }
            if (type.isEmpty()) {
                throw new InvalidFileException(name, "", "the array's dtype (" + descr + ") is not one of the "
                        + "supported numeric types (float16/32/64, int8-64, uint8-64, bool, complex64/128).\nMaybe "
                        + "convert it, e.g. x.astype(np.float32).");
            }
            return new Header(type.get(), big, shape, dims.toString().replace('[', '(').replace(']', ')'));
        }
    }

    /** A parser for the Python literal subset that .npy headers use: a dict of str keys, str/bool/int-tuple values. */
    private static final class DictParser {
        private final String s;
        private int i;

        DictParser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skip();
                if (peek() == '}') {
                    i++;
                    break;
                }
                String key = string();
                expect(':');
                if (m.put(key, value()) != null) {
                    throw new IllegalArgumentException("the key '" + key + "' appears twice");
                }
                skip();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("a ',' or '}' is missing at character " + i);
                }
            }
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("text follows the dictionary at character " + i);
            }
            return m;
        }

        private Object value() {
            skip();
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (c == '[') {
                throw new IllegalArgumentException("a structured dtype (a list) is not supported");
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("an unexpected value at character " + i);
        }

        private List<Long> tuple() {
            expect('(');
            List<Long> l = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == ')') {
                    i++;
                    return l;
                }
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == 'L')) {
                    i++;
                }
                String num = s.substring(start, i).replace("L", "");
                if (num.isEmpty()) {
                    throw new IllegalArgumentException("a dimension is not a non-negative integer at character "
                            + start);
                }
                try {
                    l.add(Long.parseLong(num));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the dimension " + num + " is too large");
                }
                skip();
                if (peek() == ',') {
                    i++;
                } else if (peek() != ')') {
                    throw new IllegalArgumentException("a ',' or ')' is missing at character " + i);
                }
            }
        }

        private String string() {
            skip();
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException("a quoted string is expected at character " + i);
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("a string is not closed");
            }
            String r = s.substring(i + 1, end);
            i = end + 1;
            return r;
        }

        private void expect(char c) {
            skip();
            if (peek() != c) {
                throw new IllegalArgumentException("'" + c + "' is expected at character " + i);
            }
            i++;
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("the header ends early");
            }
            return s.charAt(i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
