package io.scission.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixtures: the original tool's sample data, found in the shared checkout (never copied into the repo), and
 * a way to run the command line in-process.
 */
public final class TestData {

    private TestData() {
    }

    /**
     * Returns the folder of the original's sample benchmark files, {@code shared/scission-data}, found by walking
     * up from the working directory (the module when Maven runs tests); the system property
     * {@code scission.data} overrides it.
     *
     * @return the folder
     */
    public static Path originalData() {
        String override = System.getProperty("scission.data");
        if (override != null) {
            return Path.of(override).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("scission-data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The original tool's sample data (shared/scission-data) is not in any parent "
                + "of " + Path.of("").toAbsolutePath() + ".\nMaybe set -Dscission.data=/path/to/scission-data.");
    }

    /**
     * Returns a folder of {@code shared/models} (real model files, never copied into the repo), found like
     * {@link #originalData()}.
     *
     * @param name the folder's name, e.g. {@code ml5-doodlenet-tfjs-layers}
     * @return the folder
     */
    public static Path sharedModel(String name) {
        return originalData().getParent().resolve("models").resolve(name);
    }

    /**
     * The outcome of one run of the command line.
     *
     * @param code the exit code
     * @param out standard output
     * @param err standard error
     */
    public record Run(int code, String out, String err) {

        /** Returns standard output's lines. @return the lines */
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    /**
     * Runs {@code scission} with the arguments, in this JVM.
     *
     * @param args the arguments
     * @return the outcome
     */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScissionCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }
}
