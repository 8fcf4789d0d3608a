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
    private static final List<String> README = TestData.README_PREDICT;

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
        pb.environment().remove("SCISSION_JAVA");
        pb.environment().remove("SCISSION_CACHE");
        pb.environment().remove("SCISSION_CDS");
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
        List<String> recordedFirst = Files.readAllLines(afterFirst.get(0));
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
        // the recording run also loaded the start-path classes predict did not use (StartupClasses), plan's table
        assertThat(recordedFirst).contains("io/scission/cli/original/OriginalPredictor",
                "io/scission/cli/plan/PlanTable", "io/scission/query/BlockNotOn");
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
        assertThat(r.err()).contains("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-Xms16m",
                "-XX:CICompilerCount=1").doesNotContain("DumpLoadedClassList");
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
    void should_keep_tensorflow_log_lines_out_unless_debug_when_tensorflow_runs_in_the_tool(@TempDir Path cache)
            throws IOException, InterruptedException {
        // GIVEN a real SavedModel that 'run' runs in the tool's own process
        String model = TestData.sharedModel("tfserving-half-plus-two-tf2").resolve("model").toString();
        Path launcher = TARGET.resolve("bin").resolve("scission");
        Map<String, String> env = Map.of("SCISSION_CACHE_DIR", cache.toString());

        // WHEN
        Result quiet = run(launcher, env, "run", model);
        Result debug = run(launcher, env, "--debug", "run", model);
        Result failed = run(launcher, env, "run", model, "--input", cache.resolve("missing.npy").toString());

        // THEN TensorFlow's INFO lines (its own and those it logs through absl) are there only with --debug, so that
        // the tool's output and errors stand alone; the exit codes are the tool's
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.out()).contains("Ran model tfserving-half-plus-two-tf2 1 time:");
        assertThat(quiet.err()).isEmpty();
        assertThat(debug.code()).isZero();
        assertThat(debug.err()).contains("I tensorflow/", "] MLIR V1 optimization pass is not enabled",
                "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR");
        assertThat(failed.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(failed.err()).startsWith("error: ").contains("missing.npy").hasLineCount(1);
    }

    @Test
    void should_stop_the_tool_when_the_launcher_of_a_filtered_command_gets_a_signal(@TempDir Path cache)
            throws IOException, InterruptedException {
        // GIVEN 'run' repeating a model for far longer than the test, its output read until it has started
        String model = TestData.sharedModel("tfserving-half-plus-two-tf2").resolve("model").toString();
        ProcessBuilder pb = new ProcessBuilder(TARGET.resolve("bin").resolve("scission").toString(), "run", model,
                "--repeats", "2000000000").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SCISSION_CACHE_DIR", cache.toString());
        Process p = pb.start();
        List<ProcessHandle> started;
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("Input: ")) {
                line = out.readLine();
            }
            assertThat(line).as("the run started").isNotNull();
            started = p.descendants().toList();
            assertThat(started).as("the JVM and the filter").isNotEmpty();

            // WHEN a supervisor stops the launcher by its PID
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).inheritIO().start().waitFor();

            // THEN the launcher ends, and with it everything it started
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(143);
        for (ProcessHandle h : started) {
            h.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(h.isAlive()).as(h.info().commandLine().orElse("?")).isFalse();
        }
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

    @Test
    void should_run_the_java_of_scission_java_before_java_home_when_both_are_set(@TempDir Path cache,
            @TempDir Path home) throws IOException, InterruptedException {
        // GIVEN this test's Java as SCISSION_JAVA (once as its home, once as its java), and a JAVA_HOME without java
        Path launcher = TARGET.resolve("bin").resolve("scission");
        String javaHome = System.getProperty("java.home");
        Map<String, String> env = Map.of("SCISSION_CACHE_DIR", cache.toString(), "JAVA_HOME", home.toString(),
                "SCISSION_LAUNCHER_TRACE", "1");

        // WHEN
        Result byHome = run(launcher, with(env, "SCISSION_JAVA", javaHome), readmeQuery());
        Result byJava = run(launcher, with(env, "SCISSION_JAVA", javaHome + "/bin/java"), readmeQuery());
        Result wrong = run(launcher, with(env, "SCISSION_JAVA", home.toString()), readmeQuery());

        // THEN SCISSION_JAVA is run, whichever form; one that is neither says so and what to do
        for (Result r : List.of(byHome, byJava)) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines()).containsExactlyElementsOf(README);
            assertThat(r.err()).contains(" " + javaHome + "/bin/java ");
        }
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("scission: SCISSION_JAVA (" + home + ") is neither a java executable nor "
                + "a Java home with bin/java. Maybe set it to a Java 17 or later, or unset it.\n");
    }

    @Test
    void should_run_without_a_cache_when_the_cache_cannot_be_written(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN a cache folder that cannot be made (a file is in its way), and a cache kind nobody knows
        Path launcher = TARGET.resolve("bin").resolve("scission");
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Map<String, String> env = Map.of("SCISSION_CACHE_DIR", file.resolve("scission").toString(),
                "SCISSION_LAUNCHER_TRACE", "1");

        // WHEN
        Result first = run(launcher, env, readmeQuery());
        Result second = run(launcher, env, readmeQuery());
        Result unknown = run(launcher, Map.of("SCISSION_CACHE", "jit"), readmeQuery());

        // THEN the command runs as usual, plainly
        for (Result r : List.of(first, second)) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines()).containsExactlyElementsOf(README);
            assertThat(r.err()).doesNotContain("SharedArchiveFile", "DumpLoadedClassList", "AOT");
        }
        assertThat(Files.readString(file)).isEqualTo("not a folder");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("scission: SCISSION_CACHE (jit) must be cds, aot or off. Maybe unset it "
                + "(the default is cds).\n");
    }

    @Test
    void should_record_then_write_then_use_an_aot_cache_when_the_java_is_25_or_later(@TempDir Path cache,
            @TempDir Path logs) throws IOException, InterruptedException {
        // GIVEN a Java 25 or later (skipped without one), and an empty cache
        Path java25 = TestData.javaAtLeast(25);
        Path launcher = TARGET.resolve("bin").resolve("scission");
        Map<String, String> env = Map.of("SCISSION_CACHE_DIR", cache.toString(), "SCISSION_JAVA", java25.toString(),
                "SCISSION_CACHE", "aot", "SCISSION_LAUNCHER_TRACE", "1");

        // WHEN a failed run, then three good ones
        Result failed = run(launcher, env, "predict", TestData.originalData().toString(), "missing.csv", "vgg19");
        List<Path> afterFailed = files(cache);
        Result first = run(launcher, env, readmeQuery());
        List<Path> afterFirst = files(cache);
        Result second = run(launcher, env, readmeQuery());
        Path log = logs.resolve("classes.log");
        Result third = run(launcher, with(env, "SCISSION_OPTS", "-Xlog:class+load=info:file=" + log),
                readmeQuery());

        // THEN the failed run's configuration is dropped; the first good run records one, the second writes the
        // cache from it and starts from it, as the third does; the answers and standard error are the same as ever
        assertThat(failed.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(afterFailed).isEmpty();
        assertThat(afterFirst).singleElement().asString().endsWith(".aotconf");
        assertThat(first.err()).contains("-XX:AOTMode=record");
        assertThat(second.err()).contains("-XX:AOTCache=").doesNotContain("AOTMode=record");
        assertThat(files(cache)).singleElement().asString().endsWith(".predict.aot");
        for (Result r : List.of(first, second, third)) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err().lines()).singleElement().asString().startsWith("scission: TF_CPP_MIN_LOG_LEVEL=2 ");
            assertThat(r.out().lines()).containsExactlyElementsOf(README);
        }
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("io.scission.cli.original.OriginalPredictor "
                + "source: shared objects file"));
    }

    @Test
    void should_keep_an_archive_per_java_when_two_javas_take_turns(@TempDir Path cache)
            throws IOException, InterruptedException {
        // GIVEN this test's Java and a Java 25 or later (skipped without one), each with its archive written
        Path java25 = TestData.javaAtLeast(25);
        Path launcher = TARGET.resolve("bin").resolve("scission");
        Map<String, String> first = Map.of("SCISSION_CACHE_DIR", cache.toString(), "SCISSION_JAVA",
                System.getProperty("java.home"));
        Map<String, String> second = Map.of("SCISSION_CACHE_DIR", cache.toString(), "SCISSION_JAVA",
                java25.toString());
        for (Map<String, String> env : List.of(first, first, second, second)) {
            assertThat(run(launcher, env, readmeQuery()).code()).isZero();
        }
        List<Path> archives = files(cache).stream().filter(p -> p.toString().endsWith(".jsa")).toList();
        List<FileTime> written = new ArrayList<>();
        for (Path a : archives) {
            written.add(Files.getLastModifiedTime(a));
        }

        // WHEN they take turns
        Result a = run(launcher, with(first, "SCISSION_LAUNCHER_TRACE", "1"), readmeQuery());
        Result b = run(launcher, with(second, "SCISSION_LAUNCHER_TRACE", "1"), readmeQuery());

        // THEN each maps its own archive, which neither rewrites
        assertThat(archives).hasSize(2);
        for (Result r : List.of(a, b)) {
            assertThat(r.out().lines()).containsExactlyElementsOf(README);
            assertThat(r.err()).contains("-XX:SharedArchiveFile=").doesNotContain("DumpLoadedClassList");
        }
        for (int i = 0; i < archives.size(); i++) {
            assertThat(Files.getLastModifiedTime(archives.get(i))).isEqualTo(written.get(i));
        }
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(env);
        more.put(name, value);
        return more;
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
