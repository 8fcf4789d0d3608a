package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scission.cli.TestData.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bash/zsh completion script that the build writes from the commands' annotations
 * ({@code target/completion/scission}, {@link BuildFiles}) is current, loads in bash (and zsh, where installed)
 * and completes commands, options and values.
 */
class CompletionTest {

    private static final Path SCRIPT = Path.of("target", "completion", "scission").toAbsolutePath();

    @Test
    void should_be_the_script_of_todays_commands_when_the_build_wrote_it() throws IOException {
        // GIVEN / WHEN
        String built = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        Run printed = TestData.run("generate-completion");

        // THEN the file is what the tool prints now, and it covers every command
        assertThat(built).isEqualTo(BuildFiles.completion());
        assertThat(printed.out()).isEqualTo(built + System.lineSeparator());
        assertThat(built).contains("complete -F _complete_scission -o default scission");
        for (String command : ScissionCli.COMMANDS) {
            assertThat(built).contains("function _picocli_scission_" + command + "()");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scission pl|plan",
        "scission plan --pre|--preset",
        "scission predict --result|--result-count",
        "scission profile --partition-r|--partition-rule",
        "scission report --max-transfer-o|--max-transfer-out",
        "scission ex|export",
        "scission export --no-v|--no-verify",
        "scission run --comp|--compare"})
    void should_complete_in_bash_when_the_script_is_sourced(String line, String expected)
            throws IOException, InterruptedException {
        // GIVEN / WHEN
        String replies = complete("bash", "", "", line);

        // THEN
        assertThat(replies.lines()).contains(expected);
    }

    @Test
    void should_complete_in_zsh_when_loaded_through_bashcompinit() throws IOException, InterruptedException {
        // GIVEN zsh, if installed (Debian package zsh)
        assumeThat(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")))
                .as("zsh is installed").isTrue();

        // WHEN
        String replies = complete("zsh", "autoload -U +X compinit && compinit -u; autoload -U +X bashcompinit && "
                + "bashcompinit; ", "setopt ksharrays; ", "scission plan --must-use-r");

        // THEN the function offers plan's options (zsh itself then keeps those that match what was typed)
        assertThat(replies.lines()).contains("--must-use-resource", "--preset").doesNotContain("--result-count");
    }

    /**
     * Sources the script in a shell (after {@code load}), asks its function to complete a line (after {@code call}),
     * and returns the replies, one per line.
     */
    private static String complete(String shell, String load, String call, String line)
            throws IOException, InterruptedException {
        List<String> words = List.of(line.split(" "));
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        String program = load + "source '" + SCRIPT + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.size() - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; " + call
                + "_complete_scission; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder(shell, "-c", program).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
