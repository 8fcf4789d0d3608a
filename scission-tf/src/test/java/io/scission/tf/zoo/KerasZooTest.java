package io.scission.tf.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.Scission;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.tf.keras.KerasArchitecture;
import io.scission.tf.keras.KerasLayer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table I of the Scission paper and the original tool's block layouts and output sizes (its .dat files, as the
 * built-in reference data holds them), reproduced from the zoo.
 */
class KerasZooTest {

    /** Table I: display name, layers, partition points; plus the well-known Keras Applications parameter totals. */
    static Stream<Arguments> tableOne() {
        return Stream.of(
                Arguments.of("Xception", "xception", 134, 13, 22_910_480L),
                Arguments.of("VGG16", "vgg16", 23, 21, 138_357_544L),
                Arguments.of("VGG19", "vgg19", 26, 24, 143_667_240L),
                Arguments.of("ResNet50", "resnet50", 177, 23, 25_636_712L),
                Arguments.of("ResNet101", "resnet101", 347, 40, 44_707_176L),
                Arguments.of("ResNet152", "resnet152", 517, 57, 60_419_944L),
                Arguments.of("ResNet50V2", "resnet50v2", 192, 15, 25_613_800L),
                Arguments.of("ResNet101V2", "resnet101v2", 379, 15, 44_675_560L),
                // The paper prints 556; the original tool's benchmark data (last block ends at layer 565) and
                // keras-applications both give 566: a typo in the paper.
                Arguments.of("ResNet152V2", "resnet152v2", 566, 15, 60_380_648L),
                Arguments.of("InceptionV3", "inception_v3", 313, 18, 23_851_784L),
                Arguments.of("InceptionResNetV2", "inceptionresnet_v2", 782, 60, 55_873_736L),
                Arguments.of("MobileNet", "mobilenet", 93, 91, 4_253_864L),
                Arguments.of("MobileNetV2", "mobilenetv2", 157, 65, 3_538_984L),
                Arguments.of("DenseNet121", "densenet121", 429, 21, 8_062_504L),
                Arguments.of("DenseNet169", "densenet169", 597, 21, 14_307_880L),
                Arguments.of("DenseNet201", "densenet201", 709, 21, 20_242_984L),
                Arguments.of("NASNetMobile", "nasnetmobile", 771, 4, 5_326_716L),
                Arguments.of("NASNetLarge", "nasnetlarge", 1041, 4, 88_949_818L));
    }

    private static Map<String, JsonNode> index;
    private static final Map<String, String> ROWS = new LinkedHashMap<>();

    @BeforeAll
    static void readIndex() throws IOException {
        index = new HashMap<>();
        try (InputStream in = new GZIPInputStream(KerasZooTest.class.getResourceAsStream("index.json.gz"))) {
            for (JsonNode m : new ObjectMapper().readTree(in).get("models")) {
                index.put(m.get("key").asText(), m);
            }
        }
    }

    @AfterAll
    static void printTable() {
        System.out.println(String.format(Locale.ROOT, "%-18s %6s %7s %12s %7s  %s", "model", "layers", "points",
                "params", "blocks", ".dat layout+sizes"));
        ROWS.values().forEach(System.out::println);
    }

