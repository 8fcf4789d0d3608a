package io.scission.original;

import io.scission.InvalidFileException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Python pickles that the original tool's {@code scission_benchmark.py} writes: a
 * {@code dict[str, list[__main__.LayerBenchmark]]}, pickled with protocol 3 (the sample files) or 4 (the default of
 * Python 3.8 and later). It is a reader of exactly the opcodes such a file can hold, not a general unpickler:
 * containers, strings, numbers, {@code None}/{@code True}/{@code False}, the memo, and objects of a named class,
 * which are built as a {@link PyObject} (a class name and its fields) and never as a Java class, so reading a file
 * runs no code. Any other opcode is an error naming its byte offset.
 *
 * <p>Values come out as Python's types map naturally: {@code int} as {@link Long} (or {@link BigInteger} beyond
 * 64 bits), {@code float} as {@link Double}, {@code str} as {@link String}, {@code list} and {@code tuple} as
 * {@link List}, {@code dict} as an insertion-ordered {@link Map}, {@code None} as {@link #NONE}.
 */
final class BenchmarkPickle {

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /**
     * An object of a pickled class: its class name ({@code module.name}, e.g. {@code __main__.LayerBenchmark}) and
     * its {@code __dict__}, set by the pickle's BUILD.
     */
    static final class PyObject {

        private final String className;
        /** The fields; the BUILD state dict itself while {@link PyDict#owner} is this object (see BUILD). */
        private Map<String, Object> fields;

        PyObject(String className, Map<String, Object> fields) {
            this.className = className;
            this.fields = fields;
        }

        String className() {
            return className;
        }

        Map<String, Object> fields() {
            return fields;
        }
    }

    /**
     * A pickled dict: an insertion-ordered map, as Python's.
     *
     * <p>BUILD sets an object's fields to a copy of its state dict, as Python does; for the usual state (a new
     * object's fields set once, from a dict nothing changes afterwards: every record of a benchmark file) the copy is
     * deferred: the object takes the dict itself and becomes its {@link #owner}, and the copy is made only if the
     * dict is changed later or given to another object.
     *
     * <p>Start-up: the tool reads five files of 546 records each in a JVM that has just started, where the JDK's
     * {@code HashMap} runs in the interpreter for tens of milliseconds before the compiler reaches it. So the entries
     * are kept in arrays, found by comparing cached hash codes (a record has seven fields), with a hash index only for
     * a dict of more than {@value #SCAN} keys; and BUILD's deferred copy spares 2,730 maps and 19,110 insertions.
     */
    private static final class PyDict extends AbstractMap<Object, Object> {

        /** Up to this many keys a lookup scans the hash codes; beyond, it uses {@link #index}. */
        private static final int SCAN = 16;

        private Object[] keys = new Object[8];
        private Object[] values = new Object[8];
        private int[] hashes = new int[8];
        private int size;
        private @Nullable Map<Object, Integer> index;
        /** The object whose fields this dict is, or null. */
        private @Nullable PyObject owner;

        /** Gives the owner a copy of its own before this dict changes. */
        void release() {
            if (owner != null) {
                PyDict copy = new PyDict();
                copy.putAll(this);
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) (Map<?, ?>) copy;
                owner.fields = fields;
                owner = null;
            }
        }

        private int find(@Nullable Object key) {
            int h = key == null ? 0 : key.hashCode();
            if (index != null) {
                Integer at = index.get(key);
                return at == null ? -1 : at;
            }
            for (int i = 0; i < size; i++) {
                if (hashes[i] == h && java.util.Objects.equals(keys[i], key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public @Nullable Object get(@Nullable Object key) {
            int at = find(key);
            return at < 0 ? null : values[at];
        }

        @Override
        public boolean containsKey(@Nullable Object key) {
            return find(key) >= 0;
        }

        @Override
        public @Nullable Object put(Object key, Object value) {
            int at = find(key);
            if (at >= 0) {
                Object old = values[at];
                values[at] = value;
                return old;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            hashes[size] = key == null ? 0 : key.hashCode();
            if (index != null) {
                index.put(key, size);
            } else if (size == SCAN) {
                index = new HashMap<>();
                for (int i = 0; i <= size; i++) {
                    index.put(keys[i], i);
                }
            }
            size++;
            return null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<Object, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<Object, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int at = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[at], values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }

    /** A class named by GLOBAL or STACK_GLOBAL, before NEWOBJ instantiates it. */
    private record PyClass(String name) {
    }

    private static final Object MARK = new Object();

    private final String file;
    private final byte[] in;
    private int position;
    private Object[] stack = new Object[64];
    private int size;
    /**
     * The memo, indexed by key: Python writes keys 0, 1, 2... so an array serves; a key beyond the file's length
     * (no file Python writes has one) goes to {@link #sparseMemo}.
     */
    private Object[] memo = new Object[256];
    private final Map<Long, Object> sparseMemo = new HashMap<>();
    private int memoSize;

    private BenchmarkPickle(String file, byte[] bytes) {
        this.file = file;
        this.in = bytes;
    }

    /**
     * Reads a pickle.
     *
     * @param file the file's name, for messages
     * @param bytes its content
     * @return the pickled value
     * @throws InvalidFileException naming the file and the byte offset if the content is not such a pickle
     */
    static Object read(String file, byte[] bytes) {
        return new BenchmarkPickle(file, bytes).run();
    }

    /*
     * Start-up: the tool reads five of these files (2,730 records, 57,940 opcodes in the sample files) in a JVM that has just
     * started, so the reader is written for the interpreter and the client compiler: one opcode per call of step
     * (a method called that often is compiled at once, where a loop inside one call would wait for on-stack
     * replacement), bytes read from the array without a ByteBuffer's layers of calls, and an array for the memo.
     */
    private Object run() {
        Object result;
        do {
            result = step();
        } while (result == null);
        return result;
    }

    /** Runs one opcode; returns the pickled value at STOP, null otherwise. */
    private @Nullable Object step() {
        int at = position;
        int op = u1();
        switch (op) {
            case 0x80 -> { // PROTO
                int protocol = u1();
                if (protocol < 2 || protocol > 5) {
                    throw bad(at, String.format(Locale.ROOT, "pickle protocol %d is not one Python 3 writes",
                            protocol));
                }
            }
            case 0x95 -> frame(at); // FRAME (protocol 4): a length, then the frame
            case '}' -> push(new PyDict()); // EMPTY_DICT
            case ']' -> push(new ArrayList<Object>()); // EMPTY_LIST
            case ')' -> push(List.of()); // EMPTY_TUPLE
            case '(' -> push(MARK); // MARK
            case 'N' -> push(NONE); // NONE
            case 0x88 -> push(Boolean.TRUE); // NEWTRUE
            case 0x89 -> push(Boolean.FALSE); // NEWFALSE
            case 'q' -> memoize(u1(), peek(at)); // BINPUT
            case 'r' -> memoize(u4(), peek(at)); // LONG_BINPUT
            case 0x94 -> memoize(memoSize, peek(at)); // MEMOIZE (protocol 4)
            case 'h' -> push(recall(at, u1())); // BINGET
            case 'j' -> push(recall(at, u4())); // LONG_BINGET
            case 'X' -> push(utf8(at, u4())); // BINUNICODE
            case 0x8c -> push(utf8(at, u1())); // SHORT_BINUNICODE (protocol 4)
            case 'K' -> push((long) u1()); // BININT1
            case 'M' -> push((long) u2()); // BININT2
            case 'J' -> push((long) s4()); // BININT
            case 0x8a -> push(long1()); // LONG1
            case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(s8()))); // BINFLOAT, big-endian
            case 'c' -> push(new PyClass(line(at) + "." + line(at))); // GLOBAL: module and name lines
            case 0x93 -> { // STACK_GLOBAL (protocol 4): module and name strings on the stack
                Object name = pop(at);
                Object module = pop(at);
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw bad(at, "a class is named by " + describe(module) + " and " + describe(name));
                }
                push(new PyClass(m + "." + n));
            }
            case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                Object args = pop(at);
                Object cls = pop(at);
                if (!(cls instanceof PyClass c) || !(args instanceof List<?> a) || !a.isEmpty()) {
                    throw bad(at, "an object is created from " + describe(cls) + " with arguments");
                }
                push(new PyObject(c.name(), new LinkedHashMap<>()));
            }
            case 'b' -> { // BUILD: obj.__dict__.update(state)
                Object state = pop(at);
                if (!(peek(at) instanceof PyObject o) || !(state instanceof Map<?, ?> fields)) {
                    throw bad(at, "the state " + describe(state) + " is set on " + describe(peek(at)));
                }
                for (Object key : fields.keySet()) {
                    if (!(key instanceof String)) {
                        throw bad(at, "a field of " + o.className() + " is named by " + describe(key));
                    }
                }
                if (o.fields.isEmpty() && state instanceof PyDict dict && dict.owner == null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> adopted = (Map<String, Object>) (Map<?, ?>) dict;
                    o.fields = adopted;
                    dict.owner = o;
                } else {
                    Object own = o.fields;
                    if (own instanceof PyDict d && d.owner == o) {
                        d.release(); // the object's fields change: they must no longer be its state dict
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> update = (Map<String, Object>) fields;
                    o.fields.putAll(update);
                }
            }
            case 'a' -> { // APPEND
                Object item = pop(at);
                list(at).add(item);
            }
            case 'e' -> { // APPENDS
                int mark = mark(at);
                List<Object> list = list(at, mark);
                for (int i = mark + 1; i < size; i++) {
                    list.add(stack[i]);
                }
                truncate(mark);
            }
            case 's' -> { // SETITEM
                Object value = pop(at);
                Object key = pop(at);
                Map<Object, Object> dict = dict(at);
                ((PyDict) dict).release();
                dict.put(key, value);
            }
            case 'u' -> { // SETITEMS
                int mark = mark(at);
                if ((size - mark - 1) % 2 != 0) {
                    throw bad(at, "SETITEMS has a key without a value");
                }
                Map<Object, Object> dict = dict(at, mark);
                ((PyDict) dict).release();
                for (int i = mark + 1; i < size; i += 2) {
                    dict.put(stack[i], stack[i + 1]);
                }
                truncate(mark);
            }
            case '.' -> { // STOP
                Object result = pop(at);
                if (size != 0) {
                    throw bad(at, "the pickle stops with values left on its stack");
                }
                return result;
            }
            default -> throw bad(at, String.format(Locale.ROOT, "opcode 0x%02x is not one a benchmark file "
                    + "holds", op));
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ bytes

    private int u1() {
        if (position >= in.length) {
            throw bad(position, "the file ends before the pickle's STOP");
        }
        return in[position++] & 0xff;
    }

    private int u2() {
        need(2);
        int value = (in[position] & 0xff) | (in[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    private int s4() {
        need(4);
        int value = (in[position] & 0xff) | (in[position + 1] & 0xff) << 8 | (in[position + 2] & 0xff) << 16
                | in[position + 3] << 24;
        position += 4;
        return value;
    }

    private long u4() {
        return s4() & 0xffffffffL;
    }

    /** Eight bytes, little-endian. */
    private long s8() {
        need(8);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (in[position + i] & 0xff);
        }
        position += 8;
        return value;
    }

    private void need(int bytes) {
        if (in.length - position < bytes) {
            throw bad(position, "the file ends before the pickle's STOP");
        }
    }

    /** A protocol 4 frame only announces how many bytes follow; they are read as usual. */
    private void frame(int at) {
        long length = s8();
        if (length < 0 || length > in.length - position) {
            throw bad(at, "a frame of " + length + " bytes is longer than the rest of the file");
        }
    }

    private String utf8(int at, long length) {
        if (length > in.length - position) {
            throw bad(at, "a string of " + length + " bytes is longer than the rest of the file");
        }
        int start = position;
        position += (int) length;
        boolean ascii = true;
        for (int i = start; i < position && ascii; i++) {
            ascii = in[i] >= 0;
        }
        if (ascii) {
            return new String(in, start, (int) length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in, start, (int) length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(at, "a string is not valid UTF-8");
        }
    }

    private Object long1() {
        int n = u1();
        need(n);
        byte[] little = Arrays.copyOfRange(in, position, position + n);
        position += n;
        byte[] big = new byte[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            big[n - 1 - i] = little[i];
        }
        BigInteger value = n == 0 ? BigInteger.ZERO : new BigInteger(big);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private String line(int at) {
        StringBuilder b = new StringBuilder();
        for (int c = u1(); c != '\n'; c = u1()) {
            if (c >= 0x80) {
                throw bad(at, "a class name is not ASCII");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ stack

    private void push(Object value) {
        if (size == stack.length) {
            stack = Arrays.copyOf(stack, size * 2);
        }
        stack[size++] = value;
    }

    private Object pop(int at) {
        Object value = peek(at);
        stack[--size] = null;
        return value;
    }

    private Object peek(int at) {
        return below(at, size);
    }

    /** The value just below a stack position (the top: {@code below(at, size)}). */
    private Object below(int at, int position) {
        if (position == 0 || stack[position - 1] == MARK) {
            throw bad(at, "an opcode needs a value the stack does not have");
        }
        return stack[position - 1];
    }

    private void memoize(long key, Object value) {
        if (key >= in.length) {
            if (sparseMemo.put(key, value) == null) {
                memoSize++;
            }
            return;
        }
        int k = (int) key;
        if (k >= memo.length) {
            memo = Arrays.copyOf(memo, Math.max(k + 1, memo.length * 2));
        }
        if (memo[k] == null) {
            memoSize++;
        }
        memo[k] = value;
    }

    private Object recall(int at, long key) {
        Object value = key < memo.length ? memo[(int) key] : key >= in.length ? sparseMemo.get(key) : null;
        if (value == null) {
            throw bad(at, "memo entry " + key + " is read before it is written");
        }
        return value;
    }

    /** The position of the topmost MARK. */
    private int mark(int at) {
        for (int i = size - 1; i >= 0; i--) {
            if (stack[i] == MARK) {
                return i;
            }
        }
        throw bad(at, "an opcode needs a MARK the stack does not have");
    }

    /** Drops the stack from a position up. */
    private void truncate(int position) {
        Arrays.fill(stack, position, size, null);
        size = position;
    }

    private List<Object> list(int at) {
        return list(at, size);
    }

    /** The list just below a stack position (APPENDS: below its MARK). */
    @SuppressWarnings("unchecked")
    private List<Object> list(int at, int position) {
        Object top = below(at, position);
        if (!(top instanceof ArrayList<?>)) {
            throw bad(at, "items are appended to " + describe(top) + ", not a list");
        }
        return (List<Object>) top;
    }

    private Map<Object, Object> dict(int at) {
        return dict(at, size);
    }

    /** The dict just below a stack position (SETITEMS: below its MARK). */
    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(int at, int position) {
        Object top = below(at, position);
        if (!(top instanceof PyDict)) {
            throw bad(at, "items are set on " + describe(top) + ", not a dict");
        }
        return (Map<Object, Object>) top;
    }

    private InvalidFileException bad(int at, String why) {
        return new InvalidFileException(file, "", String.format(Locale.ROOT, "is not a readable benchmark file of "
                + "the original Scission tool (a Python pickle): %s (byte %d).%nMaybe the file is damaged or is "
                + "not a .dat file written by scission_benchmark.py.", why, at));
    }

    /**
     * Returns a value's Python type name with an article, for messages: {@code an int}, {@code a str},
     * {@code None}.
     *
     * @param value a value this reader produced
     * @return the phrase
     */
    static String describe(Object value) {
        String name = typeName(value);
        return value == NONE ? name : ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /**
     * Returns a value's Python type name, as the user of the original tool knows it.
     *
     * @param value a value this reader produced
     * @return e.g. {@code int}, {@code str}, {@code __main__.LayerBenchmark}
     */
    static String typeName(Object value) {
        if (value == NONE) {
            return "None";
        }
        if (value instanceof PyObject o) {
            return o.className();
        }
        if (value instanceof PyClass c) {
            return "class " + c.name();
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof ArrayList<?>) {
            return "list";
        }
        if (value instanceof List<?>) {
            return "tuple";
        }
        if (value instanceof Map<?, ?>) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }
}
