package io.scission.cli.original;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Python pickles of the original tool's benchmark files: a small pickle machine for the data that
 * CPython's {@code pickle} writes with protocols 2 to 4 for dicts, lists, tuples, strings, numbers, {@code None},
 * booleans and plain class instances ({@code GLOBAL}/{@code STACK_GLOBAL}, {@code NEWOBJ}, {@code BUILD} with the
 * instance's {@code __dict__}). It never imports or calls anything: an instance is only its class's name and its
 * fields, and the opcodes that would call a function ({@code REDUCE}, {@code INST}, {@code OBJ}, extensions,
 * persistent ids) are rejected, as is every opcode not listed below. {@code PickleReaderTest} checks it against
 * Pyrolite, a full implementation of the pickle machine, on every sample file.
 *
 * <p>It replaced Pyrolite in the tool because reading the five sample files took most of a {@code predict} run's
 * time with it: a fresh JVM interprets the code it runs first, and this reader does little more than the file
 * asks for (docs/benchmarks.md, start-up).
 *
 * <p>Values: a dict is a {@link LinkedHashMap} (Python keeps insertion order), a list an {@link ArrayList}, a tuple
 * an unmodifiable {@link List}, a str a {@link String}, an int a {@link Long} (a {@link BigInteger} beyond 64 bits),
 * a float a {@link Double}, a bool a {@link Boolean}, {@code None} null, an object an {@link Instance}.
 */
final class PickleReader {

    /** A pickled object: its class, by name, and the fields its {@code BUILD} gave it. */
    static final class Instance {
        private final String module;
        private final String name;
        private final Map<Object, @Nullable Object> fields = new LinkedHashMap<>();

        Instance(String module, String name) {
            this.module = module;
            this.name = name;
        }

        /** Returns the class as Python writes it, e.g. {@code __main__.LayerBenchmark}. @return the name */
        String className() {
            return module + "." + name;
        }

        /** Returns the object's fields, its {@code __dict__}. @return the fields */
        Map<Object, @Nullable Object> fields() {
            return fields;
        }
    }

    /** A class named by {@code GLOBAL}; only {@code NEWOBJ} may use it. */
    private record Global(String module, String name) {
    }

    /** A memo slot never stored to (None is a value, so null cannot mean that). */
    private static final Object UNSET = new Object();

    private final byte[] data;
    private int at;
    private @Nullable Object[] stack = new Object[64];
    private int size;
    private int[] marks = new int[16];
    private int markCount;
    private @Nullable Object[] memo = new Object[64];
    private int memoCount;

    private PickleReader(byte[] data) {
        this.data = data;
        Arrays.fill(memo, UNSET);
    }

    /**
     * Names a value's type as Python does: {@code int}, {@code float}, {@code str}, {@code dict}, {@code list},
     * {@code tuple}, {@code bool}, {@code None}, or an object's class, e.g. {@code __main__.LayerBenchmark}.
     *
     * @param v a value read by this reader
     * @return the name
     */
    static String typeName(@Nullable Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Instance i) {
            return i.className();
        }
        if (v instanceof Global g) {
            return "the class " + g.module() + "." + g.name();
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof ArrayList<?>) {
            return "list";
        }
        if (v instanceof List<?>) {
            return "tuple";
        }
        return v.getClass().getSimpleName();
    }

    /**
     * Reads a pickle.
     *
     * @param data the file's bytes
     * @return the pickled value
     * @throws IllegalArgumentException saying what is wrong and at which byte, if the bytes are not a pickle this
     *     reader supports
     */
    static @Nullable Object read(byte[] data) {
        PickleReader r = new PickleReader(data);
        try {
            while (r.step()) {
                // each opcode is one call, so that the JIT compiles the machine after a few hundred opcodes
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("it ends in the middle of a value (byte " + data.length + ")");
        }
        if (r.size != 1) {
            throw fail("it leaves " + r.size + " values instead of one");
        }
        return r.stack[0];
    }

    /** Runs one opcode; false after {@code STOP}. */
    private boolean step() {
        int start = at;
        int op = data[at++] & 0xff;
        switch (op) {
            case 0x80: // PROTO
                int protocol = data[at++] & 0xff;
                if (protocol < 2 || protocol > 5) {
                    throw fail(start, "pickle protocol " + protocol + " is not supported (2 to 5 are)");
                }
                return true;
            case 0x95: // FRAME: a length to skip, the data follows inline
                at += 8;
                return true;
            case '.': // STOP
                return false;
            case '}': // EMPTY_DICT
                push(new LinkedHashMap<Object, @Nullable Object>());
                return true;
            case ']': // EMPTY_LIST
                push(new ArrayList<@Nullable Object>());
                return true;
            case ')': // EMPTY_TUPLE
                push(List.of());
                return true;
            case '(': // MARK
                if (markCount == marks.length) {
                    marks = Arrays.copyOf(marks, marks.length * 2);
                }
                marks[markCount++] = size;
                return true;
            case 'N': // NONE
                push(null);
                return true;
            case 0x88: // NEWTRUE
                push(Boolean.TRUE);
                return true;
            case 0x89: // NEWFALSE
                push(Boolean.FALSE);
                return true;
            case 'K': // BININT1
                push((long) (data[at++] & 0xff));
                return true;
            case 'M': // BININT2
                push((long) ((data[at] & 0xff) | (data[at + 1] & 0xff) << 8));
                at += 2;
                return true;
            case 'J': // BININT
                push((long) int32());
                return true;
            case 0x8a: // LONG1: a little-endian two's complement number of n bytes
                push(long1(data[at++] & 0xff));
                return true;
            case 'G': // BINFLOAT: big-endian IEEE 754
                long bits = 0;
                for (int i = 0; i < 8; i++) {
                    bits = bits << 8 | (data[at++] & 0xff);
                }
                push(Double.longBitsToDouble(bits));
                return true;
            case 'X': // BINUNICODE
                push(text(int32()));
                return true;
            case 0x8c: // SHORT_BINUNICODE
                push(text(data[at++] & 0xff));
                return true;
            case 'q': // BINPUT
                memoize(data[at++] & 0xff);
                return true;
            case 'r': // LONG_BINPUT
                memoize(int32());
                return true;
            case 0x94: // MEMOIZE: the next index is the number of entries stored so far
                memoize(memoCount);
                return true;
            case 'h': // BINGET
                push(recall(start, data[at++] & 0xff));
                return true;
            case 'j': // LONG_BINGET
                push(recall(start, int32()));
                return true;
            case 'a': // APPEND
                Object item = pop(start);
                list(start, peek(start)).add(item);
                return true;
            case 'e': { // APPENDS
                int from = popMark(start);
                List<@Nullable Object> list = list(start, below(start, from));
                for (int i = from; i < size; i++) {
                    list.add(stack[i]);
                }
                size = from;
                return true;
            }
            case 's': { // SETITEM
                Object value = pop(start);
                Object key = pop(start);
                dict(start, peek(start)).put(key, value);
                return true;
            }
            case 'u': { // SETITEMS
                int from = popMark(start);
                if ((size - from) % 2 != 0) {
                    throw fail(start, "SETITEMS has a key without a value");
                }
                Map<Object, @Nullable Object> dict = dict(start, below(start, from));
                for (int i = from; i < size; i += 2) {
                    dict.put(stack[i], stack[i + 1]);
                }
                size = from;
                return true;
            }
            case 't': { // TUPLE
                int from = popMark(start);
                tuple(from, size - from);
                return true;
            }
            case 0x85: // TUPLE1
            case 0x86: // TUPLE2
            case 0x87: // TUPLE3
                int n = op - 0x84;
                if (size < n) {
                    throw fail(start, "a tuple of " + n + " needs " + n + " values");
                }
                tuple(size - n, n);
                return true;
            case 'c': { // GLOBAL module\nname\n
                String module = line(start);
                push(new Global(module, line(start)));
                return true;
            }
            case 0x93: { // STACK_GLOBAL
                Object name = pop(start);
                Object module = pop(start);
                if (!(module instanceof String m) || !(name instanceof String c)) {
                    throw fail(start, "STACK_GLOBAL needs a module and a class name");
                }
                push(new Global(m, c));
                return true;
            }
            case 0x81: { // NEWOBJ cls args: the object is created empty, its fields come with BUILD
                pop(start);
                Object type = pop(start);
                if (!(type instanceof Global g)) {
                    throw fail(start, "NEWOBJ on " + typeName(type) + ", not a class");
                }
                push(new Instance(g.module(), g.name()));
                return true;
            }
            case 'b': { // BUILD state
                Object state = pop(start);
                if (!(peek(start) instanceof Instance instance) || !(state instanceof Map<?, ?> fields)) {
                    throw fail(start, "BUILD sets an object's fields from a dict; found " + typeName(state)
                            + " for " + typeName(peek(start)));
                }
                for (Map.Entry<?, ?> f : fields.entrySet()) {
                    instance.fields.put(f.getKey(), f.getValue());
                }
                return true;
            }
            default:
                throw fail(start, String.format(Locale.ROOT, "opcode 0x%02x (%s) is not one of the data opcodes this "
                        + "reader supports", op, op >= 0x20 && op < 0x7f ? "'" + (char) op + "'" : "binary"));
        }
    }

    private void push(@Nullable Object value) {
        if (size == stack.length) {
            stack = Arrays.copyOf(stack, size * 2);
        }
        stack[size++] = value;
    }

    private @Nullable Object pop(int start) {
        if (size == 0 || markCount > 0 && marks[markCount - 1] == size) {
            throw fail(start, "an opcode needs a value that is not there");
        }
        return stack[--size];
    }

    private @Nullable Object peek(int start) {
        if (size == 0) {
            throw fail(start, "an opcode needs a value that is not there");
        }
        return stack[size - 1];
    }

    /** The value just below a mark: the list or dict that APPENDS or SETITEMS fills. */
    private @Nullable Object below(int start, int mark) {
        if (mark == 0) {
            throw fail(start, "an opcode needs a value that is not there");
        }
        return stack[mark - 1];
    }

    private int popMark(int start) {
        if (markCount == 0) {
            throw fail(start, "an opcode needs a MARK that is not there");
        }
        return marks[--markCount];
    }

    private void tuple(int from, int n) {
        List<@Nullable Object> items = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            items.add(stack[i]);
        }
        size = from;
        push(java.util.Collections.unmodifiableList(items));
    }

    private void memoize(int index) {
        if (index < 0) {
            throw fail(at, "a memo index is negative");
        }
        if (index >= memo.length) {
            int old = memo.length;
            memo = Arrays.copyOf(memo, Math.max(index + 1, old * 2));
            Arrays.fill(memo, old, memo.length, UNSET);
        }
        if (memo[index] == UNSET) {
            memoCount++;
        }
        memo[index] = peek(at);
    }

    private @Nullable Object recall(int start, int index) {
        if (index < 0 || index >= memo.length || memo[index] == UNSET) {
            throw fail(start, "it refers to memo entry " + index + ", which was never stored");
        }
        return memo[index];
    }

    @SuppressWarnings("unchecked")
    private List<@Nullable Object> list(int start, @Nullable Object o) {
        if (o instanceof ArrayList<?> list) {
            return (List<@Nullable Object>) list;
        }
        throw fail(start, "it appends to " + typeName(o) + ", not to a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, @Nullable Object> dict(int start, @Nullable Object o) {
        if (o instanceof LinkedHashMap<?, ?> map) {
            return (Map<Object, @Nullable Object>) map;
        }
        throw fail(start, "it sets an item of " + typeName(o) + ", not of a dict");
    }

    private int int32() {
        int v = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
        at += 4;
        return v;
    }

    private Object long1(int n) {
        byte[] bigEndian = new byte[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            bigEndian[n - 1 - i] = data[at + i];
        }
        at += n;
        BigInteger value = n == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private String text(int length) {
        if (length < 0 || at + length > data.length) {
            throw fail(at, "a string of " + length + " bytes runs past the end");
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(data, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw fail(at, "a string is not valid UTF-8");
        }
        at += length;
        return s;
    }

    private String line(int start) {
        int end = at;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        if (end == data.length) {
            throw fail(start, "a class name has no end of line");
        }
        String s = new String(data, at, end - at, StandardCharsets.UTF_8);
        at = end + 1;
        return s;
    }

    private static IllegalArgumentException fail(String problem) {
        return new IllegalArgumentException(problem);
    }

    private IllegalArgumentException fail(int where, String problem) {
        return new IllegalArgumentException(problem + " (byte " + where + ")");
    }
}
