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
 * class or to scission-tf, so loading {@code predict} or {@code plan} can never load TensorFlow's classes or its
 * ~160 MB of natives. (A future command that profiles reaches TensorFlow only through core's SPI.)
 */
class NoTensorFlowTest {

    @Test
    void should_not_refer_to_tensorflow_when_compiling_the_commands() throws IOException, URISyntaxException {
        // GIVEN every class of the tool, as compiled
        Path classes = Path.of(ScissionCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("io/scission/cli"))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }

        // WHEN / THEN class names in the constant pool are stored as UTF-8 text
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain("org/tensorflow", "io/scission/tf");
        }
    }
}
