package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.cli.TestData.Run;
import io.scission.original.OriginalBenchmarks;
import io.scission.profile.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors speak the user's language: the file, the field and the fix, never a library's class or option names
 * ({@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}, {@code StreamReadConstraints}, {@code AccessDeniedException},
 * {@code PickleException}, picocli's {@code Error: expected only one match}). Bad inputs of every command, one line
 * each.
 */
class ErrorTextsTest {

    private static final String DATA = TestData.originalData().toString();

    /** Words that belong to a library, not to the user. */
    private static final List<String> LIBRARY_WORDS = List.of("Exception", "JsonReadFeature", "StreamReadConstraints",
            "Feature.", "razorvine", "picocli", "Error: ", "java.", "jackson", "`");

    private static void assertPlain(Run run) {
        assertThat(run.code()).as(run.err()).isIn(ScissionCli.EXIT_FAILURE, ScissionCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("error: ").hasLineCount(1);
        for (String word : LIBRARY_WORDS) {
            assertThat(run.err()).as("names a library's type or option").doesNotContain(word);
        }
    }

    /** The vgg16 profiles of the original's data, as core profile files, one edited by a function. */
    private static Path profiles(Path dir, String from, String to) throws IOException {
        for (Profile p : OriginalBenchmarks.read(Path.of(DATA)).profiles("vgg16").profiles()) {
            Scission.writeProfile(p, dir.resolve(p.resource().name() + ".json"));
        }
        Path file = dir.resolve("raspi4.json");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        Files.writeString(file, json.replaceFirst(java.util.regex.Pattern.quote(from), to), StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void should_say_nan_is_not_a_number_when_a_profile_holds_nan(@TempDir Path dir) throws IOException {
        // GIVEN a profile whose first block mean is NaN
        Path profiles = profiles(dir, "\"mean\" : ", "\"mean\" : NaN, \"x\" : ");

        // WHEN
        Run run = TestData.run("plan", profiles.toString(), "--preset", "4g");

        // THEN
        assertPlain(run);
        assertThat(run.err()).contains(dir.resolve("raspi4.json").toString(),
                "NaN is not a number in JSON (write a number, or null where the format allows one)");
    }

    @Test
    void should_say_how_long_a_number_may_be_when_a_profile_holds_a_huge_one(@TempDir Path dir) throws IOException {
        // GIVEN a block output size of 1,200 digits
        Path profiles = profiles(dir, "\"outputBytes\" : ", "\"outputBytes\" : " + "9".repeat(1200) + ", \"y\" : ");

        // WHEN
        Run run = TestData.run("plan", profiles.toString(), "--preset", "4g");

        // THEN
        assertPlain(run);
        assertThat(run.err()).contains("raspi4.json", "a value of 1200 characters is longer than the 1000 allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--preset 3g --preset 4g;Give only one of --network, --network-csv or --preset, once. Maybe remove the others.",
        "--preset 3g --network-csv n.csv;Give only one of --network, --network-csv or --preset, once. Maybe remove "
            + "the others.",
        "--top 3;Give one of --network FILE, --network-csv FILE or --preset 3g|4g|wired. Maybe add one of them."})
    void should_name_the_network_options_when_the_network_is_given_twice_or_not_at_all(String options,
            String expected) {
        // GIVEN
        List<String> args = new ArrayList<>(List.of("plan", "--original", DATA, "vgg19"));
        args.addAll(List.of(options.split(" ")));

        // WHEN
        Run plan = TestData.run(args.toArray(new String[0]));
        args.set(0, "report");
        Run report = TestData.run(args.toArray(new String[0]));

        // THEN
        assertPlain(plan);
        assertThat(plan.err()).isEqualTo("error: " + expected + " (see 'scission plan --help')\n");
        assertThat(report.err()).isEqualTo("error: " + expected + " (see 'scission report --help')\n");
    }

    @Test
    void should_describe_the_damage_when_a_benchmark_file_is_not_a_pickle(@TempDir Path dir) throws IOException {
        // GIVEN the sample files, one of them cut in half
        for (String name : List.of("device-raspi4.dat", "edge-2500.dat", "cloud-6700k(GPU).dat")) {
            Files.copy(Path.of(DATA, name), dir.resolve(name));
        }
        byte[] whole = Files.readAllBytes(dir.resolve("edge-2500.dat"));
        Files.write(dir.resolve("edge-2500.dat"), java.util.Arrays.copyOf(whole, whole.length / 2));

        // WHEN
        Run run = TestData.run("predict", dir.toString(), Path.of(DATA, "network_stats.csv").toString(), "vgg19");

        // THEN
        assertPlain(run);
        assertThat(run.err()).isEqualTo("error: " + dir.resolve("edge-2500.dat") + ": is not a readable Python pickle: "
                + "it ends in the middle of a value (byte " + whole.length / 2 + "). Maybe the file is damaged or is "
                + "not a benchmark file of the original Scission tool.\n");
    }

    @Test
    void should_name_python_types_when_a_pickle_holds_something_else(@TempDir Path dir) throws IOException {
        // GIVEN pickle.dumps(['vgg19'], protocol=3)
        Path file = Files.write(dir.resolve("edge-x.dat"),
                HexFormat.of().parseHex("80035d7100580500000076676731397101612e"));

        // WHEN
        Run run = TestData.run("plan", "--original", dir.toString(), "vgg19", "--preset", "4g");

        // THEN
        assertPlain(run);
        assertThat(run.err()).isEqualTo("error: " + file + ": the pickle holds a list, not a dict of model name to "
                + "LayerBenchmark list. Maybe this is not a benchmark file of the original tool.\n");
    }

    @Test
    void should_suggest_the_command_when_it_is_mistyped() {
        // GIVEN / WHEN
        Run command = TestData.run("prdict");
        Run option = TestData.run("plan", "--prest", "4g");

        // THEN
        assertPlain(command);
        assertThat(command.err()).isEqualTo("error: Unknown command: 'prdict'. Maybe you meant predict or profile. "
                + "(see 'scission --help')\n");
        assertThat(option.err()).contains("Maybe you meant --preset.");
    }

    @Test
    void should_say_what_a_model_json_lacks_when_it_is_no_model(@TempDir Path dir) throws IOException {
        // GIVEN a JSON file that is not a model: no reader takes it, and TensorFlow is not asked
        Path file = Files.writeString(dir.resolve("config.json"), "{\"layers\": []}");

        // WHEN
        Run run = TestData.run("inspect", file.toString());

        // THEN
        assertPlain(run);
        assertThat(run.err()).isEqualTo("error: The model file " + file + " is not a Keras model (to_json(), with "
                + "\"class_name\") nor a TF.js model.json (with \"modelTopology\"). Maybe give the model's .h5 file, "
                + "its SavedModel directory or its TF.js model.json.\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Cannot write p.json: java.nio.file.AccessDeniedException: /root/p.json|Cannot write p.json: permission "
            + "denied: /root/p.json",
        "x.json: is not valid JSON (line 2, column 9: Non-standard token '-Infinity': enable "
            + "`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow).|x.json: is not valid JSON (line 2, column 9: "
            + "-Infinity is not a number in JSON (write a number, or null where the format allows one)).",
        "x.json: is not valid JSON (Document nesting depth (1001) exceeds the maximum allowed (1000, from "
            + "`StreamReadConstraints.getMaxNestingDepth()`)).|x.json: is not valid JSON (values are nested 1001 "
            + "deep, more than the 1000 allowed).",
        "x.json: is not valid JSON (line 2, column 1: Unexpected end-of-input: expected close marker for Object (start "
            + "marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, "
            + "column: 1])).|x.json: is not valid JSON (line 2, column 1: Unexpected end-of-input: expected close "
            + "marker for Object (start marker at line 1, column 1)).",
        "m/saved_model.pb: has no MetaGraph with the tags [serve] (found: []). Maybe choose tags with "
            + "TfLoadOptions.withTags.|m/saved_model.pb: has no MetaGraph with the tags [serve] (found: []). Maybe the "
            + "SavedModel is incomplete: export it again (tf.saved_model.save writes the tag serve).",
        "x.json: is not valid JSON (Unexpected character ('}' (code 125)): was expecting double-quote to start "
            + "field name).|x.json: is not valid JSON (Unexpected character ('}' (code 125)): was expecting "
            + "double-quote to start field name)."})
    void should_rewrite_library_words_when_a_message_reaches_the_user(String library, String plain) {
        // GIVEN / WHEN
        String text = UserText.plain(library);

        // THEN
        assertThat(text).isEqualTo(plain);
    }
}
