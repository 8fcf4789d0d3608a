package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.cli.TestData.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code --json} output is a versioned document ({@code format}, {@code version}) described in
 * {@code docs/file-formats.md}, and writes the names of closed sets in lower case, as the command line takes them.
 */
class JsonOutputTest {

    /** Fields whose text is free (names, the query in core's syntax), not a name from a closed set. */
    private static final Set<String> FREE_TEXT = Set.of("query", "blockers", "explanation", "name", "model", "key",
            "resource", "from", "to", "source", "className", "format");

    static List<List<String>> jsonCommands() {
        String data = TestData.originalData().toString();
        return List.of(
                List.of("scission-plan", "plan", "--original", data, "vgg19", "--preset", "4g", "--must-use", "edge",
                        "--objective", "weighted:1,0.5", "--strategy", "exhaustive", "--return-result", "--json"),
                List.of("scission-plan", "plan", "--original", data, "vgg19", "--preset", "3g", "--deadline", "1ms",
                        "--json"),
                List.of("scission-models", "models", "--json"),
                List.of("scission-model", "inspect", "MobileNetV2", "--json"));
    }

    @ParameterizedTest
    @MethodSource("jsonCommands")
    void should_write_a_documented_versioned_document_when_asked_for_json(List<String> command) throws IOException {
        // GIVEN
        String format = command.get(0);
        List<String> args = command.subList(1, command.size());

        // WHEN
        Run run = TestData.run(args.toArray(new String[0]));

        // THEN
        assertThat(run.err()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("format").asText()).isEqualTo(format);
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(fileFormats()).as("docs/file-formats.md has a section for " + format)
                .contains("### `" + format + "`, version 1");
        List<String> shouting = new ArrayList<>();
        closedSetValues(root, "", shouting);
        assertThat(shouting).as("values written in upper case").isEmpty();
    }

    /** Collects text values outside free-text fields that look like Java enum constants (LATENCY, DEVICE). */
    private static void closedSetValues(JsonNode node, String field, List<String> shouting) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!FREE_TEXT.contains(f.getKey())) {
                    closedSetValues(f.getValue(), f.getKey(), shouting);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> closedSetValues(n, field, shouting));
        } else if (node.isTextual() && node.asText().matches(".*[A-Z].*")) {
            shouting.add(field + "=" + node.asText());
        }
    }

    private static String fileFormats() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("file-formats.md");
            if (Files.isRegularFile(doc)) {
                return Files.readString(doc, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("docs/file-formats.md is not in any parent of the working directory.");
    }
}
