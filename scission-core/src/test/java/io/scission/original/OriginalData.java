package io.scission.original;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the original Scission tool's benchmark files are for tests: {@code -Dscission.data} (Maven sets it to
 * {@code ../shared/scission-data} beside the checkout, or to {@code SCISSION_DATA}). They have no licence, so they
 * are never committed; tests that need them are skipped when they are absent, and the build output says how to get
 * them.
 */
public final class OriginalData {

    private static boolean told;

    private OriginalData() {
    }

    /**
     * Returns the folder of the original's benchmark files, or skips the calling test if it is absent.
     *
     * @return the folder
     */
    public static Path folder() {
        String property = System.getProperty("scission.data");
        String env = System.getenv("SCISSION_DATA");
        Path folder = (property != null && !property.isBlank() ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared", "scission-data"))
                .toAbsolutePath().normalize();
        boolean present = Files.isRegularFile(folder.resolve("device-raspi4.dat"));
        if (!present) {
            tell(folder);
        }
        Assumptions.assumeTrue(present, () -> "the original Scission tool's benchmark files are not in " + folder);
        return folder;
    }

    private static synchronized void tell(Path folder) {
        if (!told) {
            told = true;
            System.err.println(message(folder));
        }
    }

    /**
     * The line the build prints once per test JVM when the files are absent.
     *
     * @param folder where they were looked for
     * @return the message
     */
    public static String message(Path folder) {
        return "[scission] SKIPPED tests that need the original Scission tool's benchmark files (*.dat): none in "
                + folder + ". To run them: git clone https://github.com/qub-blesson/Scission and run "
                + "mvn -B verify -Dscission.data=<clone>/benchmark_data (or set SCISSION_DATA).";
    }
}
