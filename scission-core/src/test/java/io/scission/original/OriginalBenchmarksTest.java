package io.scission.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.scission.InvalidFileException;
import io.scission.model.Block;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginalBenchmarksTest {

    private static final List<String> MODELS = List.of("vgg19", "xception", "resnet50", "resnet101", "resnet152",
            "resnet50v2", "resnet101v2", "resnet152v2", "inception_v3", "inceptionresnet_v2", "mobilenet", "vgg16",
            "mobilenetv2", "densenet121", "densenet169", "densenet201", "nasnetlarge", "nasnetmobile");

    @Test
    void should_read_one_system_per_file_when_reading_the_sample_folder() {
        // GIVEN
        Path folder = OriginalData.folder();

        // WHEN
        OriginalBenchmarks data = OriginalBenchmarks.read(folder);

        // THEN
        assertThat(data.systems()).extracting(OriginalSystem::resource).containsExactly(
                Resource.of("6700k(GPU)", Tier.CLOUD), Resource.of("6700k(NoGPU)", Tier.CLOUD),
                Resource.of("raspi4", Tier.DEVICE), Resource.of("2500", Tier.EDGE), Resource.of("vm2Core", Tier.EDGE));
        assertThat(data.count(Tier.DEVICE)).isEqualTo(1);
        assertThat(data.count(Tier.EDGE)).isEqualTo(2);
        assertThat(data.count(Tier.CLOUD)).isEqualTo(2);
        assertThat(data.models()).containsExactlyElementsOf(MODELS);
    }

    @Test
    void should_keep_the_pickled_values_exactly_when_unpickling() {
        // GIVEN
        Path file = OriginalData.folder().resolve("edge-2500.dat");

        // WHEN
        OriginalSystem edge = OriginalBenchmarks.readFile(file);

        // THEN the values pickletools shows for the first two records
        List<LayerBenchmark> vgg19 = edge.benchmarks().get("vgg19");
        assertThat(vgg19).hasSize(25);
        assertThat(vgg19.get(0)).isEqualTo(new LayerBenchmark("vgg19", 0, 1, 0.015694689750671387, 12_845_184L));
        assertThat(vgg19.get(1)).isEqualTo(new LayerBenchmark("vgg19", 2, 2, 0.04338541030883789, 12_845_184L));
        assertThat(vgg19.get(24).outputSize()).isEqualTo(4_128L);
    }

    @Test
    void should_keep_the_npy_header_in_output_sizes_when_building_a_profile() {
        // GIVEN
        OriginalBenchmarks data = OriginalBenchmarks.read(OriginalData.folder());

        // WHEN
        ProfileSet vgg19 = data.profiles("vgg19");

        // THEN block 0-1 outputs 1x224x224x64 float32 plus the 128-byte header; predictions 1000 floats plus it
        List<Block> blocks = vgg19.layout().blocks();
        assertThat(blocks).hasSize(25);
        assertThat(blocks.get(0)).isEqualTo(new Block(0, 0, 1, 4L * 224 * 224 * 64 + 128));
        assertThat(blocks.get(0).outputBytes()).isEqualTo(12_845_184L);
        assertThat(blocks.get(24)).isEqualTo(new Block(24, 25, 25, 4L * 1000 + 128));
        assertThat(vgg19.layout().layerCount()).isEqualTo(26);
        assertThat(vgg19.layout().rule()).isEqualTo(PartitionRule.SCISSION);
        assertThat(vgg19.layout().inputBytes()).isEqualTo(150_000L);
    }

    @Test
    void should_record_means_only_and_say_where_they_came_from_when_building_a_profile() {
        // GIVEN
        OriginalSystem raspi4 = OriginalBenchmarks.readFile(OriginalData.folder().resolve("device-raspi4.dat"));

        // WHEN
        Profile profile = raspi4.profile("vgg19");

        // THEN
        assertThat(profile.resource()).isEqualTo(Resource.of("raspi4", Tier.DEVICE));
        assertThat(profile.blocks().get(0).timing().summary().mean()).isEqualTo(0.07058942317962646);
        assertThat(profile.blocks().get(0).timing().samples()).isEmpty();
        assertThat(profile.blocks().get(0).timing().summary().median()).isNaN();
        assertThat(profile.provenance().repeats()).isEqualTo(10);
        assertThat(profile.provenance().notes()).contains("device-raspi4.dat", "128-byte header", "0.15 MB");
    }

    @Test
    void should_read_every_model_of_every_file_when_building_all_profiles() {
        // GIVEN
        OriginalBenchmarks data = OriginalBenchmarks.read(OriginalData.folder());

        // WHEN / THEN
        for (String model : MODELS) {
            ProfileSet set = data.profiles(model);
            assertThat(set.profiles()).as(model).hasSize(5);
            assertThat(set.layout().blocks()).as(model)
                    .allSatisfy(b -> assertThat((b.outputBytes() - 128) % 4).isZero());
        }
    }

    @Test
    void should_list_the_models_when_the_model_is_unknown() {
        // GIVEN
        OriginalBenchmarks data = OriginalBenchmarks.read(OriginalData.folder());

        // WHEN / THEN
        assertThatThrownBy(() -> data.profiles("alexnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The model (alexnet) is in none of the benchmark files")
                .hasMessageContaining("vgg19, xception, resnet50");
    }

    @Test
    void should_fail_when_the_folder_is_missing_or_holds_no_benchmark(@TempDir Path dir) throws IOException {
        // GIVEN
        Files.writeString(dir.resolve("notes.txt"), "x");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.read(dir))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("holds no benchmark files (<tier>-<name>.dat)");
        assertThatThrownBy(() -> OriginalBenchmarks.read(dir.resolve("missing")))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("missing: the benchmark folder does not exist");
    }

    @Test
    void should_parse_names_like_the_original_when_a_name_has_a_dot() {
        // GIVEN / WHEN / THEN
        assertThat(OriginalBenchmarks.resourceOf(Path.of("Edge-a.b.dat"))).isEqualTo(Resource.of("a", Tier.EDGE));
        assertThat(OriginalBenchmarks.resourceOf(Path.of("cloud-6700k(GPU).dat")))
                .isEqualTo(Resource.of("6700k(GPU)", Tier.CLOUD));
    }

    @Test
    void should_fail_when_a_file_name_has_two_dashes_or_an_unknown_tier() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.resourceOf(Path.of("edge-vm-2.dat")))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-vm-2.dat")
                .hasMessageContaining("\"edge-vm-2\" has 2");
        assertThatThrownBy(() -> OriginalBenchmarks.resourceOf(Path.of("fog-node.dat")))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("the tier (fog) in the file name is not device, edge or cloud");
    }

    @Test
    void should_reject_the_file_when_it_is_not_a_pickle(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = dir.resolve("edge-x.dat");
        Files.writeString(file, "not a pickle");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(file))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-x.dat: is not a readable benchmark file of the original Scission tool (a Python pickle): opcode 0x6e is not one a benchmark file holds (byte 0).");
    }

    @Test
    void should_reject_the_pickle_when_it_holds_no_dict(@TempDir Path dir) throws IOException {
        // GIVEN pickle.dumps(5, protocol=3)
        Path file = pickle(dir, "edge-x.dat", "80034b052e");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(file))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("the pickle holds an int, not a dict");
    }

    @Test
    void should_reject_the_record_when_it_is_not_a_layer_benchmark(@TempDir Path dir) throws IOException {
        // GIVEN pickle.dumps({'m': [1]}) and pickle.dumps({'m': [__main__.Evil()]})
        Path ints = pickle(dir, "edge-x.dat", "80037d710058010000006d71015d71024b0161732e");
        Path evil = pickle(dir, "edge-y.dat", "80037d710058010000006d71015d7102635f5f6d61696e5f5f0a4576696c0a7103"
                + "298171047d710558010000007871064b01736261732e");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(ints))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-x.dat at /m/0: the record is an int, not a __main__.LayerBenchmark");
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(evil))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-y.dat at /m/0: the record is a __main__.Evil");
    }

    @Test
    void should_name_the_field_when_a_record_has_a_wrong_type_or_value(@TempDir Path dir) throws IOException {
        // GIVEN a LayerBenchmark whose second_prediction is 'slow', and one whose second_prediction is -0.5
        Path text = pickle(dir, "edge-x.dat", "80037d710058010000006d71015d7102635f5f6d61696e5f5f0a4c6179657242656e6"
                + "3686d61726b0a7103298171047d71052858050000006d6f64656c710668015806000000646576696365710758000000007"
                + "108580b000000696e7075745f6c6179657271094b00580c0000006f75747075745f6c61796572710a4b015811000000736"
                + "5636f6e645f70726564696374696f6e710b5804000000736c6f77710c580b0000006f75747075745f73697a65710d4b0a7"
                + "56261732e");
        Path negative = pickle(dir, "edge-y.dat", "80037d710058010000006d71015d7102635f5f6d61696e5f5f0a4c61796572"
                + "42656e63686d61726b0a7103298171047d71052858050000006d6f64656c710668015806000000646576696365710758000"
                + "000007108580b000000696e7075745f6c6179657271094b00580c0000006f75747075745f6c61796572710a4b0158110000"
                + "007365636f6e645f70726564696374696f6e710b47bfe0000000000000580b0000006f75747075745f73697a65710c4b0a7"
                + "56261732e");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("at /m/0/second_prediction: the field is a str, but must be a float");
        OriginalSystem system = OriginalBenchmarks.readFile(negative);
        assertThatThrownBy(() -> system.profile("m"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-y.dat at /m/0/second_prediction")
                .hasMessageContaining("(-0.5 s)");
    }

    @Test
    void should_read_the_record_when_a_newer_python_pickled_it_with_protocol_4(@TempDir Path dir) throws IOException {
        // GIVEN pickle.dumps({'vgg19': [LayerBenchmark()]}, protocol=4) with an output size above 2^31 (LONG1)
        Path file = pickle(dir, "cloud-x.dat", "8004959e000000000000007d948c057667673139945d948c085f5f6d61696e5f5f948"
                + "c0e4c6179657242656e63686d61726b9493942981947d94288c056d6f64656c9468018c06646576696365948c00948c0b69"
                + "6e7075745f6c61796572944b008c0c6f75747075745f6c61796572944b018c117365636f6e645f70726564696374696f6e"
                + "94473fd00000000000008c0b6f75747075745f73697a65948a05005ed0b200756261732e");

        // WHEN
        OriginalSystem system = OriginalBenchmarks.readFile(file);

        // THEN
        assertThat(system.resource()).isEqualTo(Resource.of("x", Tier.CLOUD));
        assertThat(system.benchmarks().get("vgg19"))
                .containsExactly(new LayerBenchmark("vgg19", 0, 1, 0.25, 3_000_000_000L));
    }

    @Test
    void should_name_the_byte_when_the_pickle_is_cut_short(@TempDir Path dir) throws IOException {
        // GIVEN the protocol 3 pickle of one record, cut inside its last field
        Path file = pickle(dir, "edge-x.dat", "80037d71005805000000766767313971015d7102635f5f6d61696e5f5f0a4c61796572"
                + "42656e63686d61726b0a7103298171047d71052858050000006d6f64656c710668015806000000646576696365710758000"
                + "000007108580b000000696e7075745f6c6179657271094b00580c0000006f75747075745f6c61796572710a4b015811000"
                + "0007365636f6e645f70726564696374696f6e710b473fd0000000000000580b0000006f75747075745f73697a65710c8a0500"
                + "5ed0b200");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(file))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-x.dat: is not a readable benchmark file of the original Scission tool")
                .hasMessageContaining("the file ends before the pickle's STOP (byte 188)")
                .hasMessageContaining("Maybe the file is damaged");
    }

    @Test
    void should_recall_a_memo_entry_when_its_key_is_beyond_the_files_length(@TempDir Path dir) throws IOException {
        // GIVEN {'m': []} whose key 'm' is memoized under 2^31 - 1 (LONG_BINPUT) and recalled (LONG_BINGET); Python's
        // own unpickler (pickle._Unpickler) reads it as {'m': []}
        Path file = pickle(dir, "edge-x.dat", "80037d58010000006d72ffffff7f5d736affffff7f5d732e");

        // WHEN
        OriginalSystem system = OriginalBenchmarks.readFile(file);

        // THEN
        assertThat(system.benchmarks()).containsOnlyKeys("m");
        assertThat(system.benchmarks().get("m")).isEmpty();
    }

    @Test
    void should_name_the_opcode_and_byte_when_appends_or_setitems_lack_their_target(@TempDir Path dir)
            throws IOException {
        // GIVEN APPENDS with no list below its MARK, and SETITEMS with a key but no value (Python fails on both)
        Path appends = pickle(dir, "edge-x.dat", "8003284b01652e");
        Path setitems = pickle(dir, "edge-y.dat", "80037d284b01752e");

        // WHEN / THEN
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(appends))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("edge-x.dat: is not a readable benchmark file of the original Scission tool (a "
                        + "Python pickle): an opcode needs a value the stack does not have (byte 5).");
        assertThatThrownBy(() -> OriginalBenchmarks.readFile(setitems))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("SETITEMS has a key without a value (byte 6).");
    }

    @Test
    void should_give_each_object_its_own_fields_when_a_state_dict_changes_after_build() {
        // GIVEN a hand-made pickle of a list: object 1 built from a state dict, object 2 built from the same dict,
        // then the dict itself after a change, then object 1 again after a second BUILD; Python's own unpickler
        // (pickle._Unpickler) reads it as [C(a=1, c=3), C(a=1), {'a': 1, 'b': 2}, the first C again]
        byte[] bytes = HexFormat.of().parseHex("80035d28635f5f6d61696e5f5f0a430a7100298171027d71015801000000614b0173"
                + "626800298168016268015801000000624b027368027d5801000000634b037362652e");

        // WHEN
        Object value = BenchmarkPickle.read("x.dat", bytes);

        // THEN as Python: BUILD copies the state, so neither a later change of the dict nor a second BUILD of one
        // object reaches the other (the reader defers the copy of a state dict until one of them changes)
        assertThat(value).isInstanceOf(List.class);
        List<?> list = (List<?>) value;
        assertThat(list).hasSize(4);
        assertThat(list.get(0)).isInstanceOf(BenchmarkPickle.PyObject.class).isSameAs(list.get(3));
        assertThat(((BenchmarkPickle.PyObject) list.get(0)).fields()).containsExactly(entry("a", 1L), entry("c", 3L));
        assertThat(((BenchmarkPickle.PyObject) list.get(1)).fields()).containsExactly(entry("a", 1L));
        assertThat(list.get(2)).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Long> dict = (Map<String, Long>) list.get(2);
        assertThat(dict).containsExactly(entry("a", 1L), entry("b", 2L));
    }

    @Test
    void should_keep_pythons_key_order_and_last_value_when_a_dict_repeats_a_key() {
        // GIVEN {'a': 1, 'b': 2, 'a': 3} as SETITEMS writes it (Python reads {'a': 3, 'b': 2}), and a dict of 40 keys
        // k0..k39 whose key k3 is set again (to 99) after the 40th
        byte[] small = HexFormat.of().parseHex("80037d285801000000614b015801000000624b025801000000614b03752e");
        java.io.ByteArrayOutputStream big = new java.io.ByteArrayOutputStream();
        big.writeBytes(HexFormat.of().parseHex("80037d28")); // PROTO 3, EMPTY_DICT, MARK
        for (int i = 0; i <= 40; i++) {
            String key = "k" + (i == 40 ? 3 : i);
            big.write('X'); // BINUNICODE, 4-byte little-endian length
            big.writeBytes(new byte[] {(byte) key.length(), 0, 0, 0});
            big.writeBytes(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            big.writeBytes(new byte[] {'K', (byte) (i == 40 ? 99 : i)}); // BININT1
        }
        big.writeBytes(HexFormat.of().parseHex("752e")); // SETITEMS, STOP

        // WHEN
        Object first = BenchmarkPickle.read("x.dat", small);
        Object second = BenchmarkPickle.read("y.dat", big.toByteArray());

        // THEN the first key's place, the last value, as Python's dict; lookups agree with iteration
        @SuppressWarnings("unchecked")
        Map<String, Long> ab = (Map<String, Long>) first;
        assertThat(ab).containsExactly(entry("a", 3L), entry("b", 2L));
        @SuppressWarnings("unchecked")
        Map<String, Long> forty = (Map<String, Long>) second;
        assertThat(forty).hasSize(40);
        assertThat(List.copyOf(forty.keySet())).isEqualTo(java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "k" + i).toList());
        for (int i = 0; i < 40; i++) {
            assertThat(forty.get("k" + i)).as("k%d", i).isEqualTo(i == 3 ? 99L : i);
            assertThat(forty.containsKey("k" + i)).isTrue();
        }
        assertThat(forty.get("k40")).isNull();
        assertThat(forty.containsKey("k40")).isFalse();
    }

    private static Path pickle(Path dir, String name, String hex) throws IOException {
        return Files.write(dir.resolve(name), HexFormat.of().parseHex(hex));
    }
}
