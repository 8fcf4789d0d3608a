package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelParser;
import io.scission.spi.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing the providers and asking them for names, priorities, availability and whether they accept a source must not load the
 * native TensorFlow runtime (680 MB, about a second): commands that need no TensorFlow stay fast. Checked in a
 * fresh JVM, whose memory map shows whether {@code libtensorflow} was loaded.
 */
class NoNativesTest {

    /** The child JVM: touches the providers like a command that needs no TensorFlow, then reports its memory map. */
    public static void main(String[] args) throws IOException {
        ModelSource src = ModelSource.of(Path.of(args[0]));
        for (ModelParser p : ServiceLoader.load(ModelParser.class)) {
            System.out.println(p.name() + " " + p.priority() + " " + p.accepts(src));
        }
        for (BlockProfiler p : ServiceLoader.load(BlockProfiler.class)) {
            System.out.println(p.name() + " " + p.priority() + " " + p.accepts(src));
        }
        if (args.length > 1) {
            System.out.println("availability " + new TensorFlowModelParser().availability().available());
        }
        if (args.length > 2) {
            try {
                System.out.println("layers " + new TensorFlowModelParser().parse(src).size());
            } catch (ModelLoadException e) {
                System.out.println("error " + e.getMessage());
            }
        }
        boolean loaded = Files.readString(Path.of("/proc/self/maps")).contains("libtensorflow");
        System.out.println("natives loaded: " + loaded);
    }

    private static String child(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), NoNativesTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void should_not_load_tensorflow_when_providers_are_only_listed_and_asked_to_accept() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux only");
        String model = Models.require(Models.OPENMV).toString();
        assertThat(child(model)).contains("tensorflow 0 true").contains("natives loaded: false");
        // nor does availability(), which finds the native library without loading it
        assertThat(child(model, "availability")).contains("availability true").contains("natives loaded: false");
        // the control: parsing a SavedModel loads the runtime, and the check sees it
        assertThat(child(model, "availability", "parse")).contains("natives loaded: true");
    }

    @Test
    void should_not_load_tensorflow_when_a_saved_model_file_is_empty(@TempDir Path dir) throws Exception {
        // GIVEN a SavedModel directory whose saved_model.pb has 0 bytes (an export cut short)
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux only");
        Files.write(dir.resolve("saved_model.pb"), new byte[0]);

        // WHEN / THEN the error comes before TensorFlow is loaded, so none of its log lines precede it
        assertThat(child(dir.toString(), "availability", "parse")).contains("error " + dir.resolve("saved_model.pb")
                + ": the file is empty (0 bytes)").contains("natives loaded: false");
    }
}
