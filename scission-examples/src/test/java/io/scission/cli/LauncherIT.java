package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script, {@code src/dist/bin/scission}, run as installed: from the build ({@code target/bin}, beside
 * {@code scission.jar} and {@code lib/}) and from a distribution layout ({@code bin/}, every jar in {@code lib/}).
 * Its class-data-sharing archive is recorded on a command's first run, written on the next, and mapped from then on;
 * it is rebuilt when a jar changes; the answers never change.
 */
class LauncherIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final List<String> README = List.of(
            "[+] 5 systems loaded : 1 device, 2 edge, 2 cloud",
            "[+] vgg19 results",
            "[1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
            "[2] 9.0594s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
            "[3] 9.0721s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
            "[4] 9.1209s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
            "[5] 9.1511s - 3.2115MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 12, Cloud(6700k(GPU)) = 13 - 25");

    /** The outcome of a process. */
    private record Result(int code, String out, String err) {
    }

    private static Result run(Path launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher-out", ".txt");
        Path err = Files.createTempFile("launcher-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
        } finally {
            p.destroyForcibly();
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static String[] readmeQuery() {
        return new String[] {"predict", TestData.originalData().toString(), "network_stats.csv", "vgg19", "-d", "!-1",
            "-e", "10", "-c", "16"};
    }

    @Test
    void should_record_then_write_then_map_the_archive_when_run_from_the_build(@TempDir Path cache, @TempDir Path logs)
            throws IOException, InterruptedException {
        // GIVEN the launcher as the build leaves it, and an empty cache
        Path launcher = TARGET.resolve("bin").resolve("scission");
        assertThat(launcher).isExecutable();
        Map<String, String> env = Map.of("SCISSION_CACHE_DIR", cache.toString());

        // WHEN
        Result first = run(launcher, env, readmeQuery());
        List<Path> afterFirst = files(cache);
        Result second = run(launcher, env, readmeQuery());
        List<Path> afterSecond = files(cache);
        Path log = logs.resolve("classes.log");
        Result third = run(launcher, Map.of("SCISSION_CACHE_DIR", cache.toString(), "SCISSION_OPTS",
                "-Xlog:class+load=info:file=" + log), readmeQuery());

        // THEN the same answer every time; a class list after the first run, an archive after the second, used by the
        // third for the tool's own classes
        for (Result r : List.of(first, second, third)) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out().lines()).containsExactlyElementsOf(README);
        }
        assertThat(afterFirst).singleElement().asString().endsWith(".predict." + pidPart(afterFirst.get(0)));
        assertThat(afterSecond).extracting(p -> p.getFileName().toString().replaceAll("^.*\\.", ""))
                .containsExactlyInAnyOrder("classlist", "commands", "jsa", "key");
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("io.scission.cli.ScissionCli source: shared "
                + "objects file")).anyMatch(l -> l.contains("io.scission.cli.original.OriginalPredictor source: "
                + "shared objects file"));
    }

    @Test
    void should_rebuild_the_archive_when_a_jar_changes_in_a_distribution_layout(@TempDir Path home,
            @TempDir Path cache) throws IOException, InterruptedException {
        // GIVEN bin/scission and every jar in lib/, as the distribution archive has them
        Path launcher = distribution(home);
        Map<String, String> env = Map.of("SCISSION_CACHE_DIR", cache.toString());
        run(launcher, env, readmeQuery());
        run(launcher, env, readmeQuery());
        Path archive = single(cache, ".jsa");
        FileTime written = Files.getLastModifiedTime(archive);

        // WHEN the tool's jar is replaced
        Path jar = home.resolve("lib").resolve("scission.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        Result r = run(launcher, Map.of("SCISSION_CACHE_DIR", cache.toString(), "SCISSION_LAUNCHER_TRACE", "1"),
                readmeQuery());

        // THEN the archive was written again before the run, which mapped it
        assertThat(r.out().lines()).containsExactlyElementsOf(README);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(written);
        assertThat(r.err()).contains("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1")
                .doesNotContain("DumpLoadedClassList");
    }

    @Test
    void should_quiet_tensorflow_unless_debug_when_starting_the_jvm(@TempDir Path cache)
            throws IOException, InterruptedException {
        // GIVEN
        Path launcher = TARGET.resolve("bin").resolve("scission");
        Map<String, String> trace = Map.of("SCISSION_CACHE_DIR", cache.toString(), "SCISSION_LAUNCHER_TRACE", "1",
                "SCISSION_CDS", "off");

        // WHEN
        Result quiet = run(launcher, trace, "models");
        Result debug = run(launcher, trace, "--debug", "models");
        Result own = run(launcher, Map.of("SCISSION_LAUNCHER_TRACE", "1", "SCISSION_CDS", "off",
                "TF_CPP_MIN_LOG_LEVEL", "1"), "models");

        // THEN TensorFlow's native log level is 2 unless --debug or the user's own; no archive when CDS is off
        assertThat(quiet.err()).startsWith("scission: TF_CPP_MIN_LOG_LEVEL=2 ").doesNotContain("SharedArchiveFile");
        assertThat(debug.err()).startsWith("scission: TF_CPP_MIN_LOG_LEVEL=0 ");
        assertThat(own.err()).startsWith("scission: TF_CPP_MIN_LOG_LEVEL=1 ");
        assertThat(quiet.err()).contains("-Dscission.stderr.terminal=false");
        assertThat(files(cache)).isEmpty();
        assertThat(quiet.out()).contains("ResNet50");
    }

    @Test
    void should_pass_the_exit_code_through_when_the_usage_is_wrong(@TempDir Path cache)
            throws IOException, InterruptedException {
        // GIVEN / WHEN
        Result r = run(TARGET.resolve("bin").resolve("scission"), Map.of("SCISSION_CACHE_DIR", cache.toString()),
                "predict", "folder-only");

        // THEN
        assertThat(r.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("error: Missing required parameters: 'STATISTICS_FILE', 'MODEL'");
    }

    @Test
    void should_say_what_is_missing_when_java_or_the_jars_cannot_be_found(@TempDir Path home)
            throws IOException, InterruptedException {
        // GIVEN a launcher without jars, and a JAVA_HOME without java
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path alone = Files.copy(TARGET.resolve("bin").resolve("scission"), bin.resolve("scission"));

        // WHEN
        Result noJars = run(alone, Map.of(), "models");
        Result noJava = run(TARGET.resolve("bin").resolve("scission"), Map.of("JAVA_HOME", home.toString()),
                "models");

        // THEN
        assertThat(noJars.code()).isEqualTo(1);
        assertThat(noJars.err()).isEqualTo("scission: cannot find scission.jar in " + home + "/lib or " + home
                + "; reinstall the tool.\n");
        assertThat(noJava.code()).isEqualTo(1);
        assertThat(noJava.err()).isEqualTo("scission: JAVA_HOME (" + home + ") has no bin/java. Maybe set JAVA_HOME "
                + "to a Java 17 or later, or unset it.\n");
    }

    /** bin/scission and lib/ with the tool's jar (a copy, so that it can be touched) and links to the others. */
    private static Path distribution(Path home) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        Path launcher = Files.copy(TARGET.resolve("bin").resolve("scission"), bin.resolve("scission"));
        Files.copy(TARGET.resolve("scission.jar"), lib.resolve("scission.jar"));
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
            }
        }
        return launcher;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Path single(Path dir, String suffix) throws IOException {
        return files(dir).stream().filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
    }

    /** The process-id part of a pending class list's name, {@code <pid>.classlist}. */
    private static String pidPart(Path list) {
        String name = list.getFileName().toString();
        String withoutSuffix = name.substring(0, name.length() - ".classlist".length());
        return withoutSuffix.substring(withoutSuffix.lastIndexOf('.') + 1) + ".classlist";
    }
}
