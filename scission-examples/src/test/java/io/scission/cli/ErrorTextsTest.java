package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.cli.TestData.Run;
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

    /** Words that belong to a library, not to the user. */
    private static final List<String> LIBRARY_WORDS = List.of("Exception", "JsonReadFeature", "StreamReadConstraints",
            "Feature.", "razorvine", "picocli", "Error: ", "java.", "jackson", "`", "TfLoadOptions", "withTags");

    private static void assertPlain(Run run) {
        assertThat(run.code()).as(run.err()).isIn(ScissionCli.EXIT_FAILURE, ScissionCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("error: ").hasLineCount(1);
        for (String word : LIBRARY_WORDS) {
            assertThat(run.err()).as("names a library's type or option").doesNotContain(word);
        }
    }

    /**
     * One clear error: plain (see {@link #assertPlain}), naming the input the user gave, with a fix ("Maybe ...").
     */
    private static void assertClear(Run run, String input) {
        assertPlain(run);
        assertThat(run.err()).as("names the input").contains(input);
        assertThat(run.err()).as("says what to do").contains(". Maybe ");
    }

    /** The vgg16 profiles of the reference data (the original's figures), as profile files, one edited. */
    private static Path profiles(Path dir, String from, String to) throws IOException {
        for (Profile p : Scission.referenceProfiles("vgg16").profiles()) {
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
        assertClear(run, dir.resolve("raspi4.json").toString());
        assertThat(run.err()).contains("NaN and Infinity are not numbers in JSON; write a finite number");
    }

    @Test
    void should_say_a_number_is_too_long_when_a_profile_holds_a_huge_one(@TempDir Path dir) throws IOException {
        // GIVEN a block output size of 1,200 digits
        Path profiles = profiles(dir, "\"outputBytes\" : ", "\"outputBytes\" : " + "9".repeat(1200) + ", \"y\" : ");

        // WHEN
        Run run = TestData.run("plan", profiles.toString(), "--preset", "4g");

        // THEN
        assertClear(run, dir.resolve("raspi4.json").toString());
        assertThat(run.err()).contains("is too long");
    }

    @Test
    void should_refuse_a_file_larger_than_the_limit_before_reading_it(@TempDir Path dir) throws IOException {
        // GIVEN a profile padded with spaces to one byte over 32 MiB
        Path profiles = profiles(dir, "\"mean\" : ", "\"mean\" : ");
        Path file = dir.resolve("raspi4.json");
        long size = Files.size(file);
        try (java.io.OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long left = (32L << 20) + 1 - size; left > 0; left -= spaces.length) {
                out.write(spaces, 0, (int) Math.min(left, spaces.length));
            }
        }

        // WHEN
        Run run = TestData.run("plan", profiles.toString(), "--preset", "4g");

        // THEN
        assertClear(run, file.toString());
        assertThat(run.err()).contains("33554433 bytes");
    }

    @Test
    void should_say_permission_denied_when_an_output_cannot_be_written() throws IOException {
        // GIVEN a directory where files cannot be created
        Path denied = deniedDirectory();

        // WHEN every command that writes a file is pointed there
        Run profile = TestData.run("profile", "MobileNet", "--resource", "r", "--tier", "device", "-o",
                denied.resolve("p.json").toString());
        Run report = TestData.run("report", "--reference", "vgg16", "--reference-network", "wired", "-o",
                denied.resolve("r.html").toString());
        Run demo = TestData.run("demo", "-o", denied.resolve("demo").toString());
        Run export = TestData.run("export", "MobileNet", "--cut", "30", "--resources", "device,cloud", "-o",
                denied.resolve("deploy").toString());
        Run run = TestData.run("run", "MobileNet", "--output", denied.resolve("y.npy").toString());

        // THEN each fails at once (before any model is loaded), in words, naming the path and the option
        for (Run r : List.of(profile, report, demo, export, run)) {
            assertClear(r, denied.toString());
            assertThat(r.err()).contains("permission denied", "Maybe choose another");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void should_say_permission_denied_when_an_input_cannot_be_read(@TempDir Path dir) throws IOException {
        // GIVEN a profile that cannot be read (not testable as root, who reads every file)
        Path profiles = profiles(dir, "\"mean\" : ", "\"mean\" : ");
        Path file = dir.resolve("raspi4.json");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "the user reads unreadable files");

        // WHEN
        Run run = TestData.run("plan", profiles.toString(), "--preset", "4g");

        // THEN
        assertPlain(run);
        assertThat(run.err()).contains(file.toString(), "permission denied");
    }

    /** A directory in which no file can be created: /sys for root, else a read-only temporary directory. */
    private static Path deniedDirectory() throws IOException {
        Path dir = Files.createTempDirectory("denied");
        Files.setPosixFilePermissions(dir, java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
        dir.toFile().deleteOnExit();
        for (Path candidate : List.of(dir, Path.of("/sys"))) {
            try {
                Files.delete(Files.createTempFile(candidate, "probe", ".tmp"));
            } catch (java.nio.file.AccessDeniedException e) {
                return candidate;
            }
        }
        org.junit.jupiter.api.Assumptions.abort("no directory here denies creating a file");
        return dir;
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"0", "300"})
    void should_say_to_export_again_when_saved_model_pb_is_empty_or_garbage(int bytes, @TempDir Path dir)
            throws IOException {
        // GIVEN a SavedModel directory whose saved_model.pb is empty, or 300 bytes that are no protocol buffer
        byte[] content = new byte[bytes];
        new java.util.Random(bytes).nextBytes(content);
        Path pb = Files.write(dir.resolve("saved_model.pb"), content);

        // WHEN
        Run inspect = TestData.run("inspect", dir.toString());
        Run run = TestData.run("run", dir.toString());

        // THEN no Java advice (TfLoadOptions.withTags), no TensorFlow log line: the file, and to export it again
        for (Run r : List.of(inspect, run)) {
            assertClear(r, pb.toString());
            assertThat(r.err()).contains("Maybe export the model again").doesNotContain("TfLoadOptions", "withTags");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--preset 3g --preset 4g;Give only one of --network, --network-csv, --preset or --reference-network, once. "
            + "Maybe remove the others.",
        "--preset 3g --network-csv n.csv;Give only one of --network, --network-csv, --preset or --reference-network, "
            + "once. Maybe remove the others.",
        "--top 3;Give the network: --network FILE, --network-csv FILE, --preset 3g|4g|wired or --reference-network "
            + "3g|wired. Maybe add --preset 4g."})
    void should_name_the_network_options_when_the_network_is_given_twice_or_not_at_all(String options,
            String expected) {
        // GIVEN
        List<String> args = new ArrayList<>(List.of("plan", "--reference", "vgg19"));
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
        Path data = TestData.originalData();
        for (String name : List.of("device-raspi4.dat", "edge-2500.dat", "cloud-6700k(GPU).dat")) {
            Files.copy(data.resolve(name), dir.resolve(name));
        }
        byte[] whole = Files.readAllBytes(dir.resolve("edge-2500.dat"));
        Files.write(dir.resolve("edge-2500.dat"), java.util.Arrays.copyOf(whole, whole.length / 2));

        // WHEN
        Run run = TestData.run("predict", dir.toString(), data.resolve("network_stats.csv").toString(), "vgg19");

        // THEN
        assertClear(run, dir.resolve("edge-2500.dat").toString());
        assertThat(run.err()).isEqualTo("error: " + dir.resolve("edge-2500.dat") + ": is not a readable benchmark "
                + "file of the original Scission tool (a Python pickle): the file ends before the pickle's STOP (byte "
                + whole.length / 2 + "). Maybe the file is damaged or is not a .dat file written by "
                + "scission_benchmark.py.\n");
    }

    @Test
    void should_name_python_types_when_a_pickle_holds_something_else(@TempDir Path dir) throws IOException {
        // GIVEN pickle.dumps(['vgg19'], protocol=3)
        Path file = Files.write(dir.resolve("edge-x.dat"),
                HexFormat.of().parseHex("80035d7100580500000076676731397101612e"));

        // WHEN
        Run run = TestData.run("plan", "--original", dir.toString(), "vgg19", "--preset", "4g");

        // THEN
        assertClear(run, file.toString());
        assertThat(run.err()).isEqualTo("error: " + file + ": the pickle holds a list, not a dict of model name to a "
                + "list of LayerBenchmark. Maybe this is not a benchmark file of the original tool.\n");
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
