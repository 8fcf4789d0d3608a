package io.scission.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixtures: the original tool's sample data (never in the repository: from {@code -Dscission.data}, which Maven
 * sets to {@code ../shared/scission-data} beside the checkout or to {@code SCISSION_DATA}), the third-party model
 * files in scission-tf's test resources, and a way to run the command line in-process.
 */
public final class TestData {

    private static boolean told;

    private TestData() {
    }

    /**
     * Returns the folder of the original's sample benchmark files, or skips the calling test when it is absent (the
     * first skip prints how to get the files).
     *
     * @return the folder
     */
    public static Path originalData() {
        String property = System.getProperty("scission.data");
        String env = System.getenv("SCISSION_DATA");
        Path folder = (property != null && !property.isBlank() ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared", "scission-data"))
                .toAbsolutePath().normalize();
        boolean present = Files.isRegularFile(folder.resolve("device-raspi4.dat"));
        if (!present) {
            synchronized (TestData.class) {
                if (!told) {
                    told = true;
                    System.err.println("[scission] SKIPPED tests that need the original Scission tool's benchmark "
                            + "files (*.dat): none in " + folder + ". To run them: git clone "
                            + "https://github.com/qub-blesson/Scission and run mvn -B verify "
                            + "-Dscission.data=<clone>/benchmark_data (or set SCISSION_DATA).");
                }
            }
        }
        Assumptions.assumeTrue(present, () -> "the original Scission tool's benchmark files are not in " + folder);
        return folder;
    }

    /**
     * Returns a folder of the real third-party model files (scission-tf's test resources, {@code -Dscission.models}).
     *
     * @param name the folder's name, e.g. {@code ml5-doodlenet-tfjs-layers}
     * @return the folder
     */
    public static Path sharedModel(String name) {
        String property = System.getProperty("scission.models");
        Path root = property != null && !property.isBlank() ? Path.of(property)
                : Path.of("..", "scission-tf", "src", "test", "resources", "models");
        return root.toAbsolutePath().normalize().resolve(name);
    }

    /**
     * What the README's predict example prints ({@code predict DATA network_stats.csv vgg19 -d !-1 -e 10 -c 16}): the
     * original tool's lines for its sample data.
     */
    public static final List<String> README_PREDICT = List.of(
            "[+] 5 systems loaded : 1 device, 2 edge, 2 cloud",
            "[+] vgg19 results",
            "[1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
            "[2] 9.0594s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
            "[3] 9.0721s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
            "[4] 9.1209s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
            "[5] 9.1511s - 3.2115MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 12, Cloud(6700k(GPU)) = 13 - 25");

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
