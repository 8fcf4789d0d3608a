package io.scission.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

    @Test
    void should_list_the_18_models_of_table_1_when_run() {
        // GIVEN / WHEN
        Run run = TestData.run("models");

        // THEN layers and partition points as in Table I
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.lines()).contains(
                "model              layers  partition points   parameters  input      key",
                "ResNet50              177                23   25,636,712  224x224x3  resnet50",
                "NASNetLarge          1041                 4   88,949,818  331x331x3  nasnetlarge");
        assertThat(run.lines().stream().filter(l -> l.matches("\\S+\\s+\\d+\\s+\\d+\\s+[\\d,]+\\s+.*"))).hasSize(18);
    }

    @Test
    void should_print_a_versioned_json_document_when_asked_for_json() throws IOException {
        // GIVEN / WHEN
        Run run = TestData.run("models", "--json");

        // THEN
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("format").asText()).isEqualTo("scission-models");
        assertThat(root.get("version").asInt()).isEqualTo(1);
        JsonNode models = root.get("models");
        assertThat(models).hasSize(18);
        assertThat(models.get(1).toString()).isEqualTo("{\"name\":\"VGG16\",\"key\":\"vgg16\",\"layers\":23,"
                + "\"partitionPoints\":21,\"params\":138357544,\"inputShape\":[224,224,3]}");
    }
}
