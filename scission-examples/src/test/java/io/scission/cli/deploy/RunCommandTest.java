package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.ScissionCli;
import io.scission.cli.TestData.Run;
import io.scission.cli.TestData;
import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scission run} on a deployment of the zoo's MobileNet and on the whole model, from .npy files to .npy
 * files, and on scission-tf's two-input, two-output test model; bad inputs and outputs refused with their file.
 */
class RunCommandTest {

    /** scission-tf's multi-input, multi-output test model (Keras JSON), read in place. */
    static final Path TWO_HEADS = Path.of("..", "scission-tf", "src", "test", "resources", "io", "scission", "tf",
            "deploy", "two_heads.json");

    @TempDir
    static Path dir;
    static Path deployment;
    static Path x;

    @BeforeAll
    static void export() {
        deployment = dir.resolve("mobilenet");
        Run run = TestData.run("export", "MobileNet", "--cut", "30,60", "--resources", "device,edge,cloud",
                "--no-verify", "-o", deployment.toString());
        assertThat(run.code()).as(run.err()).isZero();
        x = dir.resolve("x.npy");
        Npy.write(x, image(List.of(1L, 224L, 224L, 3L), 11));
    }

    static HostTensor image(List<Long> shape, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[(int) shape.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return HostTensor.ofFloats(shape, v);
    }

    @Test
    void should_write_what_the_whole_model_writes_when_running_the_deployment_on_a_file() {
        // GIVEN
        Path split = dir.resolve("split.npy");
        Path whole = dir.resolve("whole.npy");

        // WHEN
        Run chain = TestData.run("run", deployment.toString(), "--input", x.toString(), "--output", split.toString(),
                "--repeats", "3", "--compare");
        Run model = TestData.run("run", "MobileNet", "--input", x.toString(), "--output", whole.toString());

        // THEN one time per segment and end to end, the output file, and the same values as the whole model
        assertThat(chain.code()).as(chain.err()).isZero();
        assertThat(chain.lines()).contains("Input: {input_1=float32[1, 224, 224, 3]}",
                "Ran deployment " + deployment + " 3 times:");
        assertThat(chain.lines()).anySatisfy(l -> assertThat(l).matches("segment 1 +edge +31-60 +\\d+\\.\\d\\d +"
                + "\\d+\\.\\d\\d"));
        assertThat(chain.lines()).anySatisfy(l -> assertThat(l).matches("end to end +- +\\d+\\.\\d\\d +\\d+\\.\\d\\d"));
        assertThat(chain.lines()).anySatisfy(l -> assertThat(l).startsWith("Output act_softmax: float32[1, 1000], "
                + "max |y| ").endsWith(" -> " + split));
        assertThat(chain.lines()).anySatisfy(l -> assertThat(l).matches("Output act_softmax: chain vs whole model "
                + "max \\|diff\\| .*, tolerance 1\\.00e-05: same"));
        assertThat(model.code()).as(model.err()).isZero();
        assertThat(model.lines()).contains("Ran model mobilenet_1.00_224 1 time:");
        HostTensor a = Npy.read(split);
        HostTensor b = Npy.read(whole);
        assertThat(a.shape()).containsExactly(1L, 1000L);
        assertThat(a.maxAbsDifference(b)).isLessThanOrEqualTo(1e-5 * Math.max(1, b.maxAbs()));
    }

    @Test
    void should_name_each_input_and_write_each_output_when_the_model_has_several() {
        // GIVEN
        Path image = dir.resolve("image.npy");
        Path side = dir.resolve("side.npy");
        Npy.write(image, image(List.of(2L, 8L, 8L, 3L), 1));
        Npy.write(side, image(List.of(2L, 4L, 4L, 4L), 2));
        Path y = dir.resolve("y.npy");

        // WHEN a batch of two
        Run run = TestData.run("run", TWO_HEADS.toString(), "--input", "image=" + image, "--input", "side=" + side,
                "--output", y.toString());

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Npy.read(dir.resolve("y.head_a.npy")).shape()).containsExactly(2L, 4L);
        assertThat(Npy.read(dir.resolve("y.scores.npy")).shape()).containsExactly(2L, 3L);
        assertThat(run.lines()).contains("Input: {image=float32[2, 8, 8, 3], side=float32[2, 4, 4, 4]}");

        // WHEN an input is not named
        Run unnamed = TestData.run("run", TWO_HEADS.toString(), "--input", image.toString());

        // THEN
        assertThat(unnamed.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(unnamed.err()).startsWith("error: The model takes 2 inputs (image, side), so --input " + image
                + " must name one. Maybe write --input image=" + image + ".");
    }

    @Test
    void should_name_the_file_when_an_input_does_not_fit_or_is_truncated() throws IOException {
        // GIVEN
        Path bytes = dir.resolve("bytes.npy");
        Npy.write(bytes, HostTensor.of(ElementType.UINT8, List.of(1L, 224L, 224L, 3L), new byte[150528]));
        Path noBatch = dir.resolve("nobatch.npy");
        Npy.write(noBatch, image(List.of(224L, 224L, 3L), 3));
        Path cut = dir.resolve("cut.npy");
        byte[] full = Files.readAllBytes(x);
        Files.write(cut, Arrays.copyOf(full, full.length - 100));

        // WHEN / THEN
        assertFailure(TestData.run("run", deployment.toString(), "--input", bytes.toString()),
                "error: " + bytes + ": The input input_1 (uint8[1, 224, 224, 3]) must be float32 with shape "
                        + "[-1, 224, 224, 3] (-1: any size). Maybe convert it, e.g. x.astype(np.float32).");
        assertFailure(TestData.run("run", deployment.toString(), "--input", noBatch.toString()),
                "error: " + noBatch + ": The input input_1 (float32[224, 224, 3]) must be float32 with shape "
                        + "[-1, 224, 224, 3] (-1: any size). Maybe add the batch dimension, e.g. x[np.newaxis].");
        assertFailure(TestData.run("run", deployment.toString(), "--input", cut.toString()),
                "error: " + cut + ": the file is truncated: its header promises float32 (1, 224, 224, 3), 602112 "
                        + "bytes of data, but only 602012 bytes follow the header. Maybe copy or write the file "
                        + "again.");
    }

    @Test
    void should_refuse_to_overwrite_an_output_when_not_forced() throws IOException {
        // GIVEN
        Path y = Files.writeString(dir.resolve("taken.npy"), "mine");

        // WHEN
        Run run = TestData.run("run", deployment.toString(), "--output", y.toString());

        // THEN refused before running, the file kept
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("error: The output file (" + y + ") exists. Maybe choose another --output, "
                + "or overwrite it with --force.");
        assertThat(y).hasContent("mine");
        assertThat(run.out()).doesNotContain("Ran ");
    }

    @Test
    void should_run_on_a_seeded_random_input_when_none_is_given() {
        // WHEN
        Run run = TestData.run("run", deployment.toString(), "--seed", "5");

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.lines()).first().asString()
                .isEqualTo("Input: seeded random values (seed 5), batch 1: {input_1=float32[1, 224, 224, 3]}");
    }

    @Test
    void should_explain_when_the_target_or_options_do_not_fit() {
        // WHEN / THEN
        Run compare = TestData.run("run", "MobileNet", "--compare");
        assertThat(compare.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(compare.err()).startsWith("error: --compare compares a deployment with its model, but MobileNet "
                + "is a model.");
        Run repeats = TestData.run("run", deployment.toString(), "--repeats", "0");
        assertThat(repeats.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(repeats.err()).startsWith("error: The repeats (0) must be at least 1.");
        Run missing = TestData.run("run", dir.resolve("nothing-here").toString());
        assertThat(missing.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(missing.err()).startsWith("error: The model file (" + dir.resolve("nothing-here")
                + ") does not exist");
    }

    private static void assertFailure(Run run, String message) {
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo(message + "\n");
    }
}
