package io.scission.cli.deploy;

import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData.Run;
import io.scission.cli.TestData;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Npy;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.tf.zoo.KerasZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md "Deploy a plan", run as written: the shell block's commands (in a directory that holds what the README's
 * earlier steps make: MobileNet profiles of a device and an edge server, with made-up times, and an input x.npy;
 * relative paths resolved against it). The section's Java block is compiled and run by
 * {@link io.scission.snippets.SnippetsIT}.
 */
class ReadmeDeployExampleTest {

    static final Path README = Path.of("..", "README.md");

    static String section() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Deploy a plan");
        assertThat(start).as("README has a 'Deploy a plan' section").isNotNegative();
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    static String block(String section, String language) {
        int start = section.indexOf("```" + language + "\n");
        assertThat(start).isNotNegative();
        return section.substring(start + language.length() + 4, section.indexOf("```", start + 3));
    }

    /** What the README's earlier steps leave in the working directory. */
    static void prepare(Path dir) {
        ExportCommandTest.write(dir.resolve("profiles/mobilenet"), KerasZoo.architecture("mobilenet").toModelGraph()
                .blocks(PartitionRule.SCISSION), List.of(Resource.of("pi", Tier.DEVICE), Resource.of("edge1", EDGE)));
        float[] x = new float[224 * 224 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 255) / 255f;
        }
        Npy.write(dir.resolve("x.npy"), HostTensor.ofFloats(List.of(1L, 224L, 224L, 3L), x));
    }

    @Test
    void should_run_the_readme_commands_as_written(@TempDir Path dir) throws IOException {
        // GIVEN
        prepare(dir);
        List<String> commands = block(section(), "sh").lines().filter(l -> l.startsWith("$S ")).toList();
        assertThat(commands).hasSize(4);

        // WHEN / THEN every command succeeds
        List<Run> runs = new ArrayList<>();
        for (String command : commands) {
            List<String> args = new ArrayList<>();
            for (String token : command.substring(3).split(" +")) {
                boolean path = token.startsWith("deploy/") || token.startsWith("profiles/") || token.endsWith(".npy");
                args.add(path ? dir.resolve(token).toString() : token);
            }
            Run run = TestData.run(args.toArray(String[]::new));
            assertThat(run.code()).as(command + ": " + run.err()).isZero();
            runs.add(run);
        }
        // AND the chain reproduces the whole model, and the outputs are written
        assertThat(runs.get(1).lines()).anySatisfy(l -> assertThat(l).startsWith("Output probs: chain vs whole model")
                .endsWith(": same"));
        assertThat(Npy.read(dir.resolve("deploy/probs.npy")).shape()).containsExactly(1L, 1000L);
        assertThat(runs.get(2).lines()).first().asString().startsWith("Plan 1 of ");
        assertThat(Npy.read(dir.resolve("deploy/y.npy")).shape()).containsExactly(1L, 1000L);
    }
}
