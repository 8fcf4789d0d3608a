package io.scission.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.cli.ScissionCli;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

    @Test
    void should_print_layers_and_blocks_when_given_a_zoo_name_in_any_case() {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "ResNet50");
        Run lower = TestData.run("inspect", "zoo:resnet50");

        // THEN Table I: 177 layers, 23 partition points
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.lines()).startsWith("Model ResNet50 (zoo:resnet50): 177 layers, 25,636,712 parameters, input "
                + "602,112 B", "Partition rule scission: 24 blocks, 23 partition points");
        assertThat(run.lines()).contains(
                "  #  layer                class                   output shape          inbound  block",
                "  0  input_1              InputLayer              (None, 224, 224, 3)   -            0",
                "176  probs                Dense                   (None, 1000)          175         23",
                "block  layers   output (B)  output (MB)",
                "    5  6-17      3,211,264       3.2113",
                "   23  176           4,000       0.0040");
        assertThat(lower.out()).isEqualTo(run.out());
    }

    @Test
    void should_print_one_json_object_when_asked_for_json() throws IOException {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "resnet50", "--json");

        // THEN
        assertThat(run.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("format").asText()).isEqualTo("scission-model");
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(root.get("model").asText()).isEqualTo("ResNet50");
        assertThat(root.get("sourceFormat").asText()).isEqualTo("zoo");
        assertThat(root.get("partitionRule").asText()).isEqualTo("scission");
        assertThat(root.get("layers")).hasSize(177);
        JsonNode add = root.get("layers").get(17);
        assertThat(add.get("name").asText()).isEqualTo("conv2_block1_add");
        assertThat(add.get("className").asText()).isEqualTo("Add");
        assertThat(add.get("outputShape").toString()).isEqualTo("[null,56,56,256]");
        assertThat(add.get("inbound").toString()).isEqualTo("[15,16]");
        assertThat(root.get("blocks")).hasSize(24);
        assertThat(root.get("blocks").get(5).toString())
                .isEqualTo("{\"index\":5,\"firstLayer\":6,\"lastLayer\":17,\"outputBytes\":3211264}");
    }

    @Test
    void should_cut_at_more_points_when_the_rule_is_single_tensor() throws IOException {
        // GIVEN / WHEN
        Run scission = TestData.run("inspect", "resnet50", "--json");
        Run single = TestData.run("inspect", "resnet50", "--json", "--partition-rule", "single-tensor");

        // THEN the single-tensor rule also cuts before each branch
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(single.out()).get("blocks").size())
                .isGreaterThan(json.readTree(scission.out()).get("blocks").size());
        assertThat(json.readTree(single.out()).get("partitionRule").asText()).isEqualTo("single-tensor");
    }

    @Test
    void should_read_a_tfjs_model_without_tensorflow_when_given_its_directory() {
        // GIVEN
        String dir = TestData.sharedModel("ml5-doodlenet-tfjs-layers").toString();

        // WHEN
        Run run = TestData.run("inspect", dir);

        // THEN
        assertThat(run.err()).isEmpty();
        assertThat(run.lines().get(0)).startsWith("Model sequential (" + dir + ", tfjs-layers): ");
    }

    @Test
    void should_fix_the_input_size_when_a_keras_file_leaves_it_free() {
        // GIVEN a fully convolutional Keras h5 file, input (None, None, None, 3)
        String file = TestData.sharedModel("dl4j-keras-h5-small-cnns").resolve("12net.h5").toString();

        // WHEN
        Run free = TestData.run("inspect", file);
        Run fixed = TestData.run("inspect", file, "--input-shape", "12x12x3");

        // THEN
        assertThat(free.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(free.err()).isEqualTo("error: The model " + file + " has an input (input_2) whose size is only "
                + "known at run time. Maybe give it a size with --input-shape, e.g. --input-shape 224x224x3.\n");
        assertThat(fixed.err()).isEmpty();
        assertThat(fixed.lines()).contains("0  input_2          InputLayer    (None, 12, 12, 3)   -            0");
    }

    @Test
    void should_fail_as_a_usage_error_when_the_input_shape_is_not_numbers() {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "vgg16", "--input-shape", "224xx3");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: The shape (224xx3) of --input-shape is not a list of positive whole "
                + "numbers, optionally after INPUT=. Maybe write e.g. 224x224x3, or image=224x224x3. (see 'scission "
                + "inspect --help')\n");
    }

    @Test
    void should_suggest_the_closest_zoo_name_when_the_name_is_mistyped() {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "resnet5");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: The model (resnet5) is neither a file nor a zoo model. Maybe you meant "
                + "ResNet50 ('scission models' lists the zoo).\n");
    }

    @Test
    void should_list_the_zoo_when_the_name_is_nothing_like_a_zoo_model() {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "alexnet");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: The model (alexnet) is neither a file nor a zoo model. Maybe use one "
                + "of the zoo models (Xception, VGG16, ").endsWith("NASNetLarge) or a model file.\n");
    }

    @Test
    void should_name_the_missing_file_when_the_path_does_not_exist() {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "models/missing.h5");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: The model file (models/missing.h5) does not exist (looked in ")
                .contains("Maybe check the path").hasLineCount(1);
    }

    @Test
    void should_fail_as_a_usage_error_when_the_partition_rule_is_unknown() {
        // GIVEN / WHEN
        Run run = TestData.run("inspect", "vgg16", "--partition-rule", "every-layer");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: The partition rule (every-layer) is not one of scission, "
                + "single-tensor, tensors:K (K from 1 to 999999999, the most tensors a cut may be crossed by). Maybe "
                + "write --partition-rule scission. (see 'scission inspect --help')\n");
    }

    @Test
    void should_measure_the_edit_distance_when_suggesting() {
        // GIVEN / WHEN / THEN
        assertThat(ModelArgument.distance("resnet5", "resnet50")).isEqualTo(1);
        assertThat(ModelArgument.distance("vgg", "vgg16")).isEqualTo(2);
        assertThat(ModelArgument.distance("", "abc")).isEqualTo(3);
        assertThat(ModelArgument.suggestion("mobilnetv2")).isEqualTo("you meant MobileNetV2 ('scission models' "
                + "lists the zoo).");
    }
}
