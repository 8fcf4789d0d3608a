package io.scission.cli;

import io.scission.original.OriginalData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixtures: the original tool's sample data (never in the repository: from {@code -Dscission.data}, which Maven
 * sets to {@code ../shared/scission-data} beside the checkout or to {@code SCISSION_DATA}), the third-party model
 * files in scission-tf's test resources, and a way to run the command line in-process.
 */
public final class TestData {

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+).*");

    private TestData() {
    }

    /**
     * Returns the folder of the original's sample benchmark files, or skips the calling test when it is absent (the
     * first skip prints how to get the files): core's {@link OriginalData#folder()}, so both modules look in the same
     * place and say the same.
     *
     * @return the folder
     */
    public static Path originalData() {
        return OriginalData.folder();
    }

    /**
     * Returns a Java home of the given version or later, or skips the calling test when there is none: the system
     * property {@code scission.test.java} (a Java home), else the newest such home in {@code /usr/lib/jvm}, where
     * Debian's and Temurin's packages install them.
     *
     * @param version the least feature version, e.g. 25
     * @return the Java home
     */
    public static Path javaAtLeast(int version) {
        String property = System.getProperty("scission.test.java");
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
                candidates.addAll(homes.sorted(Comparator.reverseOrder()).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path home : candidates) {
            if (featureVersion(home) >= version && Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return home;
            }
        }
        Assumptions.abort("no Java " + version + " or later (set -Dscission.test.java=<a Java home>)");
        throw new AssertionError("unreachable");
    }

    /** The feature version in a Java home's release file, or 0. */
    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                Matcher m = RELEASE_VERSION.matcher(line);
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
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
