package io.scission.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixtures: the original tool's sample data, found in the shared checkout (never copied into the repo).
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
}
