package io.scission.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} starts without regular expressions, lambdas, records' generated methods or {@code Formatter} (#15:
 * each costs milliseconds of a command that takes ~140 ms), also with value options: durations, sizes, shares,
 * energies, power figures, an energy limit and objective, {@code --include}. A child JVM runs {@code scission plan}
 * on the original's VGG19 data with {@code -Xlog:class+load}; the log must name none of those JDK classes.
 */
class PlanStartClassesTest {

    @TempDir
    Path dir;

    /** Loaded only by what the start path must not use. */
    private static final List<String> AVOIDED = List.of("java.util.regex.Pattern", "java.lang.invoke.LambdaMetafactory",
            "java.lang.runtime.ObjectMethods", "java.util.Formatter");

    private List<String> classesLoaded(String name, String... options) throws IOException, InterruptedException {
        Path data = TestData.originalData();
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "io.scission.cli.ScissionCli", "plan", "--original", data.toString(), "vgg19", "--network-csv",
                data.resolve("network_stats.csv").toString(), "--top", "3"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out")
                .toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(dir.resolve(name + ".out"));
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("rank  latency (s)");
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // [0.012s][info][class,load] java.lang.Object source: shared objects file
            int at = line.indexOf("] ", line.indexOf("[class,load]"));
            classes.add(line.substring(at + 2, line.indexOf(' ', at + 2)));
        }
        return classes;
    }

    @Test
    void should_load_no_regex_or_invoke_classes_when_plan_reads_value_options() throws Exception {
        // WHEN plan runs with every kind of value option, a latency objective with every constraint, then an energy
        // objective with an energy limit
        List<String> constraints = classesLoaded("constraints", "--max-transfer", "device:edge=10MB",
                "--max-transfer-out", "device=10MB", "--max-total-transfer", "100 MB", "--input-size", "150KB",
                "--max-compute-time", "device=10s", "--deadline", "2min", "--min-layers", "device=0", "--max-layers",
                "device=30", "--min-layer-share", "device=0%", "--max-layer-share", "device=1", "--min-compute-share",
                "device=0%", "--max-compute-share", "device=100%:latency", "--include", "edge=vm2Core,2500",
                "--power", "device=compute:4.5W,transmit:1200mW,idle:0.9W", "--max-energy", "device=1kJ");
        List<String> energy = classesLoaded("energy", "--objective", "weighted:1,0.5,0.1:device", "--power",
                "device=compute:4.5W,transmit:1.2W,idle:0.9W", "--max-energy", "device=2.5e3mJ", "--deadline",
                "2500ms");

        // THEN the options were read (PlanValues, the constraints) and none of the avoided classes was loaded
        assertThat(constraints).contains("io.scission.cli.plan.PlanValues", "io.scission.query.MaxTransfer",
                "io.scission.query.Include", "io.scission.query.MaxEnergy", "io.scission.platform.DataSize")
                .doesNotContainAnyElementsOf(AVOIDED);
        assertThat(energy).contains("io.scission.cli.plan.PlanValues", "io.scission.query.Deadline")
                .doesNotContainAnyElementsOf(AVOIDED);
    }
}
