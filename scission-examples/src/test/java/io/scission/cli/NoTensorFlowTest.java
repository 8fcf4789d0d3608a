package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps TensorFlow out of the commands that do not need it: no compiled class of the tool may refer to a TensorFlow
 * class, nor to scission-tf outside its TensorFlow-free Keras reader and zoo ({@code io.scission.tf.keras},
 * {@code io.scission.tf.zoo}). Commands that run models ({@code profile}, {@code demo}) reach TensorFlow only through
 * core's SPI ({@code Scission.profile}), so loading any command's class never loads TensorFlow's classes or its
 * ~160 MB of natives. The one exception is {@link TensorFlowOptions}, which configures scission-tf's providers (input
 * shapes, a child JVM for thread counts) and is loaded only when a command profiles or parses a graph with input
 * shapes. {@code ScissionJarIT} checks the same at run time, with the JVM's class-loading log.
 */
class NoTensorFlowTest {

    @Test
    void should_not_refer_to_tensorflow_when_compiling_the_commands() throws IOException, URISyntaxException {
        // GIVEN every class of the tool, as compiled
        Path classes = Path.of(ScissionCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("io/scission/cli"))) {
            files = walk.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("TensorFlowOptions.class")).toList();
        }

        // WHEN / THEN class names in the constant pool are stored as UTF-8 text
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain("org/tensorflow", "org/bytedeco");
            assertThat(bytes.replace("io/scission/tf/keras/", "").replace("io/scission/tf/zoo/", ""))
                    .as(file.toString()).doesNotContain("io/scission/tf/");
        }
    }
}
