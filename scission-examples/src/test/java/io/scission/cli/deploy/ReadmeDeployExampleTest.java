package io.scission.cli.deploy;

import static io.scission.platform.Tier.EDGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.PartitionConfig;
import io.scission.Scission;
import io.scission.cli.TestData.Run;
import io.scission.cli.TestData;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.Npy;
import io.scission.deploy.RunReport;
import io.scission.deploy.SegmentPlan;
import io.scission.model.PartitionRule;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.tf.zoo.KerasZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md "Deploy a plan", run as written: the shell block's commands (in a directory that holds what the README's
 * earlier steps make: MobileNet profiles of a device and an edge server, with made-up times, and an input x.npy;
 * relative paths resolved against it), and the Java block, which must be the code below.
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

    static final String JAVA = """
            ProfileSet profiles = Scission.readProfiles(Path.of("profiles/mobilenet"));
            PartitionConfig best = Scission.query().mustUse(EDGE)
                    .solve(profiles, Scission.network(NetworkPreset.FOUR_G)).best().orElseThrow();
            Scission.export(new ModelSource("MobileNet"), SegmentPlan.of(profiles, best),    // or SegmentPlan.cuts(...)
                    Path.of("deploy/mobilenet-4g"), ExportOptions.defaults(), ProgressListener.NONE);
            try (Inference chain = Scission.openDeployment(Path.of("deploy/mobilenet-4g"))) {  // or openSegment(dir, i):
                RunReport run = chain.run(Map.of("input_1", Npy.read(Path.of("x.npy"))), 10);  // one segment alone
                run.stages().forEach(s -> System.out.println(s.name() + " " + s.medianSeconds() + " s"));
                Npy.write(Path.of("deploy/y.npy"), run.outputs().get("act_softmax"));
            }
            """;


    @Test
    void should_run_the_readme_code_when_it_is_the_code_below(@TempDir Path dir) throws IOException {
        // GIVEN the README's Java is this test's
        assertThat(block(section(), "java")).isEqualTo(JAVA);
        prepare(dir);

        // WHEN the same code, with the working directory's paths
        ProfileSet profiles = Scission.readProfiles(dir.resolve("profiles/mobilenet"));
        PartitionConfig best = Scission.query().mustUse(EDGE)
                .solve(profiles, Scission.network(NetworkPreset.FOUR_G)).best().orElseThrow();
        Scission.export(new ModelSource("MobileNet"), SegmentPlan.of(profiles, best),
                dir.resolve("deploy/mobilenet-4g"), ExportOptions.defaults(), ProgressListener.NONE);
        RunReport run;
        try (Inference chain = Scission.openDeployment(dir.resolve("deploy/mobilenet-4g"))) {
            run = chain.run(Map.of("input_1", Npy.read(dir.resolve("x.npy"))), 10);
            run.stages().forEach(s -> System.out.println(s.name() + " " + s.medianSeconds() + " s"));
            Npy.write(dir.resolve("deploy/y.npy"), run.outputs().get("act_softmax"));
        }

        // THEN one stage per segment of the plan, ten times each, and the output written
        assertThat(run.stages()).hasSize(best.segments().size())
                .allSatisfy(s -> assertThat(s.seconds()).hasSize(10));
        assertThat(Arrays.asList(Files.list(dir.resolve("deploy")).map(p -> p.getFileName().toString())
                .toArray(String[]::new))).contains("y.npy", "mobilenet-4g");
    }
}
