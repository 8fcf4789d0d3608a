package io.scission.tf.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds and runs every zoo model in its own JVM ({@link ZooBuildProbe}), with weights as variables (the default)
 * and, for the largest models, as constants. Checks that TF's static shapes equal the Java-side inference for every
 * layer and that the softmax output is finite and sums to 1; appends the measurements to
 * {@code target/zoo-build.txt}. Slow (several minutes): runs with {@code mvn -P slow verify}.
 */
class ZooBuildIT {

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (ZooModel m : KerasZoo.models()) {
            runs.add(Arguments.of(m.key(), "VARIABLES"));
        }
        for (String key : new String[] {"vgg19", "nasnetlarge", "mobilenet"}) {
            runs.add(Arguments.of(key, "CONSTANTS"));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void should_build_run_and_match_the_inferred_shapes_when_building_a_zoo_model(String key, String mode)
            throws IOException, InterruptedException {
        // WHEN
        Map<String, String> probe = probe(key, mode);

        // THEN
        assertThat(probe.get("shape_mismatches")).as(probe.toString()).isEqualTo("0");
        assertThat(probe.get("finite")).isEqualTo("true");
        assertThat(Double.parseDouble(probe.get("sum"))).isBetween(0.999, 1.001);
    }

    static Map<String, String> probe(String key, String mode) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                ZooBuildProbe.class.getName(), key, mode);
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double wall = (System.nanoTime() - start) / 1e9;
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("PROBE ")).findFirst().orElseThrow(
                () -> new AssertionError(out));
        Map<String, String> values = new HashMap<>();
        for (String kv : line.substring(6).split(" ")) {
            int eq = kv.indexOf('=');
            values.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Files.writeString(Path.of("target", "zoo-build.txt"),
                String.format(java.util.Locale.ROOT, "%s process_wall_s=%.1f%n", line, wall),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return values;
    }
}
