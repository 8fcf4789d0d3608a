package io.scission.tf.zoo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only reader of the original Scission tool's {@code .dat} benchmark pickles (protocol 3): exactly the
 * opcodes listed in {@code shared/notes/original-scission.md} §2.3. Returns, per model key, its
 * {@code LayerBenchmark} records in order.
 */
final class DatPickle {

    /** One pickled {@code LayerBenchmark}. */
    record Record(String model, int inputLayer, int outputLayer, double secondPrediction, long outputSize) {
    }

    private record Global(String module, String name) {
    }

    private static final class Obj {
        final Map<Object, Object> state = new LinkedHashMap<>();
    }

    private static final Object MARK = new Object();

    private DatPickle() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<Record>> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        Deque<Object> stack = new ArrayDeque<>();
        Map<Integer, Object> memo = new HashMap<>();
        while (true) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80: // PROTO
                    in.get();
                    break;
                case '}': // EMPTY_DICT
                    stack.push(new LinkedHashMap<Object, Object>());
                    break;
                case ']': // EMPTY_LIST
                    stack.push(new ArrayList<Object>());
                    break;
                case ')': // EMPTY_TUPLE
                    stack.push(List.of());
                    break;
                case 'q': // BINPUT
                    memo.put(in.get() & 0xff, stack.peek());
                    break;
                case 'r': // LONG_BINPUT
                    memo.put(in.getInt(), stack.peek());
                    break;
                case 'h': // BINGET
                    stack.push(memo.get(in.get() & 0xff));
                    break;
                case 'j': // LONG_BINGET
                    stack.push(memo.get(in.getInt()));
                    break;
                case '(': // MARK
                    stack.push(MARK);
                    break;
                case 'X': { // BINUNICODE
                    byte[] b = new byte[in.getInt()];
                    in.get(b);
                    stack.push(new String(b, StandardCharsets.UTF_8));
                    break;
                }
                case 'c': // GLOBAL
                    stack.push(new Global(line(in), line(in)));
                    break;
                case 0x81: { // NEWOBJ
                    stack.pop();
                    stack.pop();
                    stack.push(new Obj());
                    break;
                }
                case 'K': // BININT1
                    stack.push((long) (in.get() & 0xff));
                    break;
                case 'M': // BININT2
                    stack.push((long) (in.getShort() & 0xffff));
                    break;
                case 'J': // BININT
                    stack.push((long) in.getInt());
                    break;
                case 'G': // BINFLOAT (big-endian)
                    stack.push(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));
                    break;
                case 'u': { // SETITEMS
                    List<Object> items = popToMark(stack);
                    Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                    for (int i = 0; i < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                    break;
                }
                case 'e': { // APPENDS
                    List<Object> items = popToMark(stack);
                    ((List<Object>) stack.peek()).addAll(items);
                    break;
                }
                case 'b': { // BUILD
                    Map<Object, Object> state = (Map<Object, Object>) stack.pop();
                    ((Obj) stack.peek()).state.putAll(state);
                    break;
                }
                case '.': { // STOP
                    Map<Object, Object> top = (Map<Object, Object>) stack.pop();
                    Map<String, List<Record>> out = new LinkedHashMap<>();
                    for (Map.Entry<Object, Object> e : top.entrySet()) {
                        List<Record> records = new ArrayList<>();
                        for (Object o : (List<Object>) e.getValue()) {
                            Map<Object, Object> s = ((Obj) o).state;
                            records.add(new Record((String) s.get("model"), ((Long) s.get("input_layer")).intValue(),
                                    ((Long) s.get("output_layer")).intValue(), (Double) s.get("second_prediction"),
                                    (Long) s.get("output_size")));
                        }
                        out.put((String) e.getKey(), records);
                    }
                    return out;
                }
                default:
                    throw new IOException(String.format("%s: unexpected pickle opcode 0x%02x at byte %d", file, op,
                            in.position() - 1));
            }
        }
    }

    private static List<Object> popToMark(Deque<Object> stack) {
        List<Object> items = new ArrayList<>();
        while (stack.peek() != MARK) {
            items.add(0, stack.pop());
        }
        stack.pop();
        return items;
    }

    private static String line(ByteBuffer in) {
        StringBuilder b = new StringBuilder();
        for (byte c = in.get(); c != '\n'; c = in.get()) {
            b.append((char) c);
        }
        return b.toString();
    }
}
