package io.scission.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scission.Scission;
import io.scission.original.OriginalData;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceDataTest {

    /** Blocks and layers per model, as the original's .dat files split them (the notes on the original, §1.3). */
    static Stream<Arguments> layouts() {
        return Stream.of(Arguments.of("vgg19", 25, 26), Arguments.of("xception", 14, 134),
                Arguments.of("resnet50", 24, 177), Arguments.of("resnet101", 41, 347),
                Arguments.of("resnet152", 58, 517), Arguments.of("resnet50v2", 16, 192),
                Arguments.of("resnet101v2", 16, 379), Arguments.of("resnet152v2", 16, 566),
                Arguments.of("inception_v3", 19, 313), Arguments.of("inceptionresnet_v2", 61, 782),
                Arguments.of("mobilenet", 92, 93), Arguments.of("vgg16", 22, 23), Arguments.of("mobilenetv2", 66, 157),
                Arguments.of("densenet121", 22, 429), Arguments.of("densenet169", 22, 597),
                Arguments.of("densenet201", 22, 709), Arguments.of("nasnetlarge", 5, 1041),
                Arguments.of("nasnetmobile", 5, 771));
    }

    @Test
    void should_list_the_18_models_in_the_original_run_order_when_asked() {
        // GIVEN / WHEN
        List<String> models = Scission.referenceModels();

        // THEN
        assertThat(models).containsExactlyElementsOf(layouts().map(a -> (String) a.get()[0]).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void should_hold_the_model_on_the_papers_five_machines_when_loaded(String model, int blocks, int layers) {
        // WHEN
        ProfileSet set = Scission.referenceProfiles(model);

        // THEN
        assertThat(set.resources()).extracting(Resource::name, Resource::tier).containsExactly(
                org.assertj.core.groups.Tuple.tuple("raspi4", Tier.DEVICE),
                org.assertj.core.groups.Tuple.tuple("2500", Tier.EDGE),
                org.assertj.core.groups.Tuple.tuple("vm2Core", Tier.EDGE),
                org.assertj.core.groups.Tuple.tuple("6700k(GPU)", Tier.CLOUD),
                org.assertj.core.groups.Tuple.tuple("6700k(NoGPU)", Tier.CLOUD));
        assertThat(set.layout().size()).isEqualTo(blocks);
        assertThat(set.layout().layerCount()).isEqualTo(layers);
        assertThat(set.layout().inputBytes()).isEqualTo(150_000L);
        assertThat(set.layout().blocks()).allSatisfy(b -> assertThat((b.outputBytes() - 128) % 4).isZero());
        for (Profile p : set.profiles()) {
            assertThat(p.provenance().notes()).contains("https://github.com/qub-blesson/Scission",
                    "benchmark_data/" + p.resource().tier().name().toLowerCase(java.util.Locale.ROOT) + "-"
                            + p.resource().name() + ".dat", "Lockhart");
            assertThat(p.resource().hardware()).contains("the paper's");
        }
    }

    @Test
    void should_time_the_cloud_machines_as_table_three_does_when_summing_blocks() {
        // GIVEN Table III of the paper, native execution (s): VGG19, ResNet50, MobileNetV2, InceptionV3, DenseNet169
        List<String> models = List.of("vgg19", "resnet50", "mobilenetv2", "inception_v3", "densenet169");
        Map<String, double[]> table = Map.of("6700k(NoGPU)", new double[] {0.13, 0.08, 0.06, 0.11, 0.16},
                "6700k(GPU)", new double[] {0.01, 0.03, 0.03, 0.05, 0.10});

        // WHEN / THEN the published figures are the paper's clouds to within its rounding and 0.006 s
        table.forEach((resource, seconds) -> {
            for (int i = 0; i < models.size(); i++) {
                Profile p = Scission.referenceProfiles(models.get(i)).profile(resource).orElseThrow();
                double sum = 0;
                for (int b = 0; b < p.blocks().size(); b++) {
                    sum += p.seconds(b, TimingStatistic.MEAN);
                }
                assertThat(sum).as("%s %s", resource, models.get(i)).isCloseTo(seconds[i], within(0.006));
            }
        });
    }

    @Test
    void should_hold_the_original_network_files_when_asked_for_a_reference_network() {
        // GIVEN
        Resource pi = Resource.of("raspi4", Tier.DEVICE);
        Resource edge = Resource.of("vm2Core", Tier.EDGE);
        Resource gpu = Resource.of("6700k(GPU)", Tier.CLOUD);

        // WHEN
        Network threeG = Scission.referenceNetwork(ReferenceNetwork.THREE_G);
        Network wired = Scission.referenceNetwork(ReferenceNetwork.WIRED);

        // THEN the CSVs' ping (ms / 1000) and bandwidth (round(Mbps * 125000) bytes/s)
        assertThat(threeG.link(pi, edge).orElseThrow().latencySeconds()).isEqualTo(66.7 / 1000);
        assertThat(threeG.link(pi, edge).orElseThrow().bandwidth().bytesPerSecond()).isEqualTo(200_000.0);
        assertThat(threeG.link(pi, gpu).orElseThrow().latencySeconds()).isEqualTo(0.1);
        assertThat(wired.link(pi, gpu).orElseThrow().latencySeconds()).isEqualTo(0.045);
        assertThat(wired.link(pi, edge).orElseThrow().bandwidth().bytesPerSecond()).isEqualTo(2_500_000.0);
        assertThat(wired.link(edge, gpu).orElseThrow().bandwidth().bytesPerSecond()).isEqualTo(6_250_000.0);
        assertThat(wired.links()).hasSize(8);
        assertThat(ReferenceNetwork.parse("3G")).isEqualTo(ReferenceNetwork.THREE_G);
    }

    @Test
    void should_name_the_models_when_the_model_is_not_in_the_reference_data() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> Scission.referenceProfiles("alexnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The model (alexnet) is not in the reference data.")
                .hasMessageContaining("Maybe use one of: vgg19, xception, resnet50");
        assertThatThrownBy(() -> ReferenceNetwork.parse("4g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The reference network (4g) is not one of 3g, wired.")
                .hasMessageContaining("4g preset");
    }

    @Test
    void should_equal_a_fresh_conversion_when_the_original_files_are_present(@TempDir Path out) throws IOException {
        // GIVEN the original tool's files (the test is skipped without them)
        Path original = OriginalData.folder();

        // WHEN
        List<Path> written = ReferenceDataConverter.convert(original, out);

        // THEN every shipped file is byte for byte the converter's output, and nothing else is shipped
        assertThat(written).hasSize(18 * 5 + 1 + 2);
        for (Path file : written) {
            try (InputStream shipped = ReferenceDataTest.class.getResourceAsStream(
                    "/io/scission/reference/" + file.toString().replace('\\', '/'))) {
                assertThat(shipped).as("%s is shipped", file).isNotNull();
                assertThat(shipped.readAllBytes()).as("%s", file).isEqualTo(Files.readAllBytes(out.resolve(file)));
            }
        }
        Path source = Path.of("src", "main", "resources", "io", "scission", "reference");
        try (Stream<Path> files = Files.walk(source)) {
            assertThat(files.filter(Files::isRegularFile).map(source::relativize)
                    .filter(p -> !p.toString().equals("NOTICE.md")))
                    .containsExactlyInAnyOrderElementsOf(written);
        }
    }
}
