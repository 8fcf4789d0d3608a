package io.scission.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scission.cli.ScissionCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The progress bar is drawn only when standard error, the stream it is written to, is a terminal: checked with a
 * real pseudo-terminal ({@code script} from util-linux) around the tool run as a process, with {@link TestProfiler}
 * on the class path, and through the decision's inputs.
 */
class ProgressTerminalTest {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @ParameterizedTest(name = "property={0}, fd2={1}, console={2}")
    @CsvSource(nullValues = "null", value = {
        "true, pipe:[123], false, true",
        "false, /dev/pts/0, true, false",
        "null, /dev/pts/3, false, true",
        "null, /dev/tty1, false, true",
        "null, /dev/console, false, true",
        "null, /tmp/err.txt, true, false",
        "null, pipe:[123], true, false",
        "null, null, true, true",
        "null, null, false, false",
        "maybe, /tmp/err.txt, true, false"})
    void should_decide_from_the_stream_written_when_asking_whether_stderr_is_a_terminal(String property, String fd2,
            boolean console, boolean expected) {
        // GIVEN / WHEN
        boolean terminal = Progress.isTerminal(property, fd2, console);

        // THEN
        assertThat(terminal).isEqualTo(expected);
    }

    @Test
    void should_write_plain_lines_into_the_file_when_stderr_is_redirected_on_a_terminal(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN a terminal whose stdin and stdout stay the terminal, stderr redirected to a file
        assumeThat(Files.isExecutable(SCRIPT)).as("script (util-linux) is installed").isTrue();
        Path err = dir.resolve("err.txt");

        // WHEN
        String terminal = onTerminal(dir, " 2>" + quote(err.toString()));

        // THEN no bar in the file, and nothing of the progress on the terminal
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(text).contains("VGG16 on pi (default threads): 1/3 pass 1", "3/3 pass 3")
                .doesNotContain("\r", "\u001b");
        assertThat(terminal).contains("Profile written to").doesNotContain("pass 1");
    }

    @Test
    void should_draw_the_bar_in_place_when_stderr_is_the_terminal(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN
        assumeThat(Files.isExecutable(SCRIPT)).as("script (util-linux) is installed").isTrue();

        // WHEN
        String terminal = onTerminal(dir, "");

        // THEN
        assertThat(terminal).contains("\rVGG16 on pi (default threads) [##########--------------------] 1/3 pass 1",
                "\u001b[K", "Profile written to");
    }

    /** Runs {@code scission profile} (a child JVM included) on a pseudo-terminal; returns what the terminal showed. */
    private static String onTerminal(Path dir, String redirect) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ScissionCli.class.getName(), "profile", "vgg16",
                "--resource", "pi", "--tier", "edge", "--repeats", "3", "-o", dir.resolve("p.json").toString()));
        StringBuilder line = new StringBuilder();
        for (String a : java) {
            line.append(quote(a)).append(' ');
        }
        line.append(redirect);
        Path shown = dir.resolve("terminal.txt");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-q", "-e", "-c", line.toString(), "/dev/null")
                .redirectErrorStream(true).redirectOutput(shown.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove(io.scission.cli.TensorFlowOptions.THREADPOOL_ENV);
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("finished within 90 s").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(shown, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
