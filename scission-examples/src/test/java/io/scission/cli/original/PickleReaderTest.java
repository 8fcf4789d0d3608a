package io.scission.cli.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.cli.TestData;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;
import net.razorvine.pickle.objects.ClassDictConstructor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PickleReader} reads what Pyrolite, a full implementation of Python's pickle machine, reads: every value
 * of every sample benchmark file of the original tool, and small pickles of each supported opcode written by
 * CPython 3.11 ({@code pickle.dumps(value, protocol)}); it rejects what could run code.
 */
class PickleReaderTest {

    static {
        Unpickler.registerConstructor("__main__", "LayerBenchmark", new ClassDictConstructor("__main__",
                "LayerBenchmark"));
    }

    static Stream<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(TestData.originalData())) {
            return files.filter(p -> p.toString().endsWith(".dat")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void should_read_what_pyrolite_reads_when_reading_a_sample_benchmark_file(Path file) throws IOException {
        // GIVEN
        byte[] bytes = Files.readAllBytes(file);

        // WHEN
        Object ours = PickleReader.read(bytes);
        Object theirs = new Unpickler().loads(bytes);

        // THEN the same dict of 18 models, records field by field, in the file's order
        assertThat(plain(ours)).isEqualTo(plain(theirs));
        assertThat(((Map<?, ?>) ours).keySet()).hasSize(18).first().isEqualTo("vgg19");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // pickle.dumps({'a': [1, -2, 70000, 2**40, 2**70, 1.5, None, True, False, 'é', (), (1,), (1, 2), (1, 2, 3),
        //               (1, 2, 3, 4)]}, protocol=2), CPython 3.11
        "protocol 2, 80027d710058010000006171015d7102284b014afeffffff4a701101008a060000000000018a09000000000000000040"
            + "473ff80000000000004e88895802000000c3a97103294b018571044b014b028671054b014b024b03877106284b014b024b034b"
            + "0474710765732e",
        // the same with protocol=4: FRAME, SHORT_BINUNICODE, MEMOIZE
        "protocol 4, 8004955a000000000000007d948c0161945d94284b014afeffffff4a701101008a060000000000018a090000000000"
            + "00000040473ff80000000000004e88898c02c3a994294b0185944b014b0286944b014b024b038794284b014b024b034b047494"
            + "65732e"})
    void should_read_what_pyrolite_reads_when_given_each_supported_opcode(String protocol, String hex)
            throws IOException {
        // GIVEN
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));

        // WHEN
        Object ours = PickleReader.read(bytes);

        // THEN
        assertThat(plain(ours)).as(protocol).isEqualTo(plain(new Unpickler().loads(bytes)));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) ((Map<?, ?>) ours).get("a");
        assertThat(list.subList(0, 9)).containsExactly(1L, -2L, 70000L, 1L << 40,
                BigInteger.TWO.pow(70), 1.5, null, true, false);
        assertThat(list.get(9)).isEqualTo("é");
    }

    @Test
    void should_reject_the_pickle_when_it_would_call_a_function() {
        // GIVEN pickle.dumps(E(), protocol=3) of a class whose __reduce__ returns (os.system, ('echo hi',))
        byte[] reduce = HexFormat.of().parseHex("800363706f7369780a73797374656d0a710058070000006563686f2068697101"
                + "8571025271032e");

        // WHEN / THEN nothing is called: the REDUCE opcode is refused
        assertThatThrownBy(() -> PickleReader.read(reduce)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("opcode 0x52 ('R') is not one of the data opcodes this reader supports (byte 35)");
    }

    @Test
    void should_say_where_when_the_pickle_is_cut_or_refers_to_nothing() {
        // GIVEN a dict pickle cut after its first string, and one that recalls memo entry 5
        byte[] cut = HexFormat.of().parseHex("80037d710058010000");
        byte[] recall = HexFormat.of().parseHex("800368052e");

        // WHEN / THEN
        assertThatThrownBy(() -> PickleReader.read(cut)).hasMessage("it ends in the middle of a value (byte 9)");
        assertThatThrownBy(() -> PickleReader.read(recall))
                .hasMessage("it refers to memo entry 5, which was never stored (byte 2)");
        assertThat(PickleReader.typeName(5L)).isEqualTo("int");
        assertThat(PickleReader.typeName(List.of())).isEqualTo("tuple");
        assertThat(PickleReader.typeName(new ArrayList<>())).isEqualTo("list");
    }

    /** Maps both readers' values to the same plain Java values: objects become their class name and fields. */
    private static Object plain(Object v) {
        if (v instanceof PickleReader.Instance i) {
            Map<Object, Object> fields = new LinkedHashMap<>();
            fields.put("__class__", i.className());
            i.fields().forEach((k, x) -> fields.put(k, plain(x)));
            return fields;
        }
        if (v instanceof ClassDict d) {
            Map<Object, Object> fields = new LinkedHashMap<>();
            fields.put("__class__", d.getClassName());
            d.forEach((k, x) -> {
                if (!"__class__".equals(k)) {
                    fields.put(k, plain(x));
                }
            });
            return fields;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(plain(k), plain(x)));
            return copy;
        }
        if (v instanceof Object[] array) {
            return plain(List.of(array));
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(x -> copy.add(plain(x)));
            return copy;
        }
        if (v instanceof Integer n) {
            return n.longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return v == null ? "None" : v;
    }
}
