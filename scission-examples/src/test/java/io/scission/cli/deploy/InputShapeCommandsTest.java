package io.scission.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.cli.ScissionCli;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.deploy.Deployment;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --input-shape} on the commands that load a model to export or run it ({@code export}, {@code run},
 * {@code validate}; {@code inspect}, {@code profile} and {@code demo} have had it before), with a Keras file whose
 * input size is free ({@code tiny_fcn.json}: a 3x3 valid convolution, a 2x2 max pooling and a same convolution, so
 * a 24x24x3 input gives an 11x11x2 output).
 */
class InputShapeCommandsTest {

    private static String tinyFcn() throws URISyntaxException {
        return Path.of(TestData.class.getResource("/io/scission/cli/profile/tiny_fcn.json").toURI()).toString();
    }

    @Test
    void should_run_a_model_whose_input_size_is_free_when_input_shape_is_given() throws URISyntaxException {
        // GIVEN a Keras model whose input is (None, None, None, 3)
        String model = tinyFcn();

        // WHEN
        Run without = TestData.run("run", model);
        Run with = TestData.run("run", model, "--input-shape", "24x24x3");

        // THEN without a size, one line that says which option gives it (no Java advice); with it, the model runs at
        // that size
        assertThat(without.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(without.err()).startsWith("error: " + model + ": layer image (InputLayer) has the output shape "
                + "(None, None, None, 3)").contains("Maybe give the model's input a fixed size: --input-shape "
                + "224x224x3 with your sizes (or image=224x224x3 for that input alone).").hasLineCount(1)
                .doesNotContain("TfLoadOptions");
        assertThat(with.code()).as(with.err()).isZero();
        assertThat(with.out()).contains("Input: seeded random values (seed 42), batch 1: {image=float32[1, 24, 24, 3]}",
                "Output conv2: float32[1, 11, 11, 2]");
    }

    @Test
    void should_export_a_model_whose_input_size_is_free_when_input_shape_is_given(@TempDir Path dir)
            throws URISyntaxException {
        // GIVEN the same model, cut after its first block (layers 0-1) for a device and the cloud
        String model = tinyFcn();
        Path out = dir.resolve("deploy");

        // WHEN it is exported at 24x24x3, then the deployment is run, once with a shape it no longer takes
        Run export = TestData.run("export", model, "--input-shape", "24x24x3", "--cut", "1", "--resources",
                "device,cloud", "-o", out.toString());
        Run run = TestData.run("run", out.toString());
        Run reshaped = TestData.run("run", out.toString(), "--input-shape", "32x32x3");

        // THEN the chain was checked against the whole model at that size and runs from the deployment; a shape for
        // a deployment is refused, saying why and what to do
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported tiny_fcn (4 layers, 3 blocks, scission rule", "as 2 segments",
                "Checked output conv2: chain vs whole model");
        Deployment d = Scission.readDeployment(out);
        assertThat(d.modelInputs()).singleElement().satisfies(t -> assertThat(t.shape()).containsExactly(-1L, 24L,
                24L, 3L));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("{image=float32[1, 24, 24, 3]}", "Output conv2: float32[1, 11, 11, 2]");
        assertThat(reshaped.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(reshaped.err()).startsWith("error: --input-shape gives a model's inputs a size, but " + out
                + " is a deployment, whose sizes were fixed when it was exported. Maybe drop --input-shape")
                .hasLineCount(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"export", "run", "validate"})
    void should_refuse_a_malformed_input_shape_before_any_work_when_a_command_loads_a_model(String command,
            @TempDir Path dir) throws URISyntaxException {
        // GIVEN a shape with a zero, and what each command needs besides
        List<String> args = new java.util.ArrayList<>(List.of(command));
        switch (command) {
            case "export" -> args.addAll(List.of(tinyFcn(), "--cut", "1", "--resources", "device,cloud", "-o",
                    dir.resolve("deploy").toString()));
            case "run" -> args.add(tinyFcn());
            default -> args.addAll(List.of(dir.toString(), "MobileNet", "--preset", "4g"));
        }
        args.addAll(List.of("--input-shape", "24x0x3"));

        // WHEN
        Run r = TestData.run(args.toArray(new String[0]));

        // THEN one usage line, in the house style, and nothing written
        assertThat(r.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("error: The shape (24x0x3) of --input-shape is not a list of positive whole "
                + "numbers, optionally after INPUT=. Maybe write e.g. 224x224x3, or image=224x224x3. (see 'scission "
                + command + " --help')\n");
        assertThat(dir.resolve("deploy")).doesNotExist();
    }
}
