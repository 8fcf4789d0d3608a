package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops {@code scission profile} the way a supervisor does: a real SIGTERM or SIGINT sent to the CLI process's own
 * id while it profiles (in a child JVM for a thread count, or in its own JVM when the environment already allows
 * one). The run must end within seconds, leave no process behind, and leave the {@code -o} file as it was.
 */
class ProfileSignalIT {

    private static final Path JAR = Path.of("target", "scission.jar");
    /** Far below the run's remaining work (hours), far above a pass (ms) plus the JVMs' shutdown. */
    private static final int STOP_BOUND_SECONDS = 15;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, child JVM {1}")
    @CsvSource({"TERM, true", "INT, true", "TERM, false"})
    void should_stop_everything_and_keep_the_old_profile_when_the_cli_gets_a_signal(String signal, boolean child)
            throws Exception {
        // GIVEN a signal this JVM does not ignore: a process started in the background of a shell without job
        // control (e.g. `nohup mvn ... &`) ignores SIGINT, and every process it starts inherits that, by POSIX rule
        assumeThat(ignoredSignals() & (1L << (signalNumber(signal) - 1)))
                .as("SIG%s is ignored by the JVM running this test (inherited from how the build was started), so the"
                        + " CLI it starts would ignore it too; run the build in the foreground", signal)
                .isZero();
        // AND a profile file from an earlier run, and a run that would take hours to replace it
        Path model = Path.of(getClass().getResource("profile/tiny_fcn.json").toURI());
        Path old = Files.writeString(dir.resolve("pi.json"), "{\"the\": \"old profile\"}");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString(), "profile", model.toString(), "--input-shape", "24x24x3",
                "--resource", "pi", "--tier", "device", "--threads", "1", "--warmups", "0", "--repeats", "1000000",
                "-o", old.toString()));
        if (!child) {
            // in this JVM: the thread pool variable set, and --debug, or the CLI would still use a child JVM to keep
            // TensorFlow's log lines off its own standard error
            command.add("--debug");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (child) {
            pb.environment().remove("TF_OVERRIDE_GLOBAL_THREADPOOL");
        } else {
            pb.environment().put("TF_OVERRIDE_GLOBAL_THREADPOOL", "1");
        }
        Process cli = pb.start();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            CountDownLatch passes = new CountDownLatch(3);
            List<String> errors = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(cli.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.contains("/1000000 pass ")) {
                            passes.countDown();
                        } else if (errors.size() < 50) {
                            errors.add(line);
                        }
                    }
                } catch (IOException e) {
                    errors.add(e.toString());
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertThat(passes.await(120, TimeUnit.SECONDS)).as("timed passes started; stderr: %s", errors).isTrue();
            cli.descendants().forEach(started::add);
            assertThat(started).as("child JVMs").hasSize(child ? 1 : 0);

            // WHEN
            long t0 = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
            boolean ended = cli.waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;

            // THEN
            assertThat(ended).as("the CLI ended within %d s of SIG%s", STOP_BOUND_SECONDS, signal).isTrue();
            for (ProcessHandle p : started) {
                assertThat(p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join().isAlive())
                        .as("child JVM %d still running after the CLI ended", p.pid()).isFalse();
            }
            assertThat(seconds).isLessThan(STOP_BOUND_SECONDS);
            assertThat(cli.exitValue()).isEqualTo(128 + signalNumber(signal));
            assertThat(Files.readString(old)).isEqualTo("{\"the\": \"old profile\"}");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pi.json");
            }
        } finally {
            cli.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int signalNumber(String signal) {
        return signal.equals("TERM") ? 15 : 2;
    }

    /** The signals this process ignores ({@code SigIgn} of {@code /proc/self/status}, bit n-1 for signal n). */
    private static long ignoredSignals() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("SigIgn:")).findFirst()
                    .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16)).orElse(0L);
        }
    }
}
