package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the packaged tool, {@code target/scission.jar} with its {@code target/lib/}, in a fresh JVM: checks that the
 * jar is executable and finds its dependencies. Runs in {@code verify}, after {@code package}.
 */
class ScissionJarIT {

    private static final Path JAR = Path.of("target", "scission.jar");

    /** The outcome of a process. */
    private record Result(int code, String out, String err) {
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        return java(List.of(), args);
    }

    private static Result java(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("scission-out", ".txt");
        Path err = Files.createTempFile("scission-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        Charset cs = Charset.defaultCharset();
        return new Result(p.exitValue(), Files.readString(out, cs), Files.readString(err, cs));
    }

    @Test
    void should_print_the_readme_lines_when_run_as_a_jar() throws IOException, InterruptedException {
        // GIVEN
        String data = TestData.originalData().toString();

        // WHEN
        Result r = java("predict", data, "network_stats.csv", "vgg19", "-d", "!-1", "-e", "10", "-c", "16");

        // THEN
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactlyElementsOf(TestData.README_PREDICT);
    }

    @Test
    void should_print_help_and_the_version_when_run_as_a_jar() throws IOException, InterruptedException {
        // GIVEN / WHEN
        Result help = java("--help");
        Result version = java("--version");

        // THEN
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: scission", "demo", "predict", "plan", "inspect", "models", "profile",
                "report");
        assertThat(version.out().strip()).matches("scission \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void should_exit_with_2_and_one_line_when_the_usage_is_wrong() throws IOException, InterruptedException {
        // GIVEN / WHEN
        Result r = java("predict", "folder-only");

        // THEN
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("error: Missing required parameters: 'STATISTICS_FILE', 'MODEL'");
    }

    @Test
    void should_exit_with_1_and_one_line_when_a_command_fails() throws IOException, InterruptedException {
        // GIVEN / WHEN
        Result r = java("plan", "no-such-profiles", "--preset", "4g");

        // THEN
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("error: no-such-profiles: is not a directory.");
    }

    @Test
    void should_exit_with_1_and_a_suggestion_when_the_zoo_name_is_mistyped() throws IOException, InterruptedException {
        // GIVEN / WHEN
        Result r = java("inspect", "InceptionV4");

        // THEN
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: The model (InceptionV4) is neither a file nor a zoo model. Maybe you "
                + "meant InceptionV3 ('scission models' lists the zoo).\n");
    }

    /**
     * Commands that need no TensorFlow must not load it: the JVM's class-loading log of each run must name no class of
     * TensorFlow Java ({@code org.tensorflow}) or of JavaCPP ({@code org.bytedeco}, which loads the natives).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorFlowFreeCommands")
    void should_load_no_tensorflow_class_when_the_command_needs_none(String name, List<String> args,
            @TempDir Path dir) throws IOException, InterruptedException {
        // GIVEN
        Path log = dir.resolve("classes.log");
        List<String> all = new ArrayList<>();
        for (String a : args) {
            // only the predict case needs the original's files (and is skipped without them)
            all.add(a.contains("{data}") ? a.replace("{data}", TestData.originalData().toString())
                    : a.replace("{dir}", dir.toString()));
        }

        // WHEN
        Result r = java(List.of("-Xlog:class+load=info:file=" + log), all.toArray(new String[0]));

        // THEN
        assertThat(r.code()).as(r.err()).isZero();
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("classes loaded").hasSizeGreaterThan(500);
        assertThat(loaded).filteredOn(l -> l.contains("org.tensorflow") || l.contains("org.bytedeco")).isEmpty();
        assertThat(loaded).anyMatch(l -> l.contains("io.scission.cli.ScissionCli "));
    }

    static Stream<Arguments> tensorFlowFreeCommands() {
        return Stream.of(
                Arguments.of("--help", List.of("--help")),
                Arguments.of("models", List.of("models")),
                Arguments.of("inspect zoo model", List.of("inspect", "ResNet50", "--json")),
                Arguments.of("inspect TF.js file", List.of("inspect",
                        TestData.sharedModel("ml5-doodlenet-tfjs-layers").toString())),
                Arguments.of("predict", List.of("predict", "{data}", "network_stats.csv", "vgg19")),
                Arguments.of("plan", List.of("plan", "--reference", "resnet50", "--preset", "4g")),
                Arguments.of("report", List.of("report", "--reference", "resnet50", "--reference-network", "wired",
                        "-o", "{dir}/report.html")));
    }
}