    /** The original tool's blocks (the reference data: its .dat files converted), as first-last:output bytes. */
    private static List<String> layout(BlockLayout layout) {
        List<String> out = new ArrayList<>();
        for (Block b : layout.blocks()) {
            out.add(b.firstLayer() + "-" + b.lastLayer() + ":" + b.outputBytes());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableOne")
    void should_reproduce_table_one_and_the_dat_blocks_when_partitioned_under_the_scission_rule(String display,
            String key, int layers, int points, long params) {
        // GIVEN
        KerasArchitecture architecture = KerasZoo.architecture(display);

        // WHEN
        BlockLayout blocks = architecture.toModelGraph().blocks(PartitionRule.SCISSION);

        // THEN
        assertThat(architecture.layers()).hasSize(layers);
        assertThat(blocks.partitionPoints()).isEqualTo(points);
        assertThat(architecture.params()).isEqualTo(params);
        BlockLayout stored = Scission.referenceProfiles(key).layout();
        List<String> ours = new ArrayList<>();
        for (Block b : blocks.blocks()) {
            // The tool stores the size of a .npy file of the block's float32 output: 128-byte header + data.
            ours.add(b.firstLayer() + "-" + b.lastLayer() + ":" + (b.outputBytes() + 128));
        }
        assertThat(ours).isEqualTo(layout(stored));
        ROWS.put(key, String.format(Locale.ROOT, "%-18s %6d %7d %,12d %7d  equal", display,
                architecture.layers().size(), blocks.partitionPoints(), architecture.params(), blocks.size()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableOne")
    void should_match_the_python_side_shapes_and_params_when_inferring_every_layer(String display, String key) {
        // GIVEN
        JsonNode expected = index.get(key);
        KerasArchitecture architecture = KerasZoo.architecture(key);

        // WHEN
        List<KerasLayer> layers = architecture.layers();

        // THEN
        assertThat(expected.get("display_name").asText()).isEqualTo(display);
        assertThat(architecture.name()).isEqualTo(expected.get("keras_name").asText());
        assertThat(layers).hasSize(expected.get("layers").size());
        for (int i = 0; i < layers.size(); i++) {
            JsonNode e = expected.get("layers").get(i);
            KerasLayer layer = layers.get(i);
            List<Long> shape = new ArrayList<>();
            for (int d = 1; d < e.get("output_shape").size(); d++) {
                shape.add(e.get("output_shape").get(d).asLong());
            }
            assertThat(layer.name()).as("%s layer %d", key, i).isEqualTo(e.get("name").asText());
            assertThat(layer.className()).as("%s %s", key, layer.name()).isEqualTo(e.get("class_name").asText());
            assertThat(layer.outputShape()).as("%s %s", key, layer.name()).isEqualTo(shape);
            assertThat(layer.params()).as("%s %s", key, layer.name()).isEqualTo(e.get("params").asLong());
        }
        assertThat(architecture.trainableParams()).isEqualTo(expected.get("trainable_params").asLong());
    }

    @Test
    void should_list_the_eighteen_models_in_table_order_when_asked() {
        // WHEN
        List<ZooModel> models = KerasZoo.models();

        // THEN
        assertThat(models).extracting(ZooModel::displayName).containsExactly("Xception", "VGG16", "VGG19",
                "ResNet50", "ResNet101", "ResNet152", "ResNet50V2", "ResNet101V2", "ResNet152V2", "InceptionV3",
                "InceptionResNetV2", "MobileNet", "MobileNetV2", "DenseNet121", "DenseNet169", "DenseNet201",
                "NASNetMobile", "NASNetLarge");
        ZooModel nasnet = models.get(17);
        assertThat(nasnet.layers()).isEqualTo(1041);
        assertThat(nasnet.partitionPoints()).isEqualTo(4);
        assertThat(nasnet.params()).isEqualTo(88_949_818L);
        assertThat(nasnet.inputShape()).containsExactly(331L, 331L, 3L);
        assertThat(nasnet.location()).isEqualTo("zoo:nasnetlarge");
    }

    @Test
    void should_find_models_ignoring_case_underscores_and_prefix_when_looked_up() {
        assertThat(KerasZoo.find("ResNet50")).map(ZooModel::key).hasValue("resnet50");
        assertThat(KerasZoo.find("resnet50")).map(ZooModel::key).hasValue("resnet50");
        assertThat(KerasZoo.find("zoo:InceptionV3")).map(ZooModel::key).hasValue("inception_v3");
        assertThat(KerasZoo.find("inception_v3")).map(ZooModel::displayName).hasValue("InceptionV3");
        assertThat(KerasZoo.find("INCEPTIONRESNETV2")).map(ZooModel::key).hasValue("inceptionresnet_v2");
        assertThat(KerasZoo.find("resnet18")).isEmpty();
        assertThat(KerasZoo.contains("NASNetLarge")).isTrue();
    }

    @Test
    void should_name_the_known_models_when_the_name_is_unknown() {
        assertThatThrownBy(() -> KerasZoo.architecture("resnet18"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resnet18")
                .hasMessageContaining("ResNet50");
    }
}
